#!/usr/bin/env bash
# Benchmark of the annual report on a release build: a year of 40 events and 2,000
# participants in a migrated SQLite file; prints the time to load the report, to print its
# PDF and to write its CSV and Excel tables (target: load + PDF under 3 s). Pass a language
# tag (th, my, km, lo, vi, zh) to print the report in it; PROFILE=debug runs a debug build
# (only to check the script works: debug times say nothing about the target).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
if [ "${PROFILE:-release}" = "debug" ]; then
  cargo run --quiet -p domain --features ssr --example annual_report_bench -- "$@"
else
  cargo run --quiet --release -p domain --features ssr --example annual_report_bench -- "$@"
fi
