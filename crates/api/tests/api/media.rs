//! Media processing off the request path: image thumbnails and dimensions, audio duration and
//! waveform, failures that leave the file downloadable, processing after a restart, the
//! thumbnail endpoints' isolation, and the per-organization storage quota.

use crate::common;

use atrium::db::files::{self, FileRow};
use atrium::db::schema::{files as files_table, organizations};
use common::{header, status_of, stored_files, Staff, TestApp};
use diesel::prelude::*;
use image::{GenericImageView, ImageFormat, RgbImage};
use serde_json::json;
use shared_types::approvals::{Approval, FileMeta, GalleryItem};
use shared_types::{ApprovalKind, FileKind, MediaState, Page};
use std::io::Cursor;
use std::path::PathBuf;
use std::time::Duration;

fn row(app: &TestApp, id: &str) -> FileRow {
    app.conn(|c| {
        files_table::table
            .filter(files_table::id.eq(id))
            .first::<FileRow>(c)
    })
    .expect("file row")
}

/// Waits (up to 30 s) until the worker has processed the file.
async fn processed(app: &TestApp, id: &str) -> FileRow {
    for _ in 0..600 {
        let row = row(app, id);
        if row.media_state != MediaState::Pending {
            return row;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("file {id} was never processed");
}

/// A gradient image of `width`×`height` encoded as `format`.
fn picture(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 90])
    });
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).expect("encode");
    out.into_inner()
}

