# Sourced by the benchmarks: builds the release server, starts it on a fresh SQLite file
# under $CARGO_TARGET_DIR/$BENCH_NAME (or on the database $BENCH_DATABASE_URL) on 127.0.0.1:$BENCH_PORT, signs in as a bench admin
# and defines `post ENDPOINT FORM` for calling server functions. Sets SALA, DIR, BASE, PID.
bash scripts/setup.sh
. scripts/env.sh
unset RUSTFLAGS
bash scripts/build.sh --release >/dev/null
SALA="$CARGO_TARGET_DIR/release/sala"
DIR="$CARGO_TARGET_DIR/$BENCH_NAME"; rm -rf "$DIR"; mkdir -p "$DIR"
export DATABASE_URL="${BENCH_DATABASE_URL:-sqlite://$DIR/sala.db?mode=rwc}" SALA_ADDR="127.0.0.1:$BENCH_PORT"
BASE="http://$SALA_ADDR"
"$SALA" migrate >/dev/null
"$SALA" create-admin --email bench@example.org --password bench-password-1 >/dev/null
"$SALA" serve >"$DIR/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
post() { curl -sf -b "$DIR/cookies" -c "$DIR/cookies" -H 'Accept: application/json' "$BASE/api/$1" --data "$2"; }
post login 'email=bench@example.org&password=bench-password-1' >/dev/null
