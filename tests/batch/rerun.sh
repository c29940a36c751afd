#!/usr/bin/env bash
# Skipping unchanged work: a rerun renders nothing and leaves the files as
# they were; --force renders again, byte-identical; a changed input renders
# again; --dry-run writes nothing; two concurrent runs of one manifest (the
# lock) end with exactly the files of a single run.
# Usage: rerun.sh INCMAP DATA_DIR TESTS_DIR SCRATCH
set -euo pipefail
incmap=$1 tests=$3 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch"
fail() { echo "FAIL: $*"; exit 1; }

# A copy of the manifest beside a copy of the input, so the input can change.
mkdir -p "$scratch/m"
cp "$tests/../data/iraq-2021.json" "$scratch/m/iraq-2021.json"
cat > "$scratch/m/manifest.json" <<'JSON'
{
  "output_root": "out",
  "defaults": {"inputs": ["*.json"], "basemap": "none", "size": "600x450",
               "output": "{name}.{format}", "formats": ["png", "pdf", "svg"]},
  "jobs": [
    {"name": "all"},
    {"name": "week", "last": "P7D", "world-file": true},
    {"name": "drones", "weapon": "drone", "color-by": "date"}
  ]
}
JSON
# The manifest itself is *.json too: keep inputs to the data file.
sed -i 's/"\*.json"/"iraq-*.json"/' "$scratch/m/manifest.json"
run() { "$incmap" batch "$scratch/m/manifest.json" --now 2021-07-09 --jobs 2 "$@"; }
snapshot() { (cd "$scratch/m/out" && find . -type f -not -path './.incmap-*' -printf '%p %s %T@ %i\n' | sort); }

# --dry-run: lists, writes nothing (no output root, no lock, no state).
run --dry-run > "$scratch/dry.txt" 2>/dev/null
[ "$(wc -l < "$scratch/dry.txt")" -eq 9 ] || fail "dry run lists $(wc -l < "$scratch/dry.txt") outputs, not 9"
[ ! -e "$scratch/m/out" ] || fail "--dry-run created $scratch/m/out"

run -q
first=$(snapshot)
[ "$(echo "$first" | grep -c .)" -eq 12 ] || fail "expected 9 maps + .pgw + .prj + .png.aux.xml: $first"
cp -r "$scratch/m/out" "$scratch/first"

# Unchanged: every job up to date, nothing touched (same inode and mtime).
run 2> "$scratch/rerun.err"
grep -q "0 ok, 3 up to date, 0 failed" "$scratch/rerun.err" || { cat "$scratch/rerun.err"; fail "rerun did not skip"; }
[ "$(snapshot)" = "$first" ] || fail "a skipped rerun touched the files"

# --force: rendered again, byte for byte the same.
run --force 2> "$scratch/force.err"
grep -q "3 ok, 0 up to date" "$scratch/force.err" || { cat "$scratch/force.err"; fail "--force skipped"; }
diff -r --exclude='.incmap-*' "$scratch/first" "$scratch/m/out" || fail "--force changed the bytes"

# A deleted output is rendered again, the rest is skipped.
rm "$scratch/m/out/drones.svg"
run 2> "$scratch/del.err"
grep -q "1 ok, 2 up to date" "$scratch/del.err" || { cat "$scratch/del.err"; fail "a deleted output was not redone"; }
cmp "$scratch/first/drones.svg" "$scratch/m/out/drones.svg"

# A changed input makes every job stale.
sed -i 's/"casualties": 0,/"casualties": 0, /' "$scratch/m/iraq-2021.json"
run 2> "$scratch/changed.err"
grep -q "3 ok, 0 up to date" "$scratch/changed.err" || { cat "$scratch/changed.err"; fail "a changed input was not noticed"; }

# A different --now changes the window of "week" only.
run --now 2021-07-10 2> "$scratch/now.err"
grep -q "1 ok, 2 up to date" "$scratch/now.err" || { cat "$scratch/now.err"; fail "--now did not change the stamp of week"; }

# Two concurrent runs of the same manifest into a fresh root: the lock lets
# one render each output while the other waits, then finds it up to date,
# so every job is rendered exactly once; the files are a single run's.
rm -rf "$scratch/m/out"
"$incmap" batch "$scratch/m/manifest.json" --now 2021-07-09 --jobs 1 --output-root "$scratch/ref" -q
run 2> "$scratch/c1.err" & a=$!
run 2> "$scratch/c2.err" & b=$!
wait $a || { cat "$scratch/c1.err"; fail "first concurrent run failed"; }
wait $b || { cat "$scratch/c2.err"; fail "second concurrent run failed"; }
rendered=$(cat "$scratch/c1.err" "$scratch/c2.err" | sed -n 's/.*: \([0-9]*\) ok, .*/\1/p' | awk '{s += $1} END {print s + 0}')
[ "$rendered" -eq 3 ] || { cat "$scratch/c1.err" "$scratch/c2.err"; fail "jobs rendered $rendered times, not 3"; }
diff -r --exclude='.incmap-*' "$scratch/ref" "$scratch/m/out" || fail "concurrent runs differ from a single run"
left=$(find "$scratch/m/out" -name '.*.??????' | wc -l)
[ "$left" -eq 0 ] || fail "temporary files left: $(find "$scratch/m/out" -name '.*.??????')"
echo "ok: skip, --force, stale detection, --dry-run, concurrent runs"
