//! Record 1,000 concerns whose notes carry random markers, then look for the
//! markers in every file the vault writes, and in the temp folder: none may
//! appear in the clear, and the database must look like ciphertext.

mod common;

use beredskab_vault::manager::DB_FILE;
use common::*;

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn hits(dir: &std::path::Path, markers: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files_under(dir) {
        let bytes = std::fs::read(&file).unwrap_or_default();
        for marker in markers {
            if bytes.windows(marker.len()).any(|w| w == marker.as_bytes()) {
                found.push(format!("{} in {}", marker, file.display()));
            }
        }
    }
    found
}

#[test]
fn no_marker_is_readable_in_any_vault_file() {
    let (dir, mut m) = new_vault();
    let pack = pack();
    let mut rng = Rng(0xfeed_beef_0bad_cafe);
    let markers: Vec<String> = (0..1000).map(|_| rng.marker()).collect();
    m.with_vault(|v| {
        for (i, marker) in markers.iter().enumerate() {
            let data = concern(&pack, &format!("Observation {i}: {marker}"));
            if i % 2 == 0 {
                // Random hex can look like a CPR number; the warning is not under test here.
                v.register(None, &data, true, &pack, today())?;
            } else {
                v.save_draft(None, &data, false, &pack, today())?;
            }
        }
        Ok(())
    })
    .expect("record");
    // While unlocked the WAL holds recent pages; it is encrypted too.
    let open_hits = hits(dir.path(), &markers);
    assert!(
        open_hits.is_empty(),
        "{} markers readable while unlocked: {:?}",
        open_hits.len(),
        &open_hits[..open_hits.len().min(5)]
    );
    m.lock().expect("lock");
    let locked_hits = hits(dir.path(), &markers);
    assert!(
        locked_hits.is_empty(),
        "{} markers readable after lock",
        locked_hits.len()
    );
    assert_looks_encrypted(&dir.path().join(DB_FILE));
    // SQLite's temporary files (sorts, big transactions) stay in memory: none in the temp folder.
    let tmp_hits: Vec<String> = std::fs::read_dir(std::env::temp_dir())
        .expect("temp dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let bytes = std::fs::read(p).unwrap_or_default();
            markers
                .iter()
                .any(|m| bytes.windows(m.len()).any(|w| w == m.as_bytes()))
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        tmp_hits.is_empty(),
        "markers in the temp folder: {tmp_hits:?}"
    );
}
