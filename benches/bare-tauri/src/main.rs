//! A bare Tauri app: one SQLite read, one rendered line, then "ready".
use std::time::Instant;

struct Started(Instant);

#[tauri::command]
fn first_row() -> Result<String, String> {
    let dir = std::env::var("BARE_DATA_DIR").map_err(|e| e.to_string())?;
    let conn = rusqlite::Connection::open(std::path::Path::new(&dir).join("bare.db"))
        .map_err(|e| e.to_string())?;
    conn.execute_batch("CREATE TABLE IF NOT EXISTS t (v TEXT); INSERT INTO t SELECT 'hej' WHERE NOT EXISTS (SELECT 1 FROM t);")
        .map_err(|e| e.to_string())?;
    conn.query_row("SELECT v FROM t", [], |r| r.get(0))
        .map_err(|e| e.to_string())
}

#[tauri::command]
fn ready(started: tauri::State<'_, Started>) {
    println!("ready_ms={}", started.0.elapsed().as_millis());
    std::process::exit(0);
}

fn main() {
    let started = Started(Instant::now());
    tauri::Builder::default()
        .manage(started)
        .invoke_handler(tauri::generate_handler![first_row, ready])
        .run(tauri::generate_context!())
        .expect("run");
}
