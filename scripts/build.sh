#!/usr/bin/env bash
# Builds Sala without cargo-leptos: the islands' wasm (cargo, then the wasm-bindgen CLI of the
# locked version, then npm's wasm-opt), the stylesheet, and the server, the wasm and the server
# side by side. Leaves the binary in $CARGO_TARGET_DIR/{debug,release}/sala and the site in
# $LEPTOS_SITE_ROOT (default target/site):
#   pkg/sala.<hash>.js, pkg/sala.<hash>.wasm, pkg/sala.<hash>.css  (content-hashed names, served
#   as immutable), each with .br and .gz beside it, and pkg/assets.txt naming them for the server.
#
#   bash scripts/build.sh            debug server, wasm built for size (what run.sh serves)
#   bash scripts/build.sh --release  release server and wasm
#   bash scripts/build.sh --site     only the wasm and the stylesheet
# Developers with cargo-leptos can still use `cargo leptos watch` ([workspace.metadata.leptos]).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

release=0 server=1
for arg in "$@"; do
  case "$arg" in
    --release) release=1 ;;
    --site) server=0 ;;
    *) echo "unknown option $arg (use --release or --site)" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m== %s\033[0m\n' "$*"; }

build_server() {
  if [ "$release" = 1 ]; then
    cargo build --release -p server --bin sala
  else
    cargo build -p server --bin sala
  fi
}

# The wasm is always built with the size profile: a phone downloads it, and its build is
# no slower than the server's, beside which it runs.
build_site() {
  local pkg="$LEPTOS_SITE_ROOT/pkg" tmp
  tmp=$(mktemp -d)
  bash scripts/setup.sh --wasm-tools
  # The wasm has its own target triple, so its flags never invalidate the server's cache.
  env -u RUSTFLAGS cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
  wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name sala \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/frontend.wasm"
  if [ -n "$(ls -A "$tmp/snippets" 2>/dev/null)" ]; then
    echo "the wasm imports JavaScript snippets, which this script does not publish" >&2
    exit 1
  fi
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o "$tmp/sala_opt.wasm" "$tmp/sala_bg.wasm"
  local app_hash css_hash
  app_hash=$(cat "$tmp/sala.js" "$tmp/sala_opt.wasm" | sha256sum | cut -c1-16)
  css_hash=$(sha256sum style/main.css | cut -c1-16)
  rm -rf "$pkg" && mkdir -p "$pkg"
  cp "$tmp/sala.js" "$pkg/sala.$app_hash.js"
  cp "$tmp/sala_opt.wasm" "$pkg/sala.$app_hash.wasm"
  cp style/main.css "$pkg/sala.$css_hash.css"
  rm -rf "$tmp"
  # Precompressed beside each file: the server sends these as they are. (run.sh installs
  # brotli beside the build: wait for that install when it is still under way.)
  while ! command -v brotli >/dev/null && [ -n "${SALA_SETUP_PID:-}" ] && kill -0 "$SALA_SETUP_PID" 2>/dev/null; do
    sleep 1
  done
  command -v brotli >/dev/null || { echo "brotli is missing: bash scripts/setup.sh --run" >&2; exit 1; }
  for f in "$pkg"/*; do
    brotli -q 11 -f -k "$f"
    gzip -9 -f -k -n "$f"
  done
  printf 'app: sala.%s\ncss: sala.%s.css\n' "$app_hash" "$css_hash" >"$pkg/assets.txt"
  say "site in $pkg: $(du -b "$pkg/sala.$app_hash.wasm" | cut -f1) bytes of wasm, $(du -b "$pkg/sala.$app_hash.wasm.br" | cut -f1) with brotli"
}

if [ "$server" = 1 ]; then
  say "building the wasm and the server side by side"
  mkdir -p "$CARGO_TARGET_DIR"
  build_site >"$CARGO_TARGET_DIR/build-site.log" 2>&1 &
  site_pid=$!
  build_server
  if ! wait "$site_pid"; then
    cat "$CARGO_TARGET_DIR/build-site.log" >&2
    exit 1
  fi
  tail -n 1 "$CARGO_TARGET_DIR/build-site.log"
else
  build_site
fi
