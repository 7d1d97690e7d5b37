#!/usr/bin/env bash
# Registration under load, on a release build: an open public event of capacity 100 gets
# 1,000 registrations (distinct e-mails, names in the region's scripts) from 16 concurrent
# keep-alive clients over real HTTP. Reports wall time, p50/p99 latency, answers by HTTP
# status, and the confirmed/waitlisted counts read back from the database; fails on any
# 5xx or when the event did not end with exactly 100 confirmed. Target: under 2 s.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
unset RUSTFLAGS
cargo leptos build --release >/dev/null
SALA="$CARGO_TARGET_DIR/release/sala"
DIR="$CARGO_TARGET_DIR/bench-registration"; rm -rf "$DIR"; mkdir -p "$DIR"
export DATABASE_URL="sqlite://$DIR/sala.db?mode=rwc" SALA_ADDR="127.0.0.1:3951"
BASE="http://$SALA_ADDR"
"$SALA" migrate >/dev/null
"$SALA" create-admin --email bench@example.org --password bench-password-1 >/dev/null
"$SALA" serve >"$DIR/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

post() { curl -sf -b "$DIR/cookies" -c "$DIR/cookies" -H 'Accept: application/json' "$BASE/api/$1" --data "$2"; }
post login 'email=bench@example.org&password=bench-password-1' >/dev/null
SLUG=bench-registration-forum
post save_event "form[title]=Bench+registration+forum&form[slug]=$SLUG&form[kind]=workshop&form[timezone]=Asia/Bangkok&form[starts_at]=2027-06-01T08:30&form[ends_at]=2027-06-03T18:00&form[city]=Bangkok&form[country_code]=TH&form[registration_mode]=open&form[visibility]=public&form[capacity]=100&form[venue_name]=Chao+Phraya+Hall" >/dev/null
EVENT_ID=$(post event_form "slug=$SLUG" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0])')
post set_event_status "id=$EVENT_ID&status=published" >/dev/null
echo "event $SLUG (id $EVENT_ID), capacity 100, open"

python3 scripts/bench_registration.py --addr "$SALA_ADDR" --slug "$SLUG" --event-id "$EVENT_ID" \
  --db "$DIR/sala.db" --count 1000 --clients 16 --capacity 100
