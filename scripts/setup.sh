#!/usr/bin/env bash
# Installs what Sala needs to build and test, skipping whatever is already there.
# Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
BINARYEN_VERSION=132
export PATH="$HOME/.cargo/bin:$PATH"
TOOLS_DIR="${SALA_TOOLS_DIR:-$HOME/.cache/sala-tools}"

say() { printf '\033[1m== %s\033[0m\n' "$*"; }

# Debian packages: Chromium for browser tests, PostgreSQL for the second database,
# Noto fonts for the region's scripts, poppler-utils to read PDFs back in tests.
missing=()
for pkg in chromium postgresql fonts-noto-core fonts-noto-cjk poppler-utils; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes, once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

# cargo-leptos (no_downloads) calls the wasm-bindgen CLI on PATH, which must match Cargo.lock exactly.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WBG_VERSION\$"; then
  say "installing wasm-bindgen-cli $WBG_VERSION"
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force
fi

# wasm-opt for release builds: npm's binaryen (Debian's 108 produces wasm Chromium rejects).
if [ ! -x "$TOOLS_DIR/node_modules/.bin/wasm-opt" ]; then
  say "installing binaryen@$BINARYEN_VERSION (wasm-opt)"
  mkdir -p "$TOOLS_DIR"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_VERSION"
fi

# A second, independent reader for the calendar files the tests produce.
python3 -c "import icalendar" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check icalendar || true

if [ ! -d end2end/node_modules/playwright-core ]; then
  say "installing the end-to-end test packages"
  (cd end2end && npm ci --silent --no-audit --no-fund)
fi
