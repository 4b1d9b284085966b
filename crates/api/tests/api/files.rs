//! Files: streamed upload into `file://` storage and download with HTTP Range; the size limit
//! leaves nothing behind; types are sniffed from content; filenames never reach storage keys;
//! portal and cross-org isolation.

use crate::common;

use common::{header, status_of, stored_files, Staff, TestApp};
use sha2::{Digest, Sha256};
use shared_types::approvals::FileMeta;
use shared_types::{ApprovalKind, FileKind};
use std::path::PathBuf;

const PNG_MAGIC: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// A PNG signature followed by `len - 8` patterned bytes.
fn png_bytes(len: usize) -> Vec<u8> {
    let mut data = PNG_MAGIC.to_vec();
    data.extend((8..len).map(|i| (i * 31 % 251) as u8));
    data
}

async fn staff_get(
    app: &TestApp,
    staff: &Staff,
    id: &str,
    range: Option<&str>,
) -> reqwest::Response {
    let mut req = staff
        .http
        .get(app.url(&format!("/api/v1/files/{id}")))
        .bearer_auth(&staff.token);
    if let Some(range) = range {
        req = req.header("Range", range);
    }
    req.send().await.expect("download")
}

#[actix_web::test]
async fn upload_and_download_round_trip_with_ranges() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let data = png_bytes(300_000);
    let meta = owner.upload_ok(&client.id, "shot.png", data.clone()).await;
    assert_eq!(meta.size_bytes, data.len() as i64);
    assert_eq!(meta.sha256, hex::encode(Sha256::digest(&data)));
    assert_eq!(meta.content_type, "image/png");
    assert_eq!(meta.kind, FileKind::Image);
    assert_eq!(meta.filename, "shot.png");
    assert_eq!(app.count("files"), 1);
    assert_eq!(
        stored_files(&app.storage_dir()),
        vec![PathBuf::from(format!(
            "orgs/{}/files/{}",
            owner.org_id, meta.id
        ))]
    );

    let res = staff_get(&app, &owner, &meta.id, None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-type"), "image/png");
    assert_eq!(header(&res, "accept-ranges"), "bytes");
    assert_eq!(header(&res, "x-content-type-options"), "nosniff");
    assert_eq!(header(&res, "content-security-policy"), "sandbox");
    assert_eq!(
        header(&res, "content-disposition"),
        "inline; filename=\"shot.png\"; filename*=UTF-8''shot.png"
    );
    assert_eq!(header(&res, "content-length"), data.len().to_string());
    let body = res.bytes().await.unwrap();
    assert_eq!(hex::encode(Sha256::digest(&body)), meta.sha256);
    assert_eq!(body.as_ref(), data.as_slice());

    let n = data.len();
    for (range, first, last) in [
        ("bytes=100-199".to_owned(), 100, 199),
        (format!("bytes={}-", n - 1000), n - 1000, n - 1),
        ("bytes=-777".to_owned(), n - 777, n - 1),
        (format!("bytes=5-{}", n + 50), 5, n - 1),
    ] {
        let res = staff_get(&app, &owner, &meta.id, Some(&range)).await;
        assert_eq!(res.status(), 206, "{range}");
        assert_eq!(
            header(&res, "content-range"),
            format!("bytes {first}-{last}/{n}"),
            "{range}"
        );
        assert_eq!(header(&res, "accept-ranges"), "bytes");
        let body = res.bytes().await.unwrap();
        assert_eq!(body.as_ref(), &data[first..=last], "{range}");
    }
    for range in [
        format!("bytes={n}-"),
        format!("bytes={}-{}", n + 1, n + 9),
        "bytes=-0".into(),
    ] {
        let res = staff_get(&app, &owner, &meta.id, Some(&range)).await;
        assert_eq!(res.status(), 416, "{range}");
        assert_eq!(header(&res, "content-range"), format!("bytes */{n}"));
    }
}

#[actix_web::test]
async fn over_limit_upload_is_413_and_leaves_nothing_behind() {
    let app = TestApp::with(common::Options {
        env: vec![("ATRIUM_MAX_UPLOAD_BYTES", "4096".into())],
    })
    .await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    // Exactly the limit is accepted.
    owner
        .upload_ok(&client.id, "fits.png", png_bytes(4096))
        .await;
    let rows = app.count("files");
    let stored = stored_files(&app.storage_dir());
    assert_eq!(stored.len(), 1);

    for len in [4097, 200_000] {
        let res = owner
            .upload_typed(&client.id, "big.png", "image/png", png_bytes(len))
            .await;
        let (status, body) = status_of(res).await;
        assert_eq!(status, 413, "{len} bytes");
        assert_eq!(body["error"]["code"], "payload_too_large");
        assert_eq!(app.count("files"), rows);
        assert_eq!(stored_files(&app.storage_dir()), stored);
    }
}

#[actix_web::test]
async fn html_named_png_is_not_stored_as_an_image() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let html = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>";
    let res = owner
        .upload_typed(&client.id, "x.png", "image/png", html.to_vec())
        .await;
    assert_eq!(res.status(), 201);
    let meta: FileMeta = res.json().await.unwrap();
    assert_eq!(meta.kind, FileKind::Other);
    assert_eq!(meta.content_type, "application/octet-stream");
    let res = staff_get(&app, &owner, &meta.id, None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-type"), "application/octet-stream");
    assert!(header(&res, "content-disposition").starts_with("attachment;"));
    assert_eq!(header(&res, "content-security-policy"), "sandbox");
}

