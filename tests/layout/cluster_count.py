#!/usr/bin/env python3
"""cluster_count.py MAP.png DUMP.json - every cluster symbol's count is
legible: in a box at the symbol's centre (where the number is drawn) the
lightest and darkest pixels differ by at least a third of the range, so
the figures stand out from the disc (under --theme dark the count once
came out white on a white disc). Prints each failure; exit 1 when any."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png_diff import read_png  # noqa: E402

png, dump = sys.argv[1], json.load(open(sys.argv[2]))
w, h, bpp, rows = read_png(png)
scale = w / dump["page"]["w"]  # pixels per point
status, n = 0, 0
for m in dump["markers"]:
    if m["n"] < 2:
        continue
    n += 1
    cx, cy, half = m["x"] * scale, m["y"] * scale, max(1.0, m["r"] * scale * 0.3)
    lum = []
    for y in range(int(cy - half), int(cy + half) + 1):
        for x in range(int(cx - half), int(cx + half) + 1):
            if 0 <= x < w and 0 <= y < h:
                p = rows[y][x * bpp:x * bpp + 3]
                lum.append(0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2])
    if not lum or max(lum) - min(lum) < 255 / 3:
        print("FAIL: %s: the count %d of the cluster at (%.1f, %.1f) pt does not stand out "
              "from its disc (luminance %.0f to %.0f)" % (png, m["n"], m["x"], m["y"],
                                                          min(lum or [0]), max(lum or [0])))
        status = 1
if n == 0:
    print("FAIL: %s: no clusters to look at" % png)
    status = 1
if status == 0:
    print("ok: %d cluster counts legible in %s" % (n, png))
sys.exit(status)
