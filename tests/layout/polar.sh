#!/bin/bash
# polar.sh INCMAP DATA_RENDER TMP
# A band round the North Pole (arctic.json: 64-78 N over 286 degrees of
# longitude) is drawn polar stereographic at every size: the markers
# spread over at least a quarter of the frame's height and 15 % of its
# width (the frame holds the whole ring of latitude, so no more). On a
# world map (Equal Earth) they were a sliver along the top, a tenth of
# the height; at 640x480 and 1200x675 the frame's padding once
# tipped the drawing to Equal Earth while the credits said polar.
set -u
incmap=$1 data=$2 tmp=$3/polar
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
status=0
for size in 640x480 1200x675 1080x1080; do
  "$incmap" render "$data/arctic.json" --size "$size" -o "$tmp/$size.png" \
    --dump-layout "$tmp/$size.json" 2>"$tmp/$size.err" || { echo "FAIL: render $size: $(cat "$tmp/$size.err")"; status=1; continue; }
  python3 - "$tmp/$size.json" "$size" <<'PY' || status=1
import json, sys
d = json.load(open(sys.argv[1]))
f = [i["box"] for i in d["items"] if i["kind"] == "frame"][0]
xs = [m["x"] for m in d["markers"]]
ys = [m["y"] for m in d["markers"]]
fw, fh = f[2] - f[0], f[3] - f[1]
wx, wy = (max(xs) - min(xs)) / fw, (max(ys) - min(ys)) / fh
ok = wx >= 0.15 and wy >= 0.25
print("%s %s: markers over %.0f%% of the frame's width, %.0f%% of its height"
      % ("ok  " if ok else "FAIL", sys.argv[2], 100 * wx, 100 * wy))
sys.exit(0 if ok else 1)
PY
done
exit $status
