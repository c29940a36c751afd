#!/usr/bin/env bash
# A big map is the same file on one thread and on four (issue 21): 70,000
# incidents, past the 65,536 from which their positions are projected in
# parts on threads of their own (src/project.c), the markers blitted in
# bands of rows on the CPUs (src/symbol.c, blit_band) and the basemap
# painted by a helper under a layer of the rest (src/draw_ahead.c). Some
# incidents lie past the frame's edges (not drawn: the warning's count must
# agree), positions at every fraction of a pixel, four weapons, two years.
# The PNG and the layout dump must be the same bytes, at two sizes.
# usage: threads.sh INCMAP TMPDIR
set -euo pipefail
incmap=$1 tmp=$2/scale-threads
rm -rf "$tmp" && mkdir -p "$tmp"
fail() { echo "FAIL: $*"; exit 1; }
python3 - "$tmp/in.json" <<'PY'
import json, random, sys
rng = random.Random(70)
weapons = ["rocket", "drone", "mortar", "ied"]
recs = []
for i in range(70000):
    lon, lat = rng.uniform(37.0, 50.0), rng.uniform(28.0, 39.0)  # bbox 38,29,49,38 and beyond
    day = rng.randrange(0, 730)
    recs.append({"id": "t%d" % i, "date": "%d-%02d-%02d" % (2019 + day // 365, 1 + day % 12,
                 1 + day % 28), "lat": round(lat, 6), "lon": round(lon, 6),
                 "weapon": weapons[i % 4]})
json.dump({"incidents": recs}, open(sys.argv[1], "w"))
PY
common=(--crs EPSG:3395 --bbox 38,29,49,38 --density none --stack none)
for size in 800x600 1237x911; do
  for t in 1 4; do
    INCMAP_THREADS=$t "$incmap" render "$tmp/in.json" "${common[@]}" --size "$size" \
      -o "$tmp/t$t-$size.png" --dump-layout "$tmp/t$t-$size.json" 2> "$tmp/t$t-$size.err" ||
      { cat "$tmp/t$t-$size.err"; fail "render at $size on $t thread(s) failed"; }
  done
  cmp -s "$tmp/t1-$size.png" "$tmp/t4-$size.png" || fail "$size: the PNG differs between 1 and 4 threads"
  cmp -s "$tmp/t1-$size.json" "$tmp/t4-$size.json" ||
    fail "$size: the layout dump differs between 1 and 4 threads"
  out=$(grep -o "[0-9]* of 70000 selected incidents lie outside" "$tmp/t4-$size.err" | cut -d' ' -f1) ||
    fail "$size: no warning of the incidents outside the frame"
  # 31 % of them lie outside the bbox (1 - 11*9/(13*11)); the frame shows more of the map
  [ "$out" -gt 8000 ] && [ "$out" -lt 23000 ] || fail "$size: $out incidents outside the frame"
  echo "ok: $size: the same PNG and layout on 1 and 4 threads ($out outside the frame)"
done
