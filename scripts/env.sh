# Shared by the scripts: one target dir, tools on PATH, and the same compiler flags and
# LEPTOS_* variables cargo-leptos uses for its debug builds, so that `cargo test` and
# `cargo leptos build` share one build cache instead of rebuilding each other's work.
# (cargo-leptos appends `--cfg erase_components` to RUSTFLAGS itself: call it through
# `leptos_build`, which clears RUSTFLAGS first.)
export PATH="$HOME/.cargo/bin:${SALA_TOOLS_DIR:-$HOME/.cache/sala-tools}/node_modules/.bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
export RUSTFLAGS="--cfg erase_components"
export LEPTOS_BIN_DIR=server LEPTOS_LIB_DIR=frontend LEPTOS_OUTPUT_NAME=sala \
  LEPTOS_HASH_FILES=false LEPTOS_JS_MINIFY=false LEPTOS_RELOAD_PORT=3001 \
  LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site"
leptos_build() { env -u RUSTFLAGS cargo leptos build "$@"; }
