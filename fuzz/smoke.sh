#!/usr/bin/env bash
# A short run of every fuzz target (default 20 s each), seeded from corpus/,
# golden/ and fuzz/seeds/, so a new crash fails CI. Needs the nightly
# toolchain; installs cargo-fuzz when it is missing. A crash leaves its input
# in fuzz/artifacts/TARGET/: keep it as a regression test.
#   fuzz/smoke.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-20}"

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz smoke: no nightly toolchain, skipped" >&2
    exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz
fi

# The seeds of each target: folders libFuzzer reads (and never writes).
seeds() {
    case "$1" in
        html|scanners) echo ../corpus/html ;;
        text) echo ../corpus/cases ../corpus/publishers ../golden/cases ;;
        jsonl) echo seeds/jsonl ;;
        stats) echo seeds/stats ;;
        rules) echo seeds/rules ;;
        warc) echo ../tests/fixtures/warc ;;
    esac
}

for target in html text jsonl stats rules scanners warc; do
    mkdir -p "corpus/$target"
    # shellcheck disable=SC2046
    cargo +nightly fuzz run "$target" "corpus/$target" $(seeds "$target") -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1
done
