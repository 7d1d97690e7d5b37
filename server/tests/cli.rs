//! The `sala` binary itself: configuration errors, migrate, demo, create-admin from stdin.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use std::io::Write;
use std::process::{Command, Stdio};

fn sala(db_dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sala"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/sala.db?mode=rwc", db_dir.display()),
        );
    cmd
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sala-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_bad_setting_stops_sala_with_a_message_naming_it() {
    let dir = temp_dir("config");
    let out = sala(&dir)
        .env("DATABASE_URL", "mysql://x")
        .arg("migrate")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("DATABASE_URL"), "{err}");
    let out = sala(&dir)
        .env("SALA_ADDR", "nowhere")
        .arg("migrate")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SALA_ADDR"));
    let out = sala(&dir)
        .env("SMTP_URL", "smtp://sala:secret-pw@127.0.0.1:2525")
        .arg("serve")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "SMTP without a sender does not start"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("MAIL_FROM"), "{err}");
    assert!(!err.contains("secret-pw"), "{err}");
    let out = sala(&dir).arg("launch").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
}

#[test]
fn migrate_demo_and_create_admin_work_on_a_new_database_and_are_idempotent() {
    let dir = temp_dir("setup");
    assert!(sala(&dir).arg("migrate").status().unwrap().success());
    assert!(sala(&dir).arg("migrate").status().unwrap().success());
    let first = sala(&dir).arg("demo").output().unwrap();
    assert!(first.status.success());
    assert!(String::from_utf8_lossy(&first.stdout).contains("demo data loaded"));
    let second = sala(&dir).arg("demo").output().unwrap();
    assert!(String::from_utf8_lossy(&second.stdout).contains("not loaded"));

    let mut child = sala(&dir)
        .args([
            "create-admin",
            "--email",
            "First@Example.org",
            "--name",
            "First Admin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a-secret-from-stdin\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("first@example.org"));

    // A short password is refused with a message, and nothing is created.
    let out = sala(&dir)
        .args([
            "create-admin",
            "--email",
            "second@example.org",
            "--password",
            "short",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("password"));
    std::fs::remove_dir_all(&dir).ok();
}
