#!/usr/bin/env python3
"""cluster_count.py MAP.png DUMP.json - every cluster symbol's count is
legible: in a box at the symbol's centre (where the number is drawn) the
lightest and darkest pixels differ by at least a third of the range, so
the figures stand out from the disc (under --theme dark the count once
came out white on a white disc); and the symbol has an edge all round:
nearly all round, its rim stands out from the map just outside it, lighter on a
dark page and darker on a light one (under --theme dark a black arc on
dark land had no edge). Prints each failure; exit 1 when any."""
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png_diff import read_png  # noqa: E402

png, dump = sys.argv[1], json.load(open(sys.argv[2]))
w, h, bpp, rows = read_png(png)
scale = w / dump["page"]["w"]  # pixels per point
status, n = 0, 0


def lum_at(x, y):
    x, y = int(x), int(y)
    if not (0 <= x < w and 0 <= y < h):
        return None
    p = rows[y][x * bpp:x * bpp + 3]
    return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]


dark = lum_at(1, 1) < 128  # the page's paper

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
    # the edge: on rays every 10 degrees, the symbol's rim (r +- 1 px)
    # stands out from the map 2.5 px outside it: lighter on a dark page,
    # darker on a light one, by a sixth of the range; on two thirds of
    # the rays at least (the others may meet a neighbour or a label)
    r = m["r"] * scale
    flat = []
    for k in range(36):
        a = math.radians(k * 10)
        band, d = [], r - 1
        while d <= r + 1:
            band.append(lum_at(cx + d * math.cos(a), cy + d * math.sin(a)))
            d += 0.25
        out = lum_at(cx + (r + 2.5) * math.cos(a), cy + (r + 2.5) * math.sin(a))
        band = [v for v in band if v is not None]
        if band and out is not None and \
                (max(band) - out if dark else out - min(band)) < 255 / 6:
            flat.append(k * 10)
    if len(flat) >= 12:  # a third of the rim (some rays meet a neighbour or a label)
        print("FAIL: %s: the cluster %d at (%.1f, %.1f) pt has no edge at %s degrees"
              % (png, m["n"], m["x"], m["y"], ", ".join(map(str, flat))))
        status = 1
if n == 0:
    print("FAIL: %s: no clusters to look at" % png)
    status = 1
if status == 0:
    print("ok: %d cluster counts legible in %s" % (n, png))
sys.exit(status)
