//! The axum example is a real endpoint: its self-test serves on 127.0.0.1,
//! sends itself a signed and a forged delivery over a socket, and must
//! answer 204 and 400. `cargo test` builds the example beside the tests.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn the_axum_example_accepts_a_signed_delivery_and_refuses_a_forged_one() {
    let exe = std::env::current_exe().expect("test binary");
    // target/<profile>/deps/<test> -> target/<profile>/examples/axum_webhook
    let example: PathBuf = exe
        .parent()
        .and_then(|deps| deps.parent())
        .map(|profile| {
            profile
                .join("examples")
                .join(format!("axum_webhook{}", std::env::consts::EXE_SUFFIX))
        })
        .expect("target directory");
    assert!(
        example.exists(),
        "{}: not built; `cargo test --features webhooks` builds the examples",
        example.display()
    );
    let out = Command::new(&example)
        .arg("--self-test")
        .env_remove("CLERK_WEBHOOK_SIGNING_SECRET")
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("HTTP/1.1"))
        .collect();
    assert_eq!(
        answers,
        ["HTTP/1.1 204 No Content", "HTTP/1.1 400 Bad Request"],
        "{stdout}"
    );
    assert!(
        stdout.contains("user user_2g7np7Hrk0SN6kj5EDMLDaKNL0S"),
        "{stdout}"
    );
}
