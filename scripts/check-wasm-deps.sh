#!/usr/bin/env bash
# Fails if a server-only crate would end up in the browser's wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
tree=$(cargo tree -p frontend --target wasm32-unknown-unknown -e normal,build --prefix none)
bad=$(printf '%s\n' "$tree" | grep -E '^(sea-orm|sea-query|sqlx[a-z-]*|argon2|printpdf|icalendar|lettre|rustybuzz|tokio|axum|migration|entities) ' | sort -u || true)
if [ -n "$bad" ]; then
  echo "server-only crates in the wasm build:"; echo "$bad"; exit 1
fi
count=$(printf '%s\n' "$tree" | sort -u | wc -l)
echo "wasm dependency tree: $count crates, none server-only"
