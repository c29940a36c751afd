#!/usr/bin/env bash
# Bounds on everything, each refused with a message naming the limit and the
# option that raises it, before the memory is spent: non-regular inputs
# (/dev/zero as incidents, --style, --layer and a basemap), a 7,000,000-point
# MultiPoint, a 10,000,000-vertex layer polygon, --size 20000x20000; info on
# 200,000 distinct sites (finishes: the ctest timeout is the bound, nothing
# here times it).
# Usage: limits.sh INCMAP DATA_DIR TESTS_DIR SCRATCH
set -uo pipefail
incmap=$1 data=$2 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
command -v python3 >/dev/null || { echo "SKIP: python3 is missing"; exit 77; }
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect() { # expect CODE PATTERN WHAT -- command...
  local code=$1 pat=$2 what=$3; shift 4
  "$@" 2>err >/dev/null; local rc=$?
  [ $rc -eq "$code" ] || { fail "$what: exit $rc, expected $code"; cat err; return; }
  grep -q -- "$pat" err || { fail "$what: the message does not match /$pat/"; cat err; }
}
in=$data/iraq-2021.json

# 1. /dev/zero everywhere a file is read, with the same byte limit as files.
expect 3 "over the limit of 1048576 bytes.*--max-file-size" "render /dev/zero" -- \
  "$incmap" render /dev/zero --max-file-size 1M -o z.png
expect 3 "over the limit of 1048576 bytes.*--max-file-size" "--style /dev/zero" -- \
  "$incmap" render --max-file-size 1M --style /dev/zero "$in" -o z.png
expect 3 "over the limit of 1048576 bytes.*--max-file-size" "--layer /dev/zero" -- \
  "$incmap" render --max-file-size 1M "$in" --layer /dev/zero -o z.png
mkdir -p zbm && ln -s /dev/zero zbm/manifest.json
expect 3 "over the limit of 1048576 bytes.*--max-file-size" "a basemap whose manifest is /dev/zero" -- \
  "$incmap" render --max-file-size 1M "$in" --basemap "$scratch/zbm" -o z.png
[ -e z.png ] && fail "an output was written from /dev/zero"
# The same limit for a regular file and for the same bytes through a pipe.
head -c 2000000 /dev/zero > zeros
expect 3 "over the limit of 1048576 bytes" "a 2 MB file over 1M" -- \
  "$incmap" info --max-file-size 1M zeros
expect 3 "over the limit of 1048576 bytes" "2 MB through a pipe over 1M" -- \
  bash -c "cat zeros | '$incmap' info --max-file-size 1M -"

# 2. Positions in one geometry and in one layer file.
python3 - <<'PY'
head = '{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
with open("multipoint.geojson", "w") as f:
    f.write(head + '{"id":"a","date":"2021-01-01","weapon":"rocket"},"geometry":'
            '{"type":"MultiPoint","coordinates":[')
    f.write(",".join(["[44.1,33.2]"] * 7000000) + "]}}]}\n")
with open("polygon.geojson", "w") as f:
    f.write(head + '{},"geometry":{"type":"Polygon","coordinates":[[')
    f.write(",".join(["[44.1,33.2]"] * 10000000) + "]]}}]}\n")
PY
expect 3 "more than 1000000 coordinate positions.*--max-points" "a 7,000,000-point MultiPoint" -- \
  "$incmap" render multipoint.geojson --basemap none -o mp.png
expect 3 "more than 5000000 coordinate positions.*--max-vertices" "a 10,000,000-vertex layer" -- \
  "$incmap" render "$in" --basemap none --layer polygon.geojson -o poly.png
expect 3 "more than 1000 coordinate positions.*--max-points" "--max-points 1000" -- \
  "$incmap" validate --max-points 1000 multipoint.geojson
rm -f multipoint.geojson polygon.geojson
# Raising a limit works: 3 positions allowed with --max-points 3.
cat > three.geojson <<'JSON'
{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a","date":"2021-01-01","weapon":"rocket"},"geometry":{"type":"MultiPoint","coordinates":[[44,33],[44.5,33.5],[45,34]]}}]}
JSON
"$incmap" validate --max-points 3 three.geojson >/dev/null 2>err || fail "3 positions under --max-points 3 refused"
expect 3 "--max-points" "3 positions over --max-points 2" -- "$incmap" validate --max-points 2 three.geojson

# 3. Pixels, checked before anything is allocated.
expect 2 "400000000 pixels, over the limit of 100000000.*--max-pixels" "--size 20000x20000" -- \
  "$incmap" render "$in" --basemap none --size 20000x20000 -o big.png
expect 2 "over the limit of 1000000.*--max-pixels" "--max-pixels 1M" -- \
  "$incmap" render "$in" --basemap none --size 2000x1500 --max-pixels 1000000 -o big.png
[ -e big.png ] && fail "a map was written over the pixel limit"

# 4. info on 200,000 distinct sites lists them all.
python3 - <<'PY'
import json
json.dump({"incidents": [{"id": "i%d" % i, "date": "2021-01-01", "lat": 30 + (i % 1000) / 100,
                          "lon": 40 + (i // 1000) / 100, "site": "Site %d" % i,
                          "weapon": "rocket"} for i in range(200000)]}, open("sites.json", "w"))
PY
"$incmap" info sites.json > info.txt 2>err || fail "info on 200,000 sites: exit $?"
n=$(grep -c "^  Site " info.txt)
[ "$n" -eq 200000 ] || fail "info on 200,000 sites listed $n"
rm -f sites.json info.txt

# 4b. A render of 20,000 incidents at 20,000 distinct sites: labels are
# aggregated, not refused (at most 40 site labels, chosen among at most 2,000
# sites; none above 50,000 markers): the map is written and names few sites.
python3 - <<'PY'
import json
json.dump({"incidents": [{"id": "i%d" % i, "date": "2021-01-01", "lat": 30 + (i % 150) / 25,
                          "lon": 40 + (i // 150) / 25, "site": "Site %d" % i,
                          "weapon": "rocket"} for i in range(20000)]}, open("sites.json", "w"))
PY
"$incmap" render sites.json --basemap none --size 800x600 -o sites.png --dump-layout sites.layout \
  2>err || fail "render of 20,000 distinct sites: exit $?"
[ -s sites.png ] || fail "render of 20,000 distinct sites: no map"
n=$(grep -c '"kind": "site_label"' sites.layout)
[ "$n" -ge 1 ] && [ "$n" -le 40 ] || fail "render of 20,000 distinct sites: $n site labels"
rm -f sites.json sites.png sites.layout

# 5. Truncation while reading: hostile/truncate (deterministic, through a shim).

[ $failures -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "all limit checks passed"