/// A 16-bit mono WAV at 8 kHz: `tone_secs` of a 440 Hz sine at 80 % amplitude, then
/// `silence_secs` of silence.
fn wav(tone_secs: u32, silence_secs: u32) -> Vec<u8> {
    const RATE: u32 = 8000;
    let frames = RATE * (tone_secs + silence_secs);
    let data_len = frames * 2;
    let mut out = Vec::with_capacity(44 + data_len as usize);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&RATE.to_le_bytes());
    out.extend_from_slice(&(RATE * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for i in 0..frames {
        let sample = if i < RATE * tone_secs {
            let t = f64::from(i) / f64::from(RATE);
            (0.8 * (2.0 * std::f64::consts::PI * 440.0 * t).sin() * 32767.0) as i16
        } else {
            0
        };
        out.extend_from_slice(&sample.to_le_bytes());
    }
    out
}

/// The file as the staff approval detail shows it.
async fn staff_meta(staff: &Staff, approval: &Approval, file_id: &str) -> FileMeta {
    let res = staff
        .get(&format!("/api/v1/approvals/{}", approval.summary.id))
        .await;
    assert_eq!(res.status(), 200);
    let approval: Approval = res.json().await.unwrap();
    approval.versions[0]
        .files
        .iter()
        .find(|f| f.id == file_id)
        .expect("file in the approval")
        .clone()
}

#[actix_web::test]
async fn images_get_dimensions_and_a_thumbnail_served_only_to_their_client() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let other = app.client(&owner, "Red Rock").await;
    let project = app.project(&owner, &client, "Spring").await;
    app.contact(&owner, &client, "ana@bp.example").await;
    app.contact(&owner, &other, "rui@rr.example").await;

    let meta = owner
        .upload_ok(
            &client.id,
            "poster.png",
            picture(800, 600, ImageFormat::Png),
        )
        .await;
    assert_eq!(meta.kind, FileKind::Image);
    assert_eq!(meta.media_state, MediaState::Pending);
    assert!(!meta.has_thumbnail);
    let photo = owner
        .upload_ok(
            &client.id,
            "photo.jpg",
            picture(300, 1000, ImageFormat::Jpeg),
        )
        .await;

    let done = processed(&app, &meta.id).await;
    assert_eq!(
        done.media_state,
        MediaState::Ready,
        "{:?}",
        done.media_error
    );
    assert_eq!((done.width, done.height), (Some(800), Some(600)));
    let key = format!("orgs/{}/thumbs/{}", owner.org_id, meta.id);
    assert_eq!(done.thumbnail_key.as_deref(), Some(key.as_str()));
    assert!(stored_files(&app.storage_dir()).contains(&PathBuf::from(&key)));
    let done = processed(&app, &photo.id).await;
    assert_eq!((done.width, done.height), (Some(300), Some(1000)));

    let approval = app
        .approval(
            &owner,
            &project,
            "Poster",
            ApprovalKind::Image,
            &[&meta.id, &photo.id],
        )
        .await;
    let shown = staff_meta(&owner, &approval, &meta.id).await;
    assert_eq!(shown.media_state, MediaState::Ready);
    assert!(shown.has_thumbnail);
    assert_eq!((shown.width, shown.height), (Some(800), Some(600)));

    // Staff: a JPEG that fits in 480×480, same proportions.
    let res = owner
        .get(&format!("/api/v1/files/{}/thumbnail", meta.id))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-type"), "image/jpeg");
    assert_eq!(header(&res, "x-content-type-options"), "nosniff");
    assert_eq!(header(&res, "content-security-policy"), "sandbox");
    assert_eq!(header(&res, "accept-ranges"), "bytes");
    assert!(header(&res, "content-disposition").starts_with("inline;"));
    let thumb = res.bytes().await.unwrap();
    let decoded = image::load_from_memory_with_format(&thumb, ImageFormat::Jpeg).unwrap();
    assert_eq!(decoded.dimensions(), (480, 360));

    // Portal: the whole thumbnail, a range of it, and the gallery says it exists.
    let ana = app.sign_in("ana@bp.example").await;
    let url = app.url(&format!("/portal/api/files/{}/thumbnail", meta.id));
    let res = ana.get(&url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-type"), "image/jpeg");
    assert_eq!(header(&res, "x-content-type-options"), "nosniff");
    assert_eq!(header(&res, "content-security-policy"), "sandbox");
    assert_eq!(res.bytes().await.unwrap(), thumb);
    let res = ana
        .get(&url)
        .header("Range", "bytes=0-9")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 206);
    assert_eq!(
        header(&res, "content-range"),
        format!("bytes 0-9/{}", thumb.len())
    );
    assert_eq!(res.bytes().await.unwrap(), thumb.slice(0..10));
    let page: Page<GalleryItem> = ana
        .get(app.url("/portal/api/gallery"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let item = page.items.iter().find(|i| i.file.id == meta.id).unwrap();
    assert!(item.file.has_thumbnail);
    assert_eq!(item.file.media_state, MediaState::Ready);

    // Another client's contact, and signed-out requests, see nothing.
    let rui = app.sign_in("rui@rr.example").await;
    let res = rui.get(&url).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let res = app.browser().get(&url).send().await.unwrap();
    assert_eq!(res.status(), 401);
    // Another organization's staff neither.
    let rival = app.org("rival").await;
    let res = rival
        .get(&format!("/api/v1/files/{}/thumbnail", meta.id))
        .await;
    assert_eq!(res.status(), 404);

    // Archived: the portal thumbnail goes with the file.
    let res = owner
        .post(
            &format!("/api/v1/approvals/{}/archive", approval.summary.id),
            serde_json::json!({}),
        )
        .await;
    assert!(res.status().is_success());
    let res = ana.get(&url).send().await.unwrap();
    assert_eq!(res.status(), 404);
}

#[actix_web::test]
async fn audio_gets_its_duration_and_a_waveform() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let meta = owner.upload_ok(&client.id, "jingle.wav", wav(2, 1)).await;
    assert_eq!(meta.kind, FileKind::Audio);
    assert_eq!(meta.media_state, MediaState::Pending);

    let done = processed(&app, &meta.id).await;
    assert_eq!(
        done.media_state,
        MediaState::Ready,
        "{:?}",
        done.media_error
    );
    let duration = done.duration_ms.expect("duration");
    assert!((2990..=3010).contains(&duration), "{duration} ms");
    let peaks: Vec<f32> = serde_json::from_str(done.waveform.as_deref().unwrap()).unwrap();
    assert_eq!(peaks.len(), 200);
    // The tone fills the first two thirds (≈ 133 points), silence the last third.
    assert!(
        peaks[..130].iter().all(|&p| (0.7..=0.85).contains(&p)),
        "{peaks:?}"
    );
    assert!(peaks[136..].iter().all(|&p| p < 0.01), "{peaks:?}");
    assert!(done.thumbnail_key.is_none());
    // No thumbnail for audio.
    let res = owner
        .get(&format!("/api/v1/files/{}/thumbnail", meta.id))
        .await;
    assert_eq!(res.status(), 404);
}

#[actix_web::test]
async fn a_timecode_past_the_end_of_a_processed_recording_is_refused() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let project = app.project(&owner, &client, "Spring").await;
    let meta = owner.upload_ok(&client.id, "jingle.wav", wav(2, 1)).await;
    let done = processed(&app, &meta.id).await;
    assert_eq!(done.media_state, MediaState::Ready);
    let approval = app
        .approval(&owner, &project, "Jingle", ApprovalKind::Audio, &[&meta.id])
        .await;
    let path = format!("/api/v1/approvals/{}/comments", approval.summary.id);
    let before = app.count("approval_comments");
    for late in [3_100, 300_000] {
        let body = json!({"body": "Here", "version": 1, "timecode_ms": late});
        let (status, err) = status_of(owner.post(&path, body).await).await;
        assert_eq!(status, 422, "{err}");
        assert_eq!(
            err["error"]["fields"]["timecode_ms"],
            "This recording is 0:03 long; choose a time within it."
        );
    }
    assert_eq!(app.count("approval_comments"), before);
    for fine in [0, 2_900] {
        let body = json!({"body": "Here", "version": 1, "timecode_ms": fine});
        assert_eq!(owner.post(&path, body).await.status(), 201);
    }
}

