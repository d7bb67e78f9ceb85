// The default pack is compiled in; rebuild when it changes.
fn main() {
    println!("cargo:rerun-if-changed=../../content");
}
