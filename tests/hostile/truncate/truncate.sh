#!/usr/bin/env bash
# An input cut short between its opening and its reading, every time (an
# LD_PRELOAD shim truncates it at the first read or map; shim.c): each kind of
# input read by the CLI, cut mid-record and cut cleanly at a record boundary
# (where the shorter file is valid on its own), must give exit 3 and a
# message naming the file and the sizes, never a signal, and write no map.
# Usage: truncate.sh INCMAP SHIM.so DATA_DIR SCRATCH
set -uo pipefail
incmap=$1 shim=$2 data=$3 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
# The sanitizer runtime must otherwise come first in the library list.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# cut NAME BYTES PATTERN -- incmap args...: run with NAME truncated to BYTES.
cut() {
  local name=$1 at=$2 pat=$3; shift 4
  rm -f out.png
  TRUNCATE_PATH=$name TRUNCATE_AT=$at LD_PRELOAD=$shim "$incmap" "$@" >/dev/null 2>err
  local rc=$? size; size=$(stat -c %s "$name")
  [ "$size" -eq "$at" ] || { fail "$name: the shim did not cut it ($size bytes, wanted $at)"; return; }
  [ $rc -lt 128 ] || { fail "$name cut to $at: killed by signal $((rc - 128))"; return; }
  [ $rc -eq 3 ] || { fail "$name cut to $at: exit $rc, expected 3"; cat err; }
  grep -q -- "$pat" err || { fail "$name cut to $at: the message does not match /$pat/"; cat err; }
  [ -e out.png ] && fail "$name cut to $at: a map was written"
}

# Native JSON: 2,000 records; cut in the middle of one, and after a whole
# record where a closing "]}" is all that is missing.
python3 - <<'PY' || { echo "SKIP: python3 is missing"; exit 77; }
import json
recs = [{"id": "t%d" % i, "date": "2021-01-01", "lat": 33, "lon": 44, "site": "s%d" % i,
         "weapon": "rocket"} for i in range(2000)]
with open("in.json", "w") as f:
    json.dump({"incidents": recs}, f)
with open("in.csv", "w") as f:
    f.write("id,date,lat,lon,site,weapon\n")
    for r in recs:
        f.write("%s,2021-01-01,33,44,\"%s\",rocket\n" % (r["id"], r["site"]))
PY
cp in.json orig.json && cp in.csv orig.csv
full=$(stat -c %s orig.json)
for at in 1000 $((full / 2)) $((full - 2)); do
  cp orig.json in.json
  cut in.json "$at" "in.json: the file shrank from $full to $at bytes while it was read" -- \
    render in.json --basemap none -o out.png
done
# CSV: cut exactly after a row (the rest is a valid CSV file of 1,000 rows)
# and inside a quoted field.
full=$(stat -c %s orig.csv)
row_end=$(head -n 1001 orig.csv | wc -c)
for at in "$row_end" $((row_end + 27)); do
  cp orig.csv in.csv
  cut in.csv "$at" "in.csv: the file shrank from $full to $at bytes" -- \
    render in.csv --basemap none -o out.png
done
# A style and a layer file, cut the same way.
printf '{"title": {"size": 20}}\n' > style.json
cut style.json 10 "style.json: the file shrank from $(stat -c %s style.json) to 10 bytes" -- \
  render orig.json --basemap none --style style.json -o out.png
printf '{"type":"FeatureCollection","features":[]}\n' > layer.geojson
cut layer.geojson 20 "layer.geojson: the file shrank from $(stat -c %s layer.geojson) to 20 bytes" -- \
  render orig.json --basemap none --layer layer.geojson -o out.png

[ $failures -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "all truncation checks passed"
