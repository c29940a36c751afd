#!/usr/bin/env bash
# The scale-out recipes of data/scaleout/, run on this machine: shards run
# concurrently write exactly the files of a serial run, byte for byte.
#  - GNU parallel: data/scaleout/parallel.sh with 3 shards at once on ":"
#    (this host), as it would run them on host1,host2,...;
#  - Slurm: data/scaleout/slurm.sh for each task of a 4-task array, with the
#    environment Slurm gives an array task;
#  - Kubernetes: the container command and environment of
#    data/scaleout/k8s-indexed-job.yaml, with JOB_COMPLETION_INDEX 0..3.
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

# GNU parallel.
INCMAP=$incmap PER_HOST=3 NOW=2021-07-09 bash "$data/scaleout/parallel.sh" \
  "$manifest" : 3 --jobs 1 -q --output-root parallel
same parallel
echo "ok: GNU parallel, 3 concurrent shards"

# Slurm: four array tasks at once.
pids=()
for t in 0 1 2 3; do
  SLURM_ARRAY_TASK_ID=$t SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=4 SLURM_CPUS_PER_TASK=1 \
    NOW=2021-07-09 INCMAP=$incmap bash "$data/scaleout/slurm.sh" "$manifest" -q \
    --output-root slurm & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "a Slurm task failed"; done
same slurm
for t in 0 1 2 3; do [ -s "incmap-summary-$t.json" ] || fail "no summary of task $t"; done
echo "ok: Slurm array, 4 tasks"

# Kubernetes: the Job's own command line and environment.
if python3 -c 'import yaml' 2>/dev/null; then
  python3 - "$data/scaleout/k8s-indexed-job.yaml" > k8s.cmd <<'PY'
import sys, yaml, shlex
job = yaml.safe_load(open(sys.argv[1]))
spec = job["spec"]
assert spec["completionMode"] == "Indexed"
c = spec["template"]["spec"]["containers"][0]
env = {e["name"]: e["value"] for e in c["env"]}
assert int(env["INCMAP_SHARD_COUNT"]) == spec["completions"], "INCMAP_SHARD_COUNT != completions"
print(spec["completions"])
print(env["INCMAP_SHARD_COUNT"])
print(shlex.join(c["command"]))
PY
  count=$(sed -n 1p k8s.cmd) shard_count=$(sed -n 2p k8s.cmd) cmd=$(sed -n 3p k8s.cmd)
  pids=()
  for ((i = 0; i < count; i++)); do
    line=${cmd//\$(NOW)/2021-07-09}
    line=${line//\$(JOB_COMPLETION_INDEX)/$i}
    line=${line//\/maps\/nightly.json/$manifest}
    line=${line//\/maps\//$scratch/}
    eval "set -- $line"
    [ "$1" = incmap ] || fail "the container does not run incmap"
    shift
    JOB_COMPLETION_INDEX=$i INCMAP_SHARD_COUNT=$shard_count \
      "$incmap" "$@" -q --jobs 1 --output-root k8s & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || fail "a Kubernetes pod failed"; done
  same k8s
  echo "ok: Kubernetes Indexed Job, $count pods"
else
  echo "note: python3-yaml missing; the Kubernetes recipe was not run"
fi
