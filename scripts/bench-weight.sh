#!/usr/bin/env bash
# What a phone downloads on a first visit: serves the demo data and fetches the event page,
# its registration form and (signed in) the check-in page as a browser with an empty cache
# does, with `Accept-Encoding: br, gzip`, then every file each page references (stylesheet,
# script, wasm). Prints the bytes on the wire (headers and bodies) per file and per page,
# against the 60 KB budget, and the wasm's size raw and compressed.
# The wasm is always built for size (scripts/build.sh); the server's build does not change
# what is sent, so the debug one is used.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --run >/dev/null
. scripts/env.sh
bash scripts/build.sh >/dev/null
SALA="$CARGO_TARGET_DIR/debug/sala"
DIR="$CARGO_TARGET_DIR/bench-weight"; rm -rf "$DIR"; mkdir -p "$DIR"
export DATABASE_URL="sqlite://$DIR/sala.db?mode=rwc" SALA_ADDR="127.0.0.1:${BENCH_PORT:-3839}"
BASE="http://$SALA_ADDR"
"$SALA" demo >/dev/null
"$SALA" create-admin --email bench@example.org --password bench-password-1 >/dev/null
"$SALA" serve >"$DIR/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
curl -sf -c "$DIR/cookies" -H 'Accept: application/json' "$BASE/api/login" \
  --data 'email=bench@example.org&password=bench-password-1' >/dev/null
SLUG=$(curl -s --compressed "$BASE/" | grep -oE 'href="/events/[a-z0-9-]+"' | head -n 1 | sed -E 's|href="/events/([^"]+)"|\1|')
BUDGET=61440

wire() { curl -s -b "$DIR/cookies" -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download} %{size_header}' "$1" | awk '{print $1+$2}'; }

visit() {
  local name=$1 url=$2 budget=${3:-} total bytes line=""
  total=$(wire "$url")
  line="HTML $total"
  for asset in $(curl -s -b "$DIR/cookies" --compressed "$url" | grep -oE '(href|src)="/pkg/[^"]+"' | sed -E 's/^[a-z]+="([^"]+)"/\1/' | sort -u); do
    bytes=$(wire "$BASE$asset")
    total=$((total + bytes))
    line="$line + ${asset#/pkg/} $bytes"
  done
  local verdict="no budget: a staff page"
  if [ -n "$budget" ]; then
    verdict="within the $budget budget"; [ "$total" -le "$budget" ] || verdict="OVER the $budget budget"
  fi
  printf '%-18s %7d bytes on the wire (%s): %s\n' "$name" "$total" "$verdict" "$line"
}

echo "first visit, empty cache, Accept-Encoding: br, gzip (event: $SLUG)"
visit "event page" "$BASE/events/$SLUG" "$BUDGET"
visit "registration form" "$BASE/events/$SLUG/register" "$BUDGET"
visit "training + agenda" "$BASE/events/advocacy-with-asean-2016" "$BUDGET"
visit "check-in (staff)" "$BASE/manage/events/$SLUG/checkin"
PKG="$LEPTOS_SITE_ROOT/pkg"
wasm=$(ls "$PKG"/sala.*.wasm)
echo "wasm (check-in page only): $(stat -c %s "$wasm") bytes raw, $(stat -c %s "$wasm.br") brotli, $(stat -c %s "$wasm.gz") gzip"