#[actix_web::test]
async fn a_corrupt_image_is_marked_failed_and_still_downloads() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let mut data = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    data.extend((0..20_000).map(|i| (i * 31 % 251) as u8));
    let meta = owner
        .upload_ok(&client.id, "broken.png", data.clone())
        .await;
    assert_eq!(meta.kind, FileKind::Image);

    let done = processed(&app, &meta.id).await;
    assert_eq!(done.media_state, MediaState::Failed);
    assert!(done.media_error.is_some());
    assert!(done.thumbnail_key.is_none() && done.width.is_none());
    let res = owner
        .get(&format!("/api/v1/files/{}/thumbnail", meta.id))
        .await;
    assert_eq!(res.status(), 404);
    let res = owner.get(&format!("/api/v1/files/{}", meta.id)).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().as_ref(), data.as_slice());

    // The worker lives on: the next upload is processed.
    let next = owner
        .upload_ok(&client.id, "ok.png", picture(10, 10, ImageFormat::Png))
        .await;
    assert_eq!(
        processed(&app, &next.id).await.media_state,
        MediaState::Ready
    );
}

#[actix_web::test]
async fn documents_need_no_processing() {
    let app = TestApp::new().await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let meta = owner
        .upload_ok(&client.id, "brief.pdf", b"%PDF-1.7\n%...".to_vec())
        .await;
    assert_eq!(meta.kind, FileKind::Document);
    assert_eq!(meta.media_state, MediaState::None);
    assert_eq!(row(&app, &meta.id).media_state, MediaState::None);
}

