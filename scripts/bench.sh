#!/usr/bin/env bash
# Benchmark on a release build: builds a 3-day, 2-room, ~40-session event through the
# coordinators' own server functions, then reports for /events/{slug} and its calendar.ics
# the CPU time per request and requests per second at 8 connections, the time to produce
# agenda.pdf, and the size of what a first visit downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
command -v brotli >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q brotli >/dev/null
BENCH_NAME=bench BENCH_PORT=3838
. scripts/bench-server.sh
SLUG=bench-regional-workshop
post save_event "form[title]=Bench+regional+workshop&form[slug]=$SLUG&form[kind]=workshop&form[timezone]=Asia/Yangon&form[starts_at]=2027-06-01T08:30&form[ends_at]=2027-06-03T18:00&form[city]=Yangon&form[country_code]=MM&form[registration_mode]=open&form[visibility]=public&form[venue_name]=Sagawa+Meeting+Spaces&form[objectives]=Share+progress%0AReview+findings%0APlan+advocacy" >/dev/null
EVENT_ID=$(post event_form "slug=$SLUG" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0])')
n=0
for day in 2027-06-01 2027-06-02 2027-06-03; do
  for slot in 08:30-09:30 09:30-10:30 10:45-11:45 11:45-12:30 13:30-14:30 14:30-15:30 16:00-17:00; do
    for room in "Mekong+Room" "Salween+Room"; do
      [ $n -ge 40 ] && break
      n=$((n+1))
      post save_session "event_id=$EVENT_ID&form[day]=$day&form[start]=${slot%-*}&form[end]=${slot#*-}&form[kind]=presentation&form[title]=Session+$n:+ការពារសិទ្ធិ+ပြည်တွင်း+การย้ายถิ่น&form[room]=$room" >/dev/null
    done
  done
done
post set_event_status "id=$EVENT_ID&status=published" >/dev/null
echo "event $SLUG with $n sessions"

cpu_ticks() { awk '{print $14+$15}' "/proc/$PID/stat"; }
HZ=$(getconf CLK_TCK)
load() {
  local name=$1 url=$2
  curl -sf "$url" >/dev/null
  local before after reqs rps
  before=$(cpu_ticks)
  out=$(wrk -t2 -c8 -d10s --latency "$url")
  after=$(cpu_ticks)
  reqs=$(printf '%s\n' "$out" | awk '/requests in/ {print $1}')
  rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')
  non2xx=$(printf '%s\n' "$out" | awk '/Non-2xx/ {print $NF}')
  python3 -c "print(f'$name: {($after-$before)/$HZ*1000/$reqs:.2f} ms CPU per request, $rps requests/s at 8 connections ($reqs requests, non-2xx: ${non2xx:-0})')"
}
load "event page    " "$BASE/events/$SLUG"
load "calendar.ics  " "$BASE/events/$SLUG/calendar.ics"

times=()
for _ in 1 2 3 4 5; do
  times+=("$(curl -s -o "$DIR/agenda.pdf" -w '%{time_total}' "$BASE/events/$SLUG/agenda.pdf")")
done
size=$(stat -c %s "$DIR/agenda.pdf")
python3 -c "import statistics,sys; t=[float(x)*1000 for x in sys.argv[2:]]; print(f'agenda.pdf    : {statistics.median(t):.0f} ms median of 5 requests (first {t[0]:.0f} ms, loads fonts), {sys.argv[1]} bytes')" "$size" "${times[@]}"

# The built files have content-hashed names, listed in pkg/assets.txt (scripts/build.sh).
PKG="$LEPTOS_SITE_ROOT/pkg"
app=$(awk '$1 == "app:" {print $2}' "$PKG/assets.txt"); cssfile=$(awk '$1 == "css:" {print $2}' "$PKG/assets.txt")
html=$(curl -s "$BASE/events/$SLUG" | brotli -c | wc -c)
css=$(brotli -c "$PKG/$cssfile" | wc -c)
wasm=$(brotli -c "$PKG/$app.wasm" | wc -c); js=$(brotli -c "$PKG/$app.js" | wc -c)
echo "event page, first visit : HTML $html + CSS $css bytes (brotli) = $((html+css)) bytes (it loads no wasm)"
echo "check-in page's scripts : JS $js + wasm $wasm bytes (brotli); wasm raw $(stat -c %s "$PKG/$app.wasm")"
