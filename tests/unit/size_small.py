#!/usr/bin/env python3
"""size_small.py INCMAP TESTS TMP

--size-by with a style whose smallest symbol is 0.5 pt
(tests/data/symbology/tiny-sizes-style.json) and values 1 and 10,000
(tiny-sizes.csv): the marker of 1 is drawn as small as the layout dump says
(a diameter of 0.5 pt, under a pixel at 720x540), not at the style's marker
size; the marker of 10,000 at its 40 pt. Read from the PNG: pixels of the
markers' fill around each marker's centre."""
import json
import os
import subprocess
import sys

from pngread import png_rgb

incmap, tests, tmp = sys.argv[1:4]
tmp = os.path.join(tmp, 'size-small')
os.makedirs(tmp, exist_ok=True)
fails = []


def fail(msg):
    fails.append(msg)
    print('FAIL: ' + msg)


sym = os.path.join(tests, 'data', 'symbology')
png, dump = os.path.join(tmp, 'tiny.png'), os.path.join(tmp, 'tiny.json')
p = subprocess.run([incmap, 'render', os.path.join(sym, 'tiny-sizes.csv'), '--basemap', 'none',
                    '--size-by', 'killed', '--style', os.path.join(sym, 'tiny-sizes-style.json'),
                    '--size', '720x540', '--stack', 'none', '-o', png, '--dump-layout', dump],
                   capture_output=True, text=True)
if p.returncode != 0:
    fail('render: exit %d: %s' % (p.returncode, p.stderr.strip()))
    sys.exit(1)
d = json.load(open(dump))
s = 720 / d['page']['w']  # pixels a point
w, h, rows = png_rgb(png, 540)
marks = {m['site']: m for m in d['markers']}
for site, r_pt in (('Tiny', 0.25), ('Big', 20)):
    m = marks.get(site)
    if not m or abs(m['r'] - r_pt) > 0.01:
        fail('%s: marker %s, want r %g pt' % (site, m, r_pt))
        continue
    fill = tuple(int(m['fill'][k:k + 2], 16) for k in (1, 3, 5))
    cx, cy = m['x'] * s, m['y'] * s
    reach = int(r_pt * s) + 6
    near = sum(1 for y in range(int(cy) - reach, int(cy) + reach + 1)
               for x in range(int(cx) - reach, int(cx) + reach + 1)
               if 0 <= x < w and 0 <= y < h and
               max(abs(a - b) for a, b in zip(rows[y][x], fill)) <= 40)
    # a filled symbol of diameter D pixels shows about D * D / 2 pixels of its fill or more
    dpx = 2 * r_pt * s
    if site == 'Tiny' and near > 4:
        fail('Tiny: %d pixels of its fill %s near it: drawn larger than its %.2f px' %
             (near, m['fill'], dpx))
    if site == 'Big' and near < dpx * dpx / 4:
        fail('Big: only %d pixels of its fill near it, for %.1f px' % (near, dpx))
print('size_small: %d failed' % len(fails))
sys.exit(1 if fails else 0)