#[actix_web::test]
async fn path_traversal_filename_is_reduced_and_never_used_as_a_key() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let meta = owner
        .upload_ok(&client.id, "../../etc/passwd", png_bytes(1000))
        .await;
    assert_eq!(meta.filename, "passwd");
    let stored = stored_files(&app.storage_dir());
    assert_eq!(
        stored,
        vec![PathBuf::from(format!(
            "orgs/{}/files/{}",
            owner.org_id, meta.id
        ))]
    );
    let text = stored[0].display().to_string();
    assert!(!text.contains("passwd") && !text.contains("etc") && !text.contains(".."));
    let key: String = app.conn(|c| {
        use atrium::db::schema::files;
        use diesel::prelude::*;
        files::table
            .filter(files::id.eq(&meta.id))
            .select(files::storage_key)
            .first(c)
            .unwrap()
    });
    assert_eq!(key, format!("orgs/{}/files/{}", owner.org_id, meta.id));
    let res = staff_get(&app, &owner, &meta.id, None).await;
    assert_eq!(
        header(&res, "content-disposition"),
        "inline; filename=\"passwd\"; filename*=UTF-8''passwd"
    );
}

#[actix_web::test]
async fn empty_and_missing_files_are_refused() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let res = owner
        .upload_typed(&client.id, "empty.bin", "application/octet-stream", vec![])
        .await;
    assert_eq!(res.status(), 422);
    let form = reqwest::multipart::Form::new().text("other", "x");
    let res = owner
        .http
        .post(app.url(&format!("/api/v1/clients/{}/files", client.id)))
        .bearer_auth(&owner.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert_eq!(app.count("files"), 0);
    assert!(stored_files(&app.storage_dir()).is_empty());
}

#[actix_web::test]
async fn an_upload_with_two_files_is_refused_and_keeps_neither() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let part = |name: &str| {
        reqwest::multipart::Part::bytes(png_bytes(2000))
            .file_name(name.to_owned())
            .mime_str("image/png")
            .unwrap()
    };
    let form = reqwest::multipart::Form::new()
        .part("file", part("one.png"))
        .text("note", "between")
        .part("file", part("two.png"));
    let res = owner
        .http
        .post(app.url(&format!("/api/v1/clients/{}/files", client.id)))
        .bearer_auth(&owner.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (status, err) = status_of(res).await;
    assert_eq!(status, 422, "{err}");
    assert_eq!(
        err["error"]["fields"]["file"],
        "Send one file per upload; this request has more than one."
    );
    assert_eq!(app.count("files"), 0);
    assert!(stored_files(&app.storage_dir()).is_empty());
}

#[actix_web::test]
async fn portal_downloads_only_files_of_its_clients_live_approvals() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let other = app.client(&owner, "Red Rock").await;
    let project = app.project(&owner, &client, "Spring").await;
    let other_project = app.project(&owner, &other, "Autumn").await;
    app.contact(&owner, &client, "ana@bp.example").await;
    app.contact(&owner, &other, "rui@rr.example").await;

    let data = png_bytes(50_000);
    let attached = owner.upload_ok(&client.id, "cut.png", data.clone()).await;
    let loose = owner
        .upload_ok(&client.id, "loose.png", png_bytes(100))
        .await;
    let theirs = owner
        .upload_ok(&other.id, "theirs.png", png_bytes(100))
        .await;
    let approval = app
        .approval(
            &owner,
            &project,
            "Cut",
            ApprovalKind::Image,
            &[&attached.id],
        )
        .await;
    app.approval(
        &owner,
        &other_project,
        "Theirs",
        ApprovalKind::Image,
        &[&theirs.id],
    )
    .await;

    let ana = app.sign_in("ana@bp.example").await;
    let get = |id: &str, range: Option<&str>| {
        let mut req = ana.get(app.url(&format!("/portal/api/files/{id}")));
        if let Some(range) = range {
            req = req.header("Range", range);
        }
        req.send()
    };
    let res = get(&attached.id, None).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-security-policy"), "sandbox");
    assert_eq!(res.bytes().await.unwrap().as_ref(), data.as_slice());
    let res = get(&attached.id, Some("bytes=-10")).await.unwrap();
    assert_eq!(res.status(), 206);
    assert_eq!(
        res.bytes().await.unwrap().as_ref(),
        &data[data.len() - 10..]
    );

    // Another client's file, an unattached file and an unknown id all look the same.
    for id in [&theirs.id, &loose.id, &"nope".to_owned()] {
        let res = get(id, None).await.unwrap();
        assert_eq!(res.status(), 404, "{id}");
    }
    // Signed out: 401.
    let res = app
        .browser()
        .get(app.url(&format!("/portal/api/files/{}", attached.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);

    // Archiving the approval withdraws its files from the portal.
    let res = owner
        .post(
            &format!("/api/v1/approvals/{}/archive", approval.summary.id),
            serde_json::json!({}),
        )
        .await;
    assert!(res.status().is_success(), "archive: {}", res.status());
    let res = get(&attached.id, None).await.unwrap();
    assert_eq!(res.status(), 404);
}

#[actix_web::test]
async fn staff_of_another_org_cannot_upload_or_download() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let rival = app.org("rival").await;
    let meta = owner.upload_ok(&client.id, "cut.png", png_bytes(500)).await;

    let res = staff_get(&app, &rival, &meta.id, None).await;
    assert_eq!(res.status(), 404);
    let res = rival
        .upload_typed(&client.id, "x.png", "image/png", png_bytes(500))
        .await;
    assert_eq!(res.status(), 404);
    assert_eq!(app.count("files"), 1);
    assert_eq!(stored_files(&app.storage_dir()).len(), 1);
    // And no token at all.
    let res = app
        .bare()
        .get(app.url(&format!("/api/v1/files/{}", meta.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
}
