#!/usr/bin/env bash
# How cost grows with the network, on a release build. One event grows to 100, 1,000 and
# 10,000 registrations, all confirmed (through the public form, 16 clients); at each size the staff pages and
# documents a coordinator opens are timed and weighed (brotli on the wire), with the server's
# resident memory before, at its peak during, right after and 5 s after the documents (a
# big event's documents should leave it under 300 MB, and the memory should come back). Then 1,000 events over 20 years are added
# and the public event list and calendar feed are timed, built afresh and kept.
# Prints one line per measure; nothing here is a pass/fail test.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_NAME=bench-growth BENCH_PORT=3952
export SALA_PUBLIC_RATE_LIMIT=0
. scripts/bench-server.sh
SLUG=growth-forum
post save_event "form[title]=Growth+forum&form[slug]=$SLUG&form[kind]=workshop&form[timezone]=Asia/Bangkok&form[starts_at]=2027-06-01T08:30&form[ends_at]=2027-06-02T18:00&form[city]=Bangkok&form[country_code]=TH&form[registration_mode]=open&form[visibility]=public&form[venue_name]=Chao+Phraya+Hall" >/dev/null
EVENT_ID=$(post event_form "slug=$SLUG" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0])')
post set_event_status "id=$EVENT_ID&status=published" >/dev/null

mem() { awk '/VmRSS/ {r=$2} /VmHWM/ {h=$2} END {printf "%.0f MB resident (peak %.0f MB)", r/1024, h/1024}' "/proc/$PID/status"; }
measure() { # label path [cookie]
  local out
  out=$(curl -s -b "$DIR/cookies" -H 'Accept-Encoding: br, gzip' -H 'Sec-Fetch-Site: same-origin' \
    -o "$DIR/out" -w '%{http_code} %{time_total} %{size_download}' "$BASE$2")
  read -r code secs bytes <<<"$out"
  printf '  %-34s %8.0f ms %11d bytes  (HTTP %s)\n' "$1" "$(python3 -c "print($secs*1000)")" "$bytes" "$code"
}

done_so_far=0
for n in 100 1000 5000 10000; do
  burst=$(python3 scripts/bench_registration.py --addr "$SALA_ADDR" --slug "$SLUG" --event-id "$EVENT_ID" \
    --db "$DIR/sala.db" --start "$done_so_far" --count $((n - done_so_far)) --clients 16 --capacity "$n")
  echo "  ${burst%%$'\n'*}"
  done_so_far=$n
  echo "$n registrations: server $(mem)"
  echo 5 > "/proc/$PID/clear_refs" 2>/dev/null || true # the peak from here on
  measure "participants page (first page)" "/manage/events/$SLUG/participants"
  measure "check-in page (first page)" "/manage/events/$SLUG/checkin"
  measure "participants.csv" "/manage/events/$SLUG/participants.csv"
  measure "attendance.pdf (sign-in sheets)" "/events/$SLUG/attendance.pdf"
  measure "badges.pdf" "/events/$SLUG/badges.pdf"
  measure "certificates.pdf" "/events/$SLUG/certificates.pdf"
  measure "proceedings.pdf" "/events/$SLUG/proceedings.pdf"
  echo "  after the documents: server $(mem)"
  sleep 5
  echo "  5 s later: server $(mem)"
done

echo "adding 1,000 events over 20 years..."
for i in $(seq 1 1000); do
  year=$((2007 + (i - 1) / 50)); month=$(printf '%02d' $(( (i - 1) % 12 + 1 ))); day=$(printf '%02d' $(( (i - 1) % 27 + 1 )))
  post save_event "form[title]=Meeting+$i&form[slug]=meeting-$i&form[kind]=workshop&form[timezone]=Asia/Bangkok&form[starts_at]=$year-$month-${day}T09:00&form[ends_at]=$year-$month-${day}T17:00&form[city]=Bangkok&form[country_code]=TH&form[registration_mode]=open&form[visibility]=public" >/dev/null
  id=$(post event_form "slug=meeting-$i" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0])')
  post set_event_status "id=$id&status=published" >/dev/null
done
echo "1,001 events: server $(mem)"
for path in /events /calendar.ics; do
  # Without the staff cookie: what a visitor gets, built afresh and then kept.
  for round in "built" "kept"; do
    out=$(curl -s -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{time_total} %{size_download}' "$BASE$path")
    read -r secs bytes <<<"$out"
    printf '  %-34s %8.1f ms %11d bytes\n' "$path ($round)" "$(python3 -c "print($secs*1000)")" "$bytes"
  done
done
