//! Mail delivery through a real SMTP sink (Python's aiosmtpd): an SMTP outage delays mail,
//! never fails the request that queued it, and never loses the message.

use crate::common;

use common::{Options, TestApp};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// An aiosmtpd process writing every message into a maildir; killed on drop.
struct SmtpSink(Child);

impl SmtpSink {
    fn start(port: u16, maildir: &std::path::Path) -> Self {
        let child = Command::new("python3")
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m aiosmtpd (pip install aiosmtpd; scripts/setup does)");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "SMTP sink did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        SmtpSink(child)
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn delivered(maildir: &std::path::Path) -> Vec<String> {
    let new = maildir.join("new");
    std::fs::read_dir(new)
        .map(|entries| {
            entries
                .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
                .collect()
        })
        .unwrap_or_default()
}

#[actix_web::test]
async fn smtp_outage_delays_mail_but_never_loses_it() {
    let port = common::free_port();
    let app = TestApp::with(Options {
        env: vec![("ATRIUM_MAIL_URL", format!("smtp://127.0.0.1:{port}"))],
    })
    .await;
    let staff = app.org("acme").await;
    let client = app.client(&staff, "Client A").await;
    let res = staff
        .post(
            &format!("/api/v1/clients/{}/contacts", client.id),
            serde_json::json!({"name": "Ana", "email": "ana@a.example", "invite": true}),
        )
        .await;
    assert_eq!(
        res.status(),
        201,
        "queuing mail succeeds while SMTP is down"
    );

    // The worker tries, fails, and keeps the message pending with the error recorded.
    let started = Instant::now();
    loop {
        let mail = app.outbox().pop().unwrap();
        if mail.attempts >= 1 {
            assert_eq!(mail.status, "pending");
            assert!(mail.last_error.is_some());
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "worker never attempted delivery"
        );
        actix_web::rt::time::sleep(Duration::from_millis(200)).await;
    }

    let dir = tempfile::tempdir().unwrap();
    let maildir = dir.path().join("maildir");
    let _sink = SmtpSink::start(port, &maildir);
    let started = Instant::now();
    loop {
        let mail = app.outbox().pop().unwrap();
        if mail.status == "sent" {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "mail was not delivered after SMTP came back: {:?}",
            mail.last_error
        );
        actix_web::rt::time::sleep(Duration::from_millis(250)).await;
    }
    let messages = delivered(&maildir);
    assert_eq!(messages.len(), 1, "delivered exactly once");
    let message = &messages[0];
    assert!(message.contains("To: ana@a.example"), "{message}");
    assert!(message.contains("invited you"), "{message}");
    assert!(message.contains("multipart/alternative"));
    let token = app.invitation_token("ana@a.example");
    assert!(
        message
            .replace("=\r\n", "")
            .replace("=\n", "")
            .contains(&token[..20]),
        "the link in the mail is the invitation link"
    );
}
