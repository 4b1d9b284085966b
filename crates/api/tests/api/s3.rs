//! S3-compatible storage against a real S3 API: PyPI's `moto[server]` run locally. A staff upload
//! larger than one 5 MiB part goes through S3 multipart upload; the portal downloads it back
//! with a Range request. Without `moto_server` the test prints SKIPPED, except under `CI=true`
//! where it is required (scripts/setup.sh --test installs it).

use crate::common;

use common::{Options, TestApp};
use sha2::{Digest, Sha256};
use shared_types::approvals::FileMeta;
use shared_types::ApprovalKind;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BUCKET: &str = "atrium-test";
const PREFIX: &str = "tenant-a/uploads";

/// A `moto_server` process on 127.0.0.1; killed on drop.
struct Moto {
    child: Child,
    endpoint: String,
}

impl Moto {
    /// `None` (after printing SKIPPED) when moto_server is not installed and CI is not set.
    fn start() -> Option<Self> {
        let port = common::free_port();
        let spawned = Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let child = match spawned {
            Ok(child) => child,
            Err(e) if std::env::var("CI").as_deref() == Ok("true") => {
                panic!("moto_server is required under CI (pip install 'moto[server]'): {e}")
            }
            Err(e) => {
                println!("SKIPPED: moto_server not available ({e}); pip install 'moto[server]'");
                return None;
            }
        };
        let mut moto = Moto {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            // A moto that could not listen has exited; whatever answers then is not it.
            assert!(
                matches!(moto.child.try_wait(), Ok(None)),
                "moto_server exited before it listened on {port}"
            );
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "moto_server did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Some(moto)
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Bytes that no sniffer recognises, so they are stored as `application/octet-stream`.
fn data(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x2545_F491;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

#[actix_web::test]
async fn uploads_go_to_s3_and_come_back_with_ranges() {
    let Some(moto) = Moto::start() else {
        return;
    };
    let http = reqwest::Client::new();
    // moto accepts unsigned requests: create the bucket with a plain PUT.
    let res = http
        .put(format!("{}/{BUCKET}", moto.endpoint))
        .send()
        .await
        .expect("create bucket");
    assert!(res.status().is_success(), "create bucket: {}", res.status());

    let app = TestApp::with(Options {
        env: vec![
            (
                "ATRIUM_STORAGE_URL",
                format!("s3://{BUCKET}/{PREFIX}?endpoint={}", moto.endpoint),
            ),
            ("ATRIUM_S3_REGION", "us-east-1".into()),
            ("ATRIUM_S3_ACCESS_KEY_ID", "testing".into()),
            ("ATRIUM_S3_SECRET_ACCESS_KEY", "testing".into()),
        ],
    })
    .await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let project = app.project(&owner, &client, "Spring").await;
    app.contact(&owner, &client, "ana@bp.example").await;

    // 12 MiB + 12345 bytes: three multipart parts, the last one short.
    let bytes = data(12 * 1024 * 1024 + 12_345);
    let part = reqwest::multipart::Part::bytes(bytes.clone())
        .file_name("master.bin")
        .mime_str("application/octet-stream")
        .unwrap();
    let res = owner
        .http
        .post(app.url(&format!("/api/v1/clients/{}/files", client.id)))
        .bearer_auth(&owner.token)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .expect("upload");
    assert_eq!(res.status(), 201, "upload");
    let meta: FileMeta = res.json().await.unwrap();
    assert_eq!(meta.size_bytes, bytes.len() as i64);
    assert_eq!(meta.sha256, hex::encode(Sha256::digest(&bytes)));

    // The object is in the bucket, under the prefix, with every byte.
    let key = format!("{PREFIX}/orgs/{}/files/{}", owner.org_id, meta.id);
    let stored = http
        .get(format!("{}/{BUCKET}/{key}", moto.endpoint))
        .send()
        .await
        .expect("get object");
    assert_eq!(stored.status(), 200, "object {key}");
    assert_eq!(stored.bytes().await.unwrap().as_ref(), &bytes[..]);

    // The portal serves files of the client's live approvals: put the file up for review.
    app.approval(&owner, &project, "Master", ApprovalKind::Other, &[&meta.id])
        .await;
    let browser = app.sign_in("ana@bp.example").await;
    let url = app.url(&format!("/portal/api/files/{}", meta.id));
    let (first, last) = (5 * 1024 * 1024 - 10, 6 * 1024 * 1024 + 10);
    let res = browser
        .get(&url)
        .header("Range", format!("bytes={first}-{last}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 206);
    assert_eq!(
        res.headers()["content-range"],
        format!("bytes {first}-{last}/{}", bytes.len()).as_str()
    );
    assert_eq!(res.bytes().await.unwrap().as_ref(), &bytes[first..=last]);

    let res = browser.get(&url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let whole = res.bytes().await.unwrap();
    assert_eq!(hex::encode(Sha256::digest(&whole)), meta.sha256);
}

#[actix_web::test]
async fn a_missing_bucket_fails_the_upload_cleanly() {
    let Some(moto) = Moto::start() else {
        return;
    };
    let app = TestApp::with(Options {
        env: vec![
            (
                "ATRIUM_STORAGE_URL",
                format!("s3://no-such-bucket?endpoint={}", moto.endpoint),
            ),
            ("ATRIUM_S3_REGION", "us-east-1".into()),
            ("ATRIUM_S3_ACCESS_KEY_ID", "testing".into()),
            ("ATRIUM_S3_SECRET_ACCESS_KEY", "testing".into()),
        ],
    })
    .await;
    let owner = app.org("acme").await;
    let client = app.client(&owner, "Blue Peak").await;
    let part = reqwest::multipart::Part::bytes(data(1000))
        .file_name("a.bin")
        .mime_str("application/octet-stream")
        .unwrap();
    let res = owner
        .http
        .post(app.url(&format!("/api/v1/clients/{}/files", client.id)))
        .bearer_auth(&owner.token)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .expect("upload");
    assert!(res.status().is_server_error(), "{}", res.status());
    assert_eq!(
        app.count("files"),
        0,
        "no row for a file that was not stored"
    );
}
