#!/usr/bin/env bash
# Markers drawn in batches (2,000 or more) in SVG and PDF: the marker is
# written once and referenced at each position, positions rounded to 0.01,
# and a marker at the same position, date and weapon as a later one is not
# written (the later one covers it). 3,000 incidents of which 500 repeat an
# earlier one's place, date and weapon under a new id: 2,500 markers drawn
# (--stack none: not fanned out around their site); every fifth dated to
# the month only (a dashed edge). stamps_check.py compares the SVG's and
# the PDF's markers with each other, with the layout dump and, when
# Pillow, rsvg-convert and pdftoppm are there, with the PNG's pixels.
# usage: stamps.sh INCMAP TMPDIR
set -euo pipefail
# Full stacks under LSan: the leak suppressed for Cairo's snapshots of the
# stamps (tests/lsan.supp) is matched through markers_draw_batched.
[ -n "${ASAN_OPTIONS:-}" ] && export ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0"
incmap=$1 tmp=$2/scale-stamps here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$tmp" && mkdir -p "$tmp"
python3 - "$tmp/in.json" <<'PY'
import json, random, sys
rng = random.Random(7)
recs = []
weapons = ["rocket"] * 4 + ["drone"] * 3 + ["mortar"] * 2 + ["ied"]  # uneven counts
for i in range(2500):
    date = "2021-0%d-1%d" % (1 + i % 6, i % 10) if i % 5 else "2021-0%d" % (1 + i % 6)
    recs.append({"id": "s%d" % i, "date": date,
                 "lat": round(rng.uniform(30, 37), 5), "lon": round(rng.uniform(39, 48), 5),
                 "weapon": weapons[i % 10]})
for j in range(500):
    r = dict(recs[(j * 37) % 2500])
    r["id"] = "dup%d" % j
    recs.append(r)
json.dump({"incidents": recs}, open(sys.argv[1], "w"))
PY
common=(--basemap none --crs EPSG:3395 --bbox 38,29,49,38 --density none --stack none
        --size 1600x1200)
for f in svg pdf png; do
  "$incmap" -q render "$tmp/in.json" "${common[@]}" -o "$tmp/m.$f" --dump-layout "$tmp/$f.json"
done
py=python3
/usr/bin/python3 -c 'import PIL' 2>/dev/null && py=/usr/bin/python3
"$py" "$here/stamps_check.py" "$tmp" 2500
