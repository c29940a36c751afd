#!/usr/bin/env bash
# Markers hidden under later ones are not drawn (PNG, 2,000 markers or
# more: src/symbol.c, markers_hidden): the image must be byte for byte the
# one drawn with every marker (INCMAP_DRAW_HIDDEN=1). 12,000 incidents, most
# piled into a few small areas (so that most markers are covered), four
# weapons, dates over two years (every age bucket), every seventh dated to
# the month only (the dashed edge, whose pixels are not opaque), positions
# at every fraction of a pixel (the four sub-pixel stamps), some across and
# beyond the frame's edges (stamps cut by the clip or wholly outside it).
# Drawn at 200 dpi (stamps of one 64-bit word a row) and at 600 dpi
# (three), on the default theme and on a dark one, without a basemap and
# with one. The verbose note must say that most markers, not all, were
# left out.
# usage: hidden.sh INCMAP TMPDIR
set -euo pipefail
incmap=$1 tmp=$2/scale-hidden
rm -rf "$tmp" && mkdir -p "$tmp"
fail() { echo "FAIL: $*"; exit 1; }
python3 - "$tmp/in.json" <<'PY'
import json, random, sys
rng = random.Random(21)
weapons = ["rocket", "drone", "mortar", "ied"]
piles = [(44.4, 33.3, 0.25), (44.0, 36.2, 0.6), (38.05, 33.0, 0.2), (41.0, 37.95, 0.3)]
recs = []
for i in range(12000):
    if i % 10 == 0:   # spread over and past the frame (bbox 38,29,49,38)
        lon, lat = rng.uniform(37.2, 49.8), rng.uniform(28.3, 38.7)
    else:
        cx, cy, r = piles[i % len(piles)]
        lon, lat = cx + rng.uniform(-r, r), cy + rng.uniform(-r, r)
    day = rng.randrange(0, 730)
    y, doy = 2019 + day // 365, day % 365
    m, d = 1 + doy // 31 % 12, 1 + doy % 28
    date = "%d-%02d-%02d" % (y, m, d) if i % 7 else "%d-%02d" % (y, m)
    recs.append({"id": "h%d" % i, "date": date, "lat": round(lat, 6), "lon": round(lon, 6),
                 "weapon": weapons[rng.randrange(4)]})
json.dump({"incidents": recs}, open(sys.argv[1], "w"))
PY
common=(--crs EPSG:3395 --bbox 38,29,49,38 --density none --stack none)
n=0
for variant in "--basemap none --size 800x600" \
               "--basemap none --size 2400x1800 --dpi 600" \
               "--basemap none --size 800x600 --theme dark" \
               "--size 700x500"; do
  n=$((n + 1))
  read -r -a extra <<< "$variant"
  "$incmap" -v render "$tmp/in.json" "${common[@]}" "${extra[@]}" -o "$tmp/skip$n.png" \
    2> "$tmp/skip$n.err" || { cat "$tmp/skip$n.err"; fail "render ($variant) failed"; }
  INCMAP_DRAW_HIDDEN=1 "$incmap" -q render "$tmp/in.json" "${common[@]}" "${extra[@]}" \
    -o "$tmp/all$n.png" || fail "render ($variant, every marker) failed"
  cmp -s "$tmp/skip$n.png" "$tmp/all$n.png" ||
    fail "$variant: leaving out the hidden markers changed the image"
  line=$(grep -o "markers: [0-9]* of [0-9]* hidden" "$tmp/skip$n.err") ||
    { cat "$tmp/skip$n.err"; fail "$variant: no note of the hidden markers"; }
  read -r hid total <<< "$(echo "$line" | sed -E 's/markers: ([0-9]+) of ([0-9]+) hidden/\1 \2/')"
  [ "$total" -ge 10000 ] || fail "$variant: only $total markers drawn"
  [ "$hid" -gt $((total / 2)) ] || fail "$variant: only $hid of $total markers left out"
  [ "$hid" -lt "$total" ] || fail "$variant: every marker left out"
  echo "ok: $variant: $hid of $total markers left out, the same image"
done
