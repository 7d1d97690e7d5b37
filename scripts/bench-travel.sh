#!/usr/bin/env bash
# The travel documents and the annual report of one big event, on a release build: 5,000
# confirmed registrations (through the public form, 16 clients), each with travel details
# (one in four needing a visa letter), a hotel room and a per diem, written straight into the
# database as staff would have entered them. Times each staff page and document and weighs it
# (brotli on the wire), with the server's resident memory before, at its peak during and after.
# Usage: bash scripts/bench-travel.sh [registrations]   (default 5000)
# Prints one line per measure; nothing here is a pass/fail test.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-5000}"
BENCH_NAME=bench-travel BENCH_PORT=3953
export SALA_PUBLIC_RATE_LIMIT=0
. scripts/bench-server.sh
SLUG=travel-forum
post save_event "form[title]=Regional+training+on+safe+migration&form[slug]=$SLUG&form[kind]=training&form[timezone]=Asia/Yangon&form[starts_at]=2027-06-01T08:30&form[ends_at]=2027-06-04T17:00&form[city]=Yangon&form[country_code]=MM&form[registration_mode]=open&form[visibility]=public&form[venue_name]=Inya+Hall" >/dev/null
EVENT_ID=$(post event_form "slug=$SLUG" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0])')
post set_event_status "id=$EVENT_ID&status=published" >/dev/null

mem() { awk '/VmRSS/ {r=$2} /VmHWM/ {h=$2} END {printf "%.0f MB resident (peak %.0f MB)", r/1024, h/1024}' "/proc/$PID/status"; }
measure() { # label path
  local out
  out=$(curl -s -b "$DIR/cookies" -H 'Accept-Encoding: br, gzip' -H 'Sec-Fetch-Site: same-origin' \
    -o "$DIR/out" -w '%{http_code} %{time_total} %{size_download}' "$BASE$2")
  read -r code secs bytes <<<"$out"
  printf '  %-34s %8.0f ms %11d bytes  (HTTP %s)\n' "$1" "$(python3 -c "print($secs*1000)")" "$bytes" "$code"
}

burst=$(python3 scripts/bench_registration.py --addr "$SALA_ADDR" --slug "$SLUG" --event-id "$EVENT_ID" \
  --db "$DIR/sala.db" --start 0 --count "$COUNT" --clients 16 --capacity "$COUNT")
echo "  ${burst%%$'\n'*}"

# Travel, rooms and per diems for everyone, as the travel pages would have saved them.
python3 - "$DIR/sala.db" "$EVENT_ID" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); event = int(sys.argv[2])
regs = [r[0] for r in db.execute(
    "SELECT id FROM registrations WHERE event_id = ? AND status = 'confirmed' ORDER BY id", (event,))]
stamp = "2027-05-20T03:00:00+00:00"
cities = [("Phnom Penh", "Cambodia"), ("Vientiane", "Lao PDR"), ("Mandalay", "Myanmar"),
          ("Chiang Mai", "Thailand"), ("Hanoi", "Viet Nam"), ("Kunming", "China")]
for i, reg in enumerate(regs):
    city, country = cities[i % len(cities)]
    day = 31 if i % 3 else 30
    db.execute(
        "INSERT INTO travel_details (registration_id, from_city, from_country, nationality, visa_needed,"
        " arrival_at, arrival_means, arrival_number, departure_at, departure_means, departure_number,"
        " arrangement, passport_name, passport_number, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, 'flight', ?, ?, 'flight', ?, 'network_books', '', ?, ?)",
        (reg, city, country, country, i % 4 == 0,
         f"2027-05-{day}T{(i % 14) + 2:02d}:{(i * 7) % 60:02d}:00+00:00", f"PG{700 + i % 90}",
         f"2027-06-05T{(i % 10) + 1:02d}:{(i * 11) % 60:02d}:00+00:00", f"8M{300 + i % 70}",
         f"P{i:08d}", stamp))
hotel = db.execute("INSERT INTO hotels (event_id, name, address) VALUES (?, 'Inya Lake Hotel',"
                   " '37 Kaba Aye Pagoda Road, Yangon')", (event,)).lastrowid
for n in range(0, len(regs), 2):
    room = db.execute("INSERT INTO rooms (hotel_id, label, room_type, capacity) VALUES (?, ?, 'twin', 2)",
                      (hotel, f"{n // 2 + 100}")).lastrowid
    for reg in regs[n:n + 2]:
        db.execute("INSERT INTO room_assignments (room_id, registration_id, check_in, check_out)"
                   " VALUES (?, ?, '2027-05-31', '2027-06-05')", (room, reg))
db.execute("INSERT INTO per_diem_rates (event_id, currency, daily_amount, basis) VALUES (?, 'USD', 4000, 'travel')",
           (event,))
for reg in regs:
    db.execute("INSERT INTO travel_payments (registration_id, kind, currency, amount, days, receipt, created_at)"
               " VALUES (?, 'per_diem', 'USD', 24000, 6, '', ?)", (reg, stamp))
db.commit()
print(f"  travel, rooms and per diems for {len(regs)} registrations")
EOF

echo "$COUNT registrations: server $(mem)"
echo 5 > "/proc/$PID/clear_refs" 2>/dev/null || true # the peak from here on
measure "travel page" "/manage/events/$SLUG/travel"
measure "rooms page" "/manage/events/$SLUG/travel/rooms"
measure "payments page" "/manage/events/$SLUG/travel/payments"
measure "arrivals.pdf" "/events/$SLUG/arrivals.pdf"
measure "arrivals.xlsx" "/events/$SLUG/arrivals.xlsx"
measure "rooming.pdf" "/events/$SLUG/rooming.pdf"
measure "payments.pdf" "/events/$SLUG/payments.pdf"
measure "payments.xlsx" "/events/$SLUG/payments.xlsx"
measure "visa-letters.pdf" "/events/$SLUG/visa-letters.pdf"
pages=$(pdfinfo "$DIR/out" 2>/dev/null | awk '/^Pages:/ {print $2}')
echo "  (visa letters: ${pages:-?} pages)"
measure "annual report 2027 (PDF)" "/manage/reports/annual.pdf?year=2027"
measure "annual report 2027 (XLSX)" "/manage/reports/annual.xlsx?year=2027"
echo "  after the documents: server $(mem)"
sleep 5
echo "  5 s later: server $(mem)"
