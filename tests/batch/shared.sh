#!/usr/bin/env bash
# Load once per batch: jobs that read the same inputs the same way share one
# load made by the parent (issue 21), and that changes nothing a user sees.
# The same manifest run with the shared load and with --load-per-job gives
# the same exit code, the same messages in the same order (--jobs 1), the
# same summary and byte-identical maps. The jobs differ in what they select
# (weapons, a window, facets) and some in how they read (lenient or not,
# another style, another date order), so a load shared across the wrong jobs,
# or a selection taken from the wrong set, shows up as a different map or
# message. With strace, the input is also seen to be read once per group.
# Usage: shared.sh INCMAP DATA_DIR TESTS_DIR SCRATCH
set -euo pipefail
incmap=$1 data=$2 tests=$3 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch/m"
fail() { echo "FAIL: $*"; exit 1; }

in=$tests/data/inputs
# "katyusha" is a rocket in the default style and a drone in style.json.
sed 's/"weapon": "missile"/"weapon": "katyusha"/' "$data/iraq-2021.json" > "$scratch/m/iraq.json"
cp "$in/lenient.csv" "$in/export-a.csv" "$in/export-b.csv" "$scratch/m/"
# A style that reads "katyusha" as another weapon: the same file read with it
# gives other records, so it must not share the default style's load.
cat > "$scratch/m/style.json" <<'JSON'
{"aliases": {"katyusha": "drone"}}
JSON
cat > "$scratch/m/manifest.json" <<'JSON'
{
  "incmap_manifest": 1,
  "defaults": {"basemap": "none", "size": "500x380", "output": "{name}.{format}",
               "formats": ["png", "svg"], "no-inset": true},
  "jobs": [
    {"name": "all", "inputs": ["iraq.json"]},
    {"name": "rockets", "inputs": ["iraq.json"], "weapon": "rocket", "color-by": "date"},
    {"name": "lenient-a", "inputs": ["lenient.csv", "export-*.csv"], "skip-invalid": true,
     "dedupe": "id", "date-order": "mdy"},
    {"name": "window", "inputs": ["iraq.json"], "from": "2020-01-01", "to": "2020-12-31"},
    {"name": "styled", "inputs": ["iraq.json"], "style": "style.json"},
    {"name": "lenient-b", "inputs": ["lenient.csv", "export-*.csv"], "skip-invalid": true,
     "dedupe": "id", "date-order": "mdy", "weapon": ["rocket", "drone"]},
    {"name": "strict", "inputs": ["lenient.csv", "export-*.csv"], "date-order": "mdy"},
    {"name": "by-year", "inputs": ["iraq.json"], "facet": "year"},
    {"name": "lenient-dmy", "inputs": ["lenient.csv", "export-*.csv"], "skip-invalid": true,
     "dedupe": "id", "date-order": "dmy", "facet": "quarter"},
    {"name": "styled-2", "inputs": ["iraq.json"], "style": "style.json", "weapon": "rocket"},
    {"name": "strict-2", "inputs": ["lenient.csv", "export-*.csv"], "date-order": "mdy",
     "last": "P30D"}
  ]
}
JSON

# run NAME ARGS...: a batch into its own root; exit code, stderr without the
# times, the summary without the times.
run() {
  local name=$1; shift
  local rc=0
  "$incmap" batch "$scratch/m/manifest.json" --now 2021-07-09 --force \
    --output-root "$scratch/$name" --summary "$scratch/$name.summary.json" "$@" \
    2> "$scratch/$name.err" || rc=$?
  echo "$rc" > "$scratch/$name.rc"
  sed -E 's/ [0-9]+\.[0-9]+ s($|  )/ T s\1/' "$scratch/$name.err" > "$scratch/$name.msgs"
  sed -E 's/"seconds": [0-9.]+/"seconds": T/' "$scratch/$name.summary.json" > "$scratch/$name.sum"
}
compare() { # compare A B: everything a user sees is the same
  local a=$1 b=$2
  cmp -s "$scratch/$a.rc" "$scratch/$b.rc" ||
    fail "$a exit $(cat "$scratch/$a.rc"), $b exit $(cat "$scratch/$b.rc")"
  diff "$scratch/$a.msgs" "$scratch/$b.msgs" || fail "$a and $b print different messages"
  sed -i "s|$scratch/$a/|ROOT/|g" "$scratch/$a.sum"
  sed -i "s|$scratch/$b/|ROOT/|g" "$scratch/$b.sum"
  diff "$scratch/$a.sum" "$scratch/$b.sum" || fail "$a and $b write different summaries"
  diff -r --exclude='.incmap-*' "$scratch/$a" "$scratch/$b" || fail "$a and $b maps differ"
}

run shared1 --jobs 1
run separate1 --jobs 1 --load-per-job
compare shared1 separate1
# The jobs that read badly fail in both, with the reason named.
[ "$(cat "$scratch/shared1.rc")" = 1 ] || fail "the strict jobs should fail (exit 1)"
grep -q "failed .*strict-2" "$scratch/shared1.msgs" || fail "no failure line for strict-2"
grep -qE "lenient.csv(:[0-9]+)*: row" "$scratch/shared1.msgs" || fail "no record message"
# The selection is per job: the rockets map is not the whole set's map.
cmp -s "$scratch/shared1/all.png" "$scratch/shared1/rockets.png" && fail "rockets = all"
cmp -s "$scratch/shared1/all.png" "$scratch/shared1/styled.png" && fail "the style was ignored"
grep -Eq "ok +rockets .*incidents 32 " "$scratch/shared1.msgs" || fail "rockets: not 32 incidents"
grep -Eq "ok +styled-2 .*incidents 30 " "$scratch/shared1.msgs" || fail "styled-2: not 30 incidents"
[ "$(ls "$scratch/shared1"/*.png | wc -l)" -eq 9 ] || fail "expected 9 PNG maps"

