#!/usr/bin/env python3
"""Load part of scripts/bench-registration.sh: sends N registrations for one event from
concurrent keep-alive HTTP clients, prints timings and the outcome, and exits non-zero on
any 5xx answer or when the database does not hold exactly `capacity` confirmed."""
import argparse
import http.client
import itertools
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter

# (name as on a passport, name in the person's own script, country)
PEOPLE = [
    ("Somchai Rattanakosin", "สมชาย รัตนโกสินทร์", "TH"),
    ("Sokha Chhim", "សុខា ឈឹម", "KH"),
    ("Aung Kyaw Moe", "အောင်ကျော်မိုး", "MM"),
    ("Khamphone Sisavath", "ຄຳພອນ ສີສະຫວັດ", "LA"),
    ("Nguyễn Thị Hương", "Nguyễn Thị Hương", "VN"),
    ("Li Wei", "李伟", "CN"),
    ("Trần Văn Đức", "陳文德", "VN"),
    ("Nang Hseng", "ၼၢင်းသႅင်", "MM"),
]


def form(i, slug):
    latin, native, country = PEOPLE[i % len(PEOPLE)]
    return urllib.parse.urlencode(
        {
            "slug": slug,
            "form[name_latin]": f"{latin} {i}",
            "form[name_native]": native,
            "form[email]": f"bench-{i:05d}@example.org",
            "form[country_code]": country,
            "form[consent]": "on",
            "form[submission_key]": f"bench-registration-key-{i:05d}",
        }
    )


def status_counts(db, event_id):
    """Registrations of the event by status, read from the SQLite file or the PostgreSQL
    database (a postgres:// URL, through psql) the server wrote to."""
    query = "SELECT status, COUNT(*) FROM registrations WHERE event_id = {} GROUP BY status"
    if db.startswith("postgres"):
        out = subprocess.run(
            ["psql", db, "-At", "-F", "|", "-c", query.format(int(event_id))],
            check=True, capture_output=True, text=True,
        ).stdout
        return {s: int(c) for s, c in (line.split("|") for line in out.splitlines() if line)}
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    counts = dict(conn.execute(query.format(int(event_id))).fetchall())
    conn.close()
    return counts


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--addr", required=True)
    p.add_argument("--slug", required=True)
    p.add_argument("--event-id", type=int, required=True)
    p.add_argument("--db", required=True, help="the SQLite file, or a postgres:// URL")
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--start", type=int, default=0, help="first person's number (to add more later)")
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--capacity", type=int, default=100)
    a = p.parse_args()
    host, port = a.addr.rsplit(":", 1)
    bodies = [form(a.start + i, a.slug) for i in range(a.count)]
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
        "Sec-Fetch-Site": "same-origin",
    }
    next_index = itertools.count()
    lock = threading.Lock()
    results = []  # (status, seconds, index, body)
    reconnects = Counter()

    def client(n):
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        while True:
            with lock:
                i = next(next_index)
            if i >= a.count:
                break
            started = time.perf_counter()
            try:
                conn.request("POST", "/api/register", bodies[i], headers)
                resp = conn.getresponse()
                body = resp.read()
                status = resp.status
            except (http.client.HTTPException, OSError) as err:
                status, body = 0, str(err).encode()
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
                reconnects[n] += 1
            elapsed = time.perf_counter() - started
            with lock:
                results.append((status, elapsed, i, body))
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(a.clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0

    latencies = sorted(r[1] * 1000 for r in results)
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    by_status = Counter(r[0] for r in results)
    print(
        f"{len(results)} registrations from {a.clients} keep-alive clients: "
        f"wall {wall:.2f} s ({len(results) / wall:.0f}/s; target under 2 s), "
        f"latency p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {latencies[-1]:.1f} ms"
    )
    print("HTTP status counts: " + ", ".join(f"{s}: {c}" for s, c in sorted(by_status.items())))
    if sum(reconnects.values()):
        print(f"connection errors (status 0): {sum(reconnects.values())}")
    for status, _, i, body in sorted(r for r in results if not 200 <= r[0] < 300)[:10]:
        print(f"  non-2xx #{i}: {status} {body[:200].decode(errors='replace')}")

    counts = status_counts(a.db, a.event_id)
    confirmed, waitlisted = counts.get("confirmed", 0), counts.get("waitlisted", 0)
    print(f"database: {confirmed} confirmed, {waitlisted} waitlisted, all statuses {counts}")

    failures = []
    fives = sum(c for s, c in by_status.items() if s >= 500 or s == 0)
    if fives:
        failures.append(f"{fives} answers were 5xx or connection errors")
    if confirmed != a.capacity:
        failures.append(f"{confirmed} confirmed, expected {a.capacity}")
    if waitlisted != a.count - a.capacity:
        print(f"note: {waitlisted} waitlisted, expected {a.count - a.capacity}")
    if failures:
        print("FAIL: " + "; ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