#[actix_web::test]
async fn files_left_pending_are_processed_when_the_server_starts() {
    // The running server only looks for pending files at start-up and hourly.
    let app = TestApp::with(common::Options {
        env: vec![("ATRIUM_MEDIA_POLL_SECS", "3600".into())],
    })
    .await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    // A file stored and recorded, but never processed (the server stopped first).
    let id = uuid::Uuid::now_v7().to_string();
    let key = format!("orgs/{}/files/{id}", owner.org_id);
    let bytes = picture(64, 32, ImageFormat::Png);
    let path = app.storage_dir().join(&key);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    let now = app.clock.now();
    app.conn(|c| {
        files::insert(
            c,
            &FileRow {
                id: id.clone(),
                org_id: owner.org_id.clone(),
                client_id: client.id.clone(),
                storage_key: key.clone(),
                filename: "left.png".into(),
                content_type: "image/png".into(),
                size_bytes: bytes.len() as i64,
                sha256: "0".repeat(64),
                kind: FileKind::Image,
                width: None,
                height: None,
                duration_ms: None,
                waveform: None,
                thumbnail_key: None,
                uploaded_by_kind: "staff".into(),
                uploaded_by_id: owner.id.clone(),
                created_at: now,
                media_state: MediaState::Pending,
                media_error: None,
            },
        )
    })
    .unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(row(&app, &id).media_state, MediaState::Pending);

    // A restart: a new server on the same database and storage.
    let restarted = atrium::server::start(app.config.clone(), app.clock.clone(), 1)
        .await
        .expect("restart");
    let handle = restarted.server.handle();
    actix_web::rt::spawn(restarted.server);
    let done = processed(&app, &id).await;
    assert_eq!(
        done.media_state,
        MediaState::Ready,
        "{:?}",
        done.media_error
    );
    assert_eq!((done.width, done.height), (Some(64), Some(32)));
    handle.stop(false).await;
}

#[actix_web::test]
async fn uploads_past_the_storage_quota_are_refused_and_leave_nothing() {
    let app = TestApp::with(common::Options {
        env: vec![("ATRIUM_STORAGE_QUOTA_BYTES", "50000".into())],
    })
    .await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let blob = |len: usize| (0..len).map(|i| (i * 7 % 251) as u8).collect::<Vec<u8>>();

    owner.upload_ok(&client.id, "a.bin", blob(30_000)).await;
    let rows = app.count("files");
    let stored = stored_files(&app.storage_dir());
    // Over the remaining 20,000 bytes: refused while streaming, or at once when the declared
    // length already shows it.
    for len in [20_001, 3_000_000] {
        let (status, body) =
            status_of(owner.upload_file(&client.id, "b.bin", blob(len)).await).await;
        assert_eq!(status, 413, "{len} bytes");
        assert_eq!(body["error"]["code"], "quota_exceeded", "{len} bytes");
        assert!(body["error"]["message"].as_str().unwrap().contains("quota"));
        assert_eq!(app.count("files"), rows);
        assert_eq!(stored_files(&app.storage_dir()), stored);
    }
    // Exactly the room left fits.
    owner.upload_ok(&client.id, "c.bin", blob(20_000)).await;

    // An organization's own quota overrides the default, both ways.
    let rival = app.org("rival").await;
    let rival_client = app.client(&rival, "Green Hill").await;
    let set_quota = |org: &str, quota: Option<i64>| {
        app.conn(|c| {
            diesel::update(organizations::table.filter(organizations::id.eq(org)))
                .set(organizations::storage_quota_bytes.eq(quota))
                .execute(c)
        })
        .unwrap();
    };
    set_quota(&rival.org_id, Some(200_000));
    rival
        .upload_ok(&rival_client.id, "big.bin", blob(150_000))
        .await;
    set_quota(&rival.org_id, Some(160_000));
    let (status, body) = status_of(
        rival
            .upload_file(&rival_client.id, "more.bin", blob(10_001))
            .await,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (413, Some("quota_exceeded"))
    );
}

#[actix_web::test]
async fn racing_uploads_cannot_share_the_last_free_space() {
    let app = TestApp::with(common::Options {
        env: vec![("ATRIUM_STORAGE_QUOTA_BYTES", "50000".into())],
    })
    .await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let blob = vec![7u8; 30_000];
    let (a, b) = tokio::join!(
        owner.upload_file(&client.id, "a.bin", blob.clone()),
        owner.upload_file(&client.id, "b.bin", blob.clone()),
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [201, 413]);
    assert_eq!(app.count("files"), 1);
    assert_eq!(stored_files(&app.storage_dir()).len(), 1);
}
