#!/usr/bin/env bash
# SIGKILL in the middle of a batch: every output is either yesterday's file,
# byte for byte, or a complete new map; no partial or temporary file is left;
# the next run works.
# Usage: sigkill.sh INCMAP DATA_DIR TESTS_DIR SCRATCH
set -euo pipefail
incmap=$1 data=$2 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch/out" "$scratch/before"
fail() { echo "FAIL: $*"; exit 1; }

# Twenty large renders (PNG and PDF), with the bundled basemap when present.
{
  echo '{"defaults": {"inputs": ["'"$data"'/iraq-2021.json"], "size": "4000x3000",'
  echo '  "output": "{name}.{format}", "formats": ["png", "pdf"]}, "jobs": ['
  for i in $(seq -w 1 20); do
    sep=","; [ "$i" = 20 ] && sep=""
    echo '  {"name": "map-'"$i"'", "color-by": "'"$([ $((10#$i % 2)) = 0 ] && echo date || echo weapon)"'"}'"$sep"
  done
  echo ']}'
} > "$scratch/out/manifest.json"

# Yesterday's outputs: recognisable bytes at every path.
for i in $(seq -w 1 20); do
  for f in png pdf; do
    printf 'yesterday map-%s.%s\n' "$i" "$f" > "$scratch/out/map-$i.$f"
    cp "$scratch/out/map-$i.$f" "$scratch/before/"
  done
done

# Its own session and process group, so kill -9 reaches the workers too.
setsid "$incmap" batch "$scratch/out/manifest.json" --jobs 2 -q --now 2021-07-09 \
  2> "$scratch/batch.err" &
pid=$!
sleep 0.5
pgid=$(ps -o pgid= -p "$pid" | tr -d ' ')
[ -n "$pgid" ] || fail "the batch ended before it could be killed (too fast a machine?)"
kill -KILL -- "-$pgid"
wait "$pid" 2>/dev/null && fail "the batch was not killed"
sleep 0.2 # let the kernel reap the workers

replaced=0 kept=0
for i in $(seq -w 1 20); do
  for f in png pdf; do
    out="$scratch/out/map-$i.$f"
    [ -f "$out" ] || fail "$out is gone"
    if cmp -s "$out" "$scratch/before/map-$i.$f"; then
      kept=$((kept + 1))
    elif [ $f = png ] && tail -c 8 "$out" | od -An -tx1 | grep -q '49 45 4e 44 ae 42 60 82'; then
      replaced=$((replaced + 1))
    elif [ $f = pdf ] && tail -c 7 "$out" | grep -q '%%EOF'; then
      replaced=$((replaced + 1))
    else
      fail "$out is neither yesterday's file nor a complete map"
    fi
  done
done
temps=$(find "$scratch/out" -name '.*.??????')
[ -z "$temps" ] || fail "temporary files left after SIGKILL: $temps"
[ "$kept" -gt 0 ] || fail "every map was done within 0.5 s: the kill did not land mid-batch"
echo "after SIGKILL: $replaced outputs complete and new, $kept untouched, no temporary files"

# The next run renders what is missing; here one job, to keep the test short.
"$incmap" batch "$scratch/out/manifest.json" --only map-20 -q --now 2021-07-09 \
  || fail "the run after the kill failed"
tail -c 7 "$scratch/out/map-20.pdf" | grep -q '%%EOF' || fail "map-20.pdf not rendered"
echo "ok"
