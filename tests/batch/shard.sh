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

# The nightly manifest's five jobs and seven outputs, small and without a
# basemap: sharding is under test here, not drawing (keeps CI quick).
cat > tiny.json <<EOF
{"incmap_manifest": 1,
 "description": "data/nightly.json at 400x300 without a basemap",
 "defaults": {"inputs": ["$data/iraq-2021.json"], "output": "nightly/{name}.{format}",
              "formats": ["png"], "bbox": "38.7,28.9,48.8,37.5", "size": "400x300",
              "basemap": "none"},
 "jobs": [
  {"name": "iraq-last-7-days", "last": "P7D", "formats": ["png", "pdf"]},
  {"name": "iraq-last-30-days", "last": "P30D", "formats": ["png", "pdf"], "color-by": "date"},
  {"name": "weapon-rocket", "weapon": "rocket", "color-by": "date"},
  {"name": "weapon-drone", "weapon": "drone", "color-by": "date"},
  {"name": "weapon-missile", "weapon": "missile", "color-by": "date"}
 ]}
EOF
manifest=$scratch/tiny.json

"$incmap" batch "$manifest" --now 2021-07-09 --jobs 1 -q --output-root serial
n=$(find serial -type f -not -path '*/.incmap-*' | wc -l)
[ "$n" -eq 7 ] || fail "expected 7 outputs from the manifest, found $n"

# Every job in exactly one shard: 5 jobs over 3 shards is 2 + 2 + 1.
for k in 1 2 3; do
  "$incmap" batch "$manifest" --dry-run -q --shard "$k/3" --output-root x | cut -f1 | sort -u
done > shards.txt
[ "$(sort shards.txt | uniq -d)" = "" ] || fail "a job is in two shards: $(sort shards.txt | uniq -d)"
[ "$(sort -u shards.txt | wc -l)" -eq 5 ] || fail "a job is in no shard"

# Three shards at once write exactly the serial run's files. The scale-out
# recipes themselves (Slurm, Kubernetes, GNU parallel, cron, systemd) are run
# by tests/deploy/recipes.sh.
pids=()
for k in 1 2 3; do
  "$incmap" batch "$manifest" --now 2021-07-09 --jobs 1 -q --shard "$k/3" \
    --output-root shards & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "a shard failed"; done
same shards
echo "ok: 3 concurrent shards = the serial run"
