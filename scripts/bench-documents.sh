#!/usr/bin/env bash
# Benchmark of the staff documents on a release build: sign-in sheets for 1,000 people ×
# 5 days, badges for 1,000, proceedings with 1,000 participants in mixed scripts; prints
# time, pages and size of each (targets: sheets < 1 s, proceedings < 2 s, files small
# enough to email).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
cargo run --quiet --release -p domain --features ssr --example documents_bench
