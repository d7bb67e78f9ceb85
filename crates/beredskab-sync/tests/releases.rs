//! Content from the service: a signed release installed without the vault;
//! one changed byte, an unknown key, or an older release replayed by a
//! mirror is refused, and the laptop keeps the content it had.

mod common;

use beredskab_content::Library;
use beredskab_protocol::{PublisherKey, SignedRelease};
use beredskab_server::admin;
use beredskab_sync::{pull_release, ServiceClient, SyncErrorCode};
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

fn content_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn files_of(release: &SignedRelease) -> BTreeMap<String, String> {
    release
        .files
        .iter()
        .map(|f| (f.path.clone(), f.content.clone()))
        .collect()
}

fn library() -> (tempfile::TempDir, Arc<Mutex<Library>>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (library, _) = Library::open(dir.path(), today()).expect("open the library");
    (dir, Arc::new(Mutex::new(library)))
}

fn release_number(library: &Arc<Mutex<Library>>) -> Option<u32> {
    library
        .lock()
        .expect("library")
        .info()
        .release
        .map(|r| r.number)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_release_is_installed_and_a_tampered_or_foreign_one_refused() {
    let service = Service::start().await;
    let key_file = service.dir.path().join("publisher.key");
    let trusted: PublisherKey = admin::new_publisher_key(&key_file).expect("publisher key");
    let published = admin::publish(
        service.server.storage.as_ref(),
        &content_folder(),
        &key_file,
        Some("Københavns Kommune, BIF"),
    )
    .await
    .expect("publish");
    let (_dir, library) = library();
    let client = ServiceClient::new(&service.server.base()).expect("client");

    let installed = pull_release(
        &library,
        &client,
        std::slice::from_ref(&trusted),
        quick_retries(),
    )
    .await
    .expect("pull")
    .expect("a new release");
    let release = installed.release.expect("release info kept");
    assert_eq!(release.number, 1);
    assert_eq!(release.publisher, "Københavns Kommune, BIF");
    assert_eq!(release.key_id, trusted.key_id());
    let again = pull_release(
        &library,
        &client,
        std::slice::from_ref(&trusted),
        quick_retries(),
    )
    .await
    .expect("pull again");
    assert!(again.is_none(), "nothing newer");

    // One changed byte in one file of an otherwise well-signed release 2.
    let key = beredskab_protocol::release::signing_key_from_base64(
        &std::fs::read_to_string(&key_file).expect("key"),
    )
    .expect("key");
    let mut tampered = SignedRelease::sign(
        2,
        &published.manifest.pack_version,
        "Københavns Kommune, BIF",
        chrono::Utc::now(),
        &files_of(&published),
        &key,
    );
    let last = tampered.files.last_mut().expect("a file");
    last.content.push(' ');
    put(&service, &tampered).await;
    let error = pull_release(
        &library,
        &client,
        std::slice::from_ref(&trusted),
        quick_retries(),
    )
    .await
    .expect_err("tampered");
    assert_eq!(error.code(), SyncErrorCode::ReleaseTampered, "{error:?}");
    assert_eq!(
        release_number(&library),
        Some(1),
        "the content in use stays"
    );

    // Release 3, well formed, signed by a key the app does not trust.
    let stranger = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    let foreign = SignedRelease::sign(
        3,
        &published.manifest.pack_version,
        "Someone else",
        chrono::Utc::now(),
        &files_of(&published),
        &stranger,
    );
    put(&service, &foreign).await;
    let error = pull_release(
        &library,
        &client,
        std::slice::from_ref(&trusted),
        quick_retries(),
    )
    .await
    .expect_err("foreign");
    assert_eq!(error.code(), SyncErrorCode::ReleaseUntrusted, "{error:?}");
    assert_eq!(
        release_number(&library),
        Some(1),
        "the content in use stays"
    );
}

async fn put(service: &Service, release: &SignedRelease) {
    service
        .server
        .storage
        .put_release(release, chrono::Utc::now())
        .await
        .expect("store the release");
}

/// A mirror that answers every question with the same (genuine, old) release.
async fn replaying_mirror(release: SignedRelease) -> (String, tokio::task::JoinHandle<()>) {
    let app = axum::Router::new().route(
        "/api/v1/releases/latest",
        axum::routing::get(move || {
            let release = release.clone();
            async move { axum::Json(release) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (base, task)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_release_replayed_is_refused() {
    let service = Service::start().await;
    let key_file = service.dir.path().join("publisher.key");
    let trusted = admin::new_publisher_key(&key_file).expect("publisher key");
    let storage = service.server.storage.as_ref();
    let first = admin::publish(storage, &content_folder(), &key_file, None)
        .await
        .expect("publish 1");
    admin::publish(storage, &content_folder(), &key_file, None)
        .await
        .expect("publish 2");
    let (_dir, library) = library();
    let client = ServiceClient::new(&service.server.base()).expect("client");
    pull_release(
        &library,
        &client,
        std::slice::from_ref(&trusted),
        quick_retries(),
    )
    .await
    .expect("pull")
    .expect("release 2");
    assert_eq!(release_number(&library), Some(2));

    let (mirror, task) = replaying_mirror(first).await;
    let mirror = ServiceClient::new(&mirror).expect("client");
    let error = pull_release(&library, &mirror, &[trusted], quick_retries())
        .await
        .expect_err("replayed");
    assert_eq!(error.code(), SyncErrorCode::ReleaseNotNewer, "{error:?}");
    assert_eq!(release_number(&library), Some(2), "the newer content stays");
    task.abort();
}
