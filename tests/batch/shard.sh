#!/usr/bin/env bash
# Shards: every job of the manifest in exactly one shard, and shards run
# concurrently write exactly the files of a serial run, byte for byte. The
# recipes that run shards (data/deploy/: Slurm, Kubernetes, GNU parallel)
# are run by tests/deploy/recipes.sh.
# Usage: shard.sh INCMAP DATA_DIR TESTS_DIR SCRATCH
set -euo pipefail
incmap=$1 data=$2 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch"
cd "$scratch"
command -v parallel >/dev/null || { echo "SKIP: GNU parallel is not installed (.ci/deps)"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
same() { # same DIR: DIR holds exactly the serial run's files
  diff -r --exclude=.incmap-state --exclude=.incmap-batch.lock "$scratch/serial" "$1" \
    || fail "$1 differs from the serial run"
}

"$incmap" batch "$data/nightly.json" --now 2021-07-09 --jobs 1 -q --output-root serial
n=$(find serial -type f -not -path '*/.incmap-*' | wc -l)
[ "$n" -eq 7 ] || fail "expected 7 outputs from data/nightly.json, found $n"

# Every job in exactly one shard: 5 jobs over 3 shards is 2 + 2 + 1.
for k in 1 2 3; do
  "$incmap" batch "$data/nightly.json" --dry-run -q --shard "$k/3" --output-root x | cut -f1 | sort -u
done > shards.txt
[ "$(sort shards.txt | uniq -d)" = "" ] || fail "a job is in two shards: $(sort shards.txt | uniq -d)"
[ "$(sort -u shards.txt | wc -l)" -eq 5 ] || fail "a job is in no shard"

# Three shards at once write exactly the serial run's files. The scale-out
# recipes themselves (Slurm, Kubernetes, GNU parallel, cron, systemd) are run
# by tests/deploy/recipes.sh.
pids=()
for k in 1 2 3; do
  "$incmap" batch "$data/nightly.json" --now 2021-07-09 --jobs 1 -q --shard "$k/3" \
    --output-root shards & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "a shard failed"; done
same shards
echo "ok: 3 concurrent shards = the serial run"
