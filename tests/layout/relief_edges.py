#!/usr/bin/env python3
"""relief_edges.py MAP.png DUMP.json - a map of one uniform relief (tests/data/basemap/flat)
is one grey up to the frame's edges: four whole pixels inside each edge (past the frame's
line), along the middle half of it, are the colour of the frame's centre. The relief is composited in
parts (the frame's whole pixels, then the strips its fractional edges cut): a part painted
twice or a pixel left out shows here as a darker or a white line."""
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png_diff import read_png  # noqa: E402


def main(argv):
    w, h, bpp, rows = read_png(argv[1])
    d = json.load(open(argv[2]))
    k = w / d['page']['w']
    frame = [i['box'] for i in d['items'] if i['kind'] == 'frame'][0]
    x0, y0, x1, y1 = (v * k for v in frame)

    def px(x, y):
        return tuple(rows[y][x * bpp:x * bpp + 3])
    ref = px(int((x0 + x1) / 2), int(y0 + (y1 - y0) * 0.1))
    # from the second whole pixel inside an edge: the frame's line (0.6 pt, antialiased)
    # reaches into the first
    lo = [math.ceil(v) + 2 for v in (x0, y0)]
    hi = [math.floor(v) - 3 for v in (x1, y1)]
    bad = []
    for t in range(4):
        for y in range(int(y0 + (y1 - y0) / 4), int(y1 - (y1 - y0) / 4)):
            for x in (lo[0] + t, hi[0] - t):
                if px(x, y) != ref:
                    bad.append((x, y, px(x, y)))
        for x in range(int(x0 + (x1 - x0) / 4), int(x1 - (x1 - x0) / 4)):
            for y in (lo[1] + t, hi[1] - t):
                if px(x, y) != ref:
                    bad.append((x, y, px(x, y)))
    print('frame %.2f,%.2f - %.2f,%.2f px; centre %s; %d edge pixels differ' %
          (x0, y0, x1, y1, ref, len(bad)))
    for x, y, c in bad[:5]:
        print('FAIL: pixel (%d, %d) is %s, not %s' % (x, y, c, ref))
    return 1 if bad or ref[0] > 200 else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
