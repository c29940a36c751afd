#!/usr/bin/env bash
# Inputs over 64 MB are given back to the system behind the reader as the
# load goes (mapfile.c; the pages read as zeros afterwards): messages about
# records near the end must still name the right line and column (the JSON
# walker counts lines before it lets bytes go; CSV keeps the current row).
# Peak memory is printed, not asserted: here it is the whole file read at
# the start; the release pays off when the records outgrow the file's tail
# (tests/bench/scale.sh shows it at 10,000,000).
# ~150,000 records of ~540 bytes (a long "notes" member the loader ignores),
# JSON and CSV, each with one bad record on a known line near the end.
# usage: release.sh INCMAP TMPDIR
set -euo pipefail
incmap=$1 tmp=$2/scale-release
rm -rf "$tmp" && mkdir -p "$tmp"
[ -x /usr/bin/time ] || { echo "skip: no /usr/bin/time"; exit 77; }
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
n, bad = 150000, 149990
note = "x" * 460
with open(d + "/big.json", "w") as f:
    f.write('{"incidents": [\n')
    for i in range(n):
        lat = 95.5 if i == bad else 30 + (i % 700) / 100
        f.write('%s{"id": "r%d", "date": "2021-03-04", "lat": %s, "lon": 44.1, '
                '"weapon": "rocket", "notes": "%s"}\n' % ("," if i else " ", i, lat, note))
    f.write("]}\n")
with open(d + "/big.csv", "w") as f:
    f.write("id,date,lat,lon,weapon,notes\n")
    for i in range(n):
        lat = 95.5 if i == bad else 30 + (i % 700) / 100
        f.write("r%d,2021-03-04,%s,44.1,rocket,%s\n" % (i, lat, note))
PY
fail=0
for f in json csv; do
    size=$(stat -c %s "$tmp/big.$f")
    set +e
    /usr/bin/time -f %M -o "$tmp/rss.$f" "$incmap" info "$tmp/big.$f" > /dev/null 2> "$tmp/err.$f"
    rc=$?
    set -e
    rss_kb=$(tail -n 1 "$tmp/rss.$f")
    # JSON: the bad record is on line 149,992 (the array opens on line 1);
    # CSV: row 149,992 (the header is line 1); its lat at column 49 / 20.
    if [ "$f" = json ]; then want="big.json:149992:49:"; else want="big.csv:149992:20:"; fi
    if [ $rc -ne 3 ] || ! grep -q "$want" "$tmp/err.$f"; then
        echo "FAIL $f: exit $rc, expected 3 and a message at $want; got:"
        head -3 "$tmp/err.$f"
        fail=1
    fi
    echo "$f: $((size / 1048576)) MB file, peak RSS $((rss_kb / 1024)) MB, exit $rc: $(head -c 160 "$tmp/err.$f")"
done
exit $fail