# Two workers: messages of different jobs interleave, so compare them sorted.
run shared2 --jobs 2
run separate2 --jobs 2 --load-per-job
for r in shared2 separate2; do sort "$scratch/$r.msgs" > "$scratch/$r.sorted"; mv "$scratch/$r.sorted" "$scratch/$r.msgs"; done
compare shared2 separate2
diff -r --exclude='.incmap-*' "$scratch/shared1" "$scratch/shared2" >/dev/null ||
  fail "one and two workers give different maps"

# A rerun with everything up to date loads nothing and says the same.
rm -rf "$scratch/m/out"
"$incmap" batch "$scratch/m/manifest.json" --now 2021-07-09 -q 2>/dev/null || true
"$incmap" batch "$scratch/m/manifest.json" --now 2021-07-09 2> "$scratch/rerun.err" || true
grep -q "up to date" "$scratch/rerun.err" || { cat "$scratch/rerun.err"; fail "rerun: nothing up to date"; }

# Each group is read once (strace: the loader opens with O_NOCTTY, the stamp
# hash without), and its bytes hashed once for the 4 jobs' stamps; per job,
# once per job.
if command -v strace >/dev/null && strace -f -e trace=none true 2>/dev/null; then
  opens() { # opens ARGS...: "LOADS HASHES" of iraq.json by the whole batch
    strace -f -e trace=openat -o "$scratch/trace" "$incmap" batch "$scratch/m/manifest.json" \
      --now 2021-07-09 --force --jobs 2 --only all,rockets,window,by-year \
      --output-root "$scratch/trace-root" "$@" 2>/dev/null >&2 || true
    echo "$(grep 'iraq.json' "$scratch/trace" | grep -c 'O_NOCTTY')" \
         "$(grep 'iraq.json' "$scratch/trace" | grep -vc 'O_NOCTTY')"
  }
  read -r once hash_once <<< "$(opens)"
  # The stamps the shared run wrote are the ones a job of its own writes:
  # a rerun of one job by itself finds its output up to date.
  "$incmap" batch "$scratch/m/manifest.json" --now 2021-07-09 --only rockets --jobs 1 \
    --output-root "$scratch/trace-root" 2> "$scratch/stamp.err" || true
  grep -q "0 ok, 1 up to date" "$scratch/stamp.err" ||
    { cat "$scratch/stamp.err"; fail "shared stamps differ from a job's own"; }
  read -r every hash_every <<< "$(opens --load-per-job)"
  [ "$once" -eq 1 ] || fail "shared: iraq.json loaded $once times for 4 jobs, not once"
  [ "$every" -eq 4 ] || fail "--load-per-job: iraq.json loaded $every times, not 4"
  [ "$hash_once" -eq 1 ] || fail "shared: iraq.json hashed $hash_once times for 4 jobs, not once"
  [ "$hash_every" -eq 4 ] || fail "--load-per-job: iraq.json hashed $hash_every times, not 4"
  echo "ok: shared loads match separate loads; one load and one hash for 4 jobs (strace)"
else
  echo "ok: shared loads match separate loads (strace absent: the load count was not checked)"
fi

# Fields kept with the records (--color-by FIELD, --size-by FIELD) change
# what a load holds: jobs colouring by different fields must not share one.
# Each job's map equals its map from a load of its own, and the two colour
# fields give different maps.
mkdir -p "$scratch/f"
cp "$tests/data/symbology/acled-fatalities.csv" "$scratch/f/"
cat > "$scratch/f/manifest.json" <<'JSON'
{
  "incmap_manifest": 1,
  "defaults": {"inputs": ["acled-fatalities.csv"], "basemap": "none", "size": "480x360",
               "output": "{name}.png"},
  "jobs": [
    {"name": "by-event", "color-by": "event_type"},
    {"name": "by-sub", "color-by": "sub_event_type"},
    {"name": "by-event-sized", "color-by": "event_type", "size-by": "fatalities"},
    {"name": "by-date", "color-by": "date"},
    {"name": "plain"}
  ]
}
JSON
for mode in shared separate; do
  extra=()
  [ $mode = separate ] && extra=(--load-per-job)
  "$incmap" batch "$scratch/f/manifest.json" --force -q --jobs 2 \
    --output-root "$scratch/f-$mode" "${extra[@]}" || fail "fields batch ($mode) failed"
done
for j in by-event by-sub by-event-sized by-date plain; do
  cmp -s "$scratch/f-shared/$j.png" "$scratch/f-separate/$j.png" ||
    fail "fields: $j differs between the shared and the separate load"
done
cmp -s "$scratch/f-shared/by-event.png" "$scratch/f-shared/by-sub.png" &&
  fail "fields: colour by event_type and by sub_event_type gave the same map"
echo "ok: jobs colouring or sizing by different fields each get their own load"
