#!/usr/bin/env bash
# Registration under load, on a release build: an open public event of capacity 100 gets
# 1,000 registrations (distinct e-mails, names in the region's scripts) from 16 concurrent
# keep-alive clients over real HTTP. Reports wall time, p50/p99 latency, answers by HTTP
# status, and the confirmed/waitlisted counts read back from the database; fails on any
# 5xx or when the event did not end with exactly 100 confirmed. Target: under 2 s.
# `bash scripts/bench-registration.sh postgres` runs it on a fresh PostgreSQL database
# (scripts/postgres.sh) instead of SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_NAME=bench-registration BENCH_PORT=3951
# All 16 clients come from 127.0.0.1: lift the per-address limit for this run.
export SALA_PUBLIC_RATE_LIMIT=0
if [ "${1:-}" = postgres ]; then
  BENCH_DATABASE_URL=$(bash scripts/postgres.sh)
  export BENCH_DATABASE_URL
fi
. scripts/bench-server.sh
SLUG=bench-registration-forum
post save_event "form[title]=Bench+registration+forum&form[slug]=$SLUG&form[kind]=workshop&form[timezone]=Asia/Bangkok&form[starts_at]=2027-06-01T08:30&form[ends_at]=2027-06-03T18:00&form[city]=Bangkok&form[country_code]=TH&form[registration_mode]=open&form[visibility]=public&form[capacity]=100&form[venue_name]=Chao+Phraya+Hall" >/dev/null
EVENT_ID=$(post event_form "slug=$SLUG" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0])')
post set_event_status "id=$EVENT_ID&status=published" >/dev/null
echo "event $SLUG (id $EVENT_ID), capacity 100, open"

python3 scripts/bench_registration.py --addr "$SALA_ADDR" --slug "$SLUG" --event-id "$EVENT_ID" \
  --db "${BENCH_DATABASE_URL:-$DIR/sala.db}" --count 1000 --clients 16 --capacity 100

# The same 1,000 registrations without HTTP, statement by statement (see the example's header);
# on SQLite, under strace when it is installed, to count the fsyncs each registration costs.
echo
echo "== without HTTP: where a registration's time goes"
(. scripts/env.sh; unset RUSTFLAGS
 cargo build --quiet --release -p domain --features ssr --example registration_breakdown)
BREAKDOWN=target/release/examples/registration_breakdown
if [ -n "${BENCH_DATABASE_URL:-}" ]; then
  DATABASE_URL="$BENCH_DATABASE_URL" "$BREAKDOWN"
elif command -v strace >/dev/null; then
  strace -f -c -e trace=fsync,fdatasync -o "$DIR/fsyncs.txt" "$BREAKDOWN"
  echo "fsync calls over both runs (2,000 registrations plus setup):"
  grep -E 'fsync|fdatasync' "$DIR/fsyncs.txt" || true
else
  "$BREAKDOWN"
fi
