//! The axum example is a real endpoint: its self-test serves on 127.0.0.1,
//! sends itself a signed, a forged and a replayed delivery over a socket,
//! and must answer 204, 400 and 204 (the replay not processed again).
//! `cargo test` builds the example beside the tests.

use std::path::PathBuf;
use std::process::Command;

/// Runs example `name` with `--self-test` (without `env_var`, so that it
/// makes its own secret or key); its output and the status lines of the
/// answers it got.
fn self_test(name: &str, env_var: &str) -> (String, Vec<String>) {
    let exe = std::env::current_exe().expect("test binary");
    // target/<profile>/deps/<test> -> target/<profile>/examples/<name>
    let example: PathBuf = exe
        .parent()
        .and_then(|deps| deps.parent())
        .map(|profile| {
            profile
                .join("examples")
                .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
        })
        .expect("target directory");
    assert!(
        example.exists(),
        "{}: not built; `cargo test` with the example's features builds it",
        example.display()
    );
    let out = Command::new(&example)
        .arg("--self-test")
        .env_remove(env_var)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answers = stdout
        .lines()
        .filter(|l| l.starts_with("HTTP/1.1"))
        .map(str::to_owned)
        .collect();
    (stdout, answers)
}

#[test]
fn the_axum_example_accepts_a_signed_delivery_and_refuses_a_forged_one() {
    let (stdout, answers) = self_test("axum_webhook", "CLERK_WEBHOOK_SIGNING_SECRET");
    assert_eq!(
        answers,
        [
            "HTTP/1.1 204 No Content",
            "HTTP/1.1 400 Bad Request",
            "HTTP/1.1 204 No Content"
        ],
        "{stdout}"
    );
    // The replay is answered, not processed again.
    assert_eq!(
        stdout
            .matches("user user_2g7np7Hrk0SN6kj5EDMLDaKNL0S")
            .count(),
        1,
        "{stdout}"
    );
    assert!(stdout.contains("replay of msg_1 skipped"), "{stdout}");
}

/// The session-token example serves a request end to end: a token as a
/// bearer and as the `__session` cookie is accepted and its claims reach
/// the handler; a forged one, none and a pending session's are answered
/// 401 with a fixed body (what is wrong is logged, not sent).
#[cfg(feature = "session-token")]
#[test]
fn the_session_example_serves_verified_claims_and_refuses_the_rest() {
    let (stdout, answers) = self_test("axum_session", "CLERK_JWT_KEY");
    assert_eq!(
        answers,
        [
            "HTTP/1.1 200 OK user_1 (sess_1) in org_1 as org:admin",
            "HTTP/1.1 200 OK user_1 (sess_1) in org_1 as org:admin",
            "HTTP/1.1 401 Unauthorized unauthenticated",
            "HTTP/1.1 401 Unauthorized unauthenticated",
            "HTTP/1.1 401 Unauthorized unauthenticated",
        ],
        "{stdout}"
    );
}

/// The machine example serves each route the kinds it names: a service
/// route takes an M2M token and an API key (verified by a stand-in for
/// Clerk's Backend API on 127.0.0.1) from the bearer only, and refuses an
/// unknown one, one in a cookie and a session token; a browser route takes
/// a session token and refuses a machine token.
#[cfg(all(feature = "session-token", feature = "api-client"))]
#[test]
fn the_machine_example_accepts_the_kinds_each_route_names() {
    let (stdout, answers) = self_test("axum_machine", "CLERK_SECRET_KEY");
    assert_eq!(
        answers,
        [
            "HTTP/1.1 200 OK machine mch_1",
            "HTTP/1.1 200 OK api key of org_1",
            "HTTP/1.1 401 Unauthorized unauthenticated",
            "HTTP/1.1 401 Unauthorized unauthenticated",
            "HTTP/1.1 401 Unauthorized unauthenticated",
            "HTTP/1.1 200 OK user user_1",
            "HTTP/1.1 401 Unauthorized unauthenticated",
        ],
        "{stdout}"
    );
}
