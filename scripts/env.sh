# Shared by the scripts: one target dir, the flags cargo-leptos uses in debug builds
# (so `cargo test` and `cargo leptos build` share one build cache), tools on PATH.
export PATH="$HOME/.cargo/bin:${SALA_TOOLS_DIR:-$HOME/.cache/sala-tools}/node_modules/.bin:$PATH"
export RUSTFLAGS="--cfg erase_components"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$CARGO_TARGET_DIR/site}"
export LEPTOS_OUTPUT_NAME=sala
