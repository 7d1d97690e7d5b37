# Shared by the scripts: one target dir, tools on PATH, and the same compiler flags and
# LEPTOS_* variables for every build, so that `cargo test`, `cargo clippy` and
# `scripts/build.sh` share one build cache instead of rebuilding each other's work.
# (They match what cargo-leptos uses for its debug builds, so `cargo leptos watch` works too.)
export PATH="$HOME/.cargo/bin:${SALA_TOOLS_DIR:-$HOME/.cache/sala-tools}/node_modules/.bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export RUSTFLAGS="--cfg erase_components"
export LEPTOS_BIN_DIR=server LEPTOS_LIB_DIR=frontend LEPTOS_OUTPUT_NAME=sala \
  LEPTOS_HASH_FILES=false LEPTOS_JS_MINIFY=false LEPTOS_RELOAD_PORT=3001 \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site"
