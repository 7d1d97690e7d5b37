#!/usr/bin/env bash
# Installs what Sala needs to build and test, skipping whatever is already there.
# Safe to run again and again.
#   bash scripts/setup.sh               everything: building, running and every test
#   bash scripts/setup.sh --run         what building and running need (run.sh)
#   bash scripts/setup.sh --wasm-tools  only the wasm-bindgen CLI and wasm-opt (build.sh calls
#                                       this beside the server's build, so the two overlap)
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-all}"
BINARYEN_VERSION=132
export PATH="$HOME/.cargo/bin:$PATH"
TOOLS_DIR="${SALA_TOOLS_DIR:-$HOME/.cache/sala-tools}"

say() { printf '\033[1m== %s\033[0m\n' "$*"; }

wasm_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi
  # The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly.
  # (Installed without --locked: the CLI's own lock file does not build here. --debug: it
  # compiles in far less time, and its work on a 300 KB wasm takes a second either way.)
  local wbg_version
  wbg_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbg_version\$"; then
    say "installing wasm-bindgen-cli $wbg_version"
    cargo install wasm-bindgen-cli --version "$wbg_version" --force --debug
  fi
  # wasm-opt: npm's binaryen (Debian's 108 produces wasm that Chromium rejects).
  if [ ! -x "$TOOLS_DIR/node_modules/.bin/wasm-opt" ]; then
    say "installing binaryen@$BINARYEN_VERSION (wasm-opt)"
    mkdir -p "$TOOLS_DIR"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS_DIR" "binaryen@$BINARYEN_VERSION"
  fi
}

if [ "$mode" = --wasm-tools ]; then
  wasm_tools
  exit 0
fi

# Debian packages: Noto fonts for the region's scripts in PDFs, brotli to precompress the
# site; for the tests also Chromium, PostgreSQL and poppler-utils (to read
# PDFs back).
packages=(fonts-noto-core fonts-noto-cjk brotli)
[ "$mode" = --run ] || packages+=(chromium postgresql poppler-utils)
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# (run.sh leaves the wasm tools to build.sh, which installs them beside the server's build.)
[ "$mode" = --run ] && exit 0

wasm_tools

# A second, independent reader for the calendar files the tests produce.
python3 -c "import icalendar" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages icalendar

if [ ! -d end2end/node_modules/playwright-core ]; then
  say "installing the end-to-end test packages"
  (cd end2end && npm ci --silent --no-audit --no-fund)
fi
