// The migrations are embedded by `sqlx::migrate!`: rebuild when one is added or changed
// (the macro alone is not re-run for a new file on a stable compiler).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
