#!/usr/bin/env python3
"""world_seams.py INCMAP TESTS TMP

A whole-round map (incidents over more than a hemisphere, centred at 60 W)
on the bundled world basemap, whose tiles are cut at multiples of 30
degrees: the meridian at the map's back edge (120 E) is such a cut, and its
vertices must be projected on their own feature's side, else land is drawn
in streaks across the map. Read from a 640x400 PNG and its layout dump: a
column through the open Pacific beside the "Pacific" marker (lon 150 W,
from 25 S to 35 N) is sea, with at most a few pixels of island or label."""
import json
import os
import subprocess
import sys
from collections import Counter

from pngread import png_rgb

incmap, tests, tmp = sys.argv[1:4]
tmp = os.path.join(tmp, 'world-seams')
os.makedirs(tmp, exist_ok=True)
png, dump = os.path.join(tmp, 'west.png'), os.path.join(tmp, 'west.json')
p = subprocess.run([incmap, 'render', os.path.join(tests, 'data/render/wide-west.json'),
                    '--size', '640x400', '-o', png, '--dump-layout', dump],
                   capture_output=True, text=True)
if p.returncode != 0:
    print('FAIL: render: exit %d: %s' % (p.returncode, p.stderr.strip()))
    sys.exit(1)
d = json.load(open(dump))
s = 640 / d['page']['w']
marks = {m['site']: (m['x'] * s, m['y'] * s) for m in d['markers']}
if 'Pacific' not in marks:
    print('FAIL: no Pacific marker (%s)' % sorted(marks))
    sys.exit(1)
w, h, rows = png_rgb(png)
x, y = int(marks['Pacific'][0] - 15), int(marks['Pacific'][1])
column = [rows[yy][x] for yy in range(y - 60, y + 61)]
sea, n_sea = Counter(column).most_common(1)[0]
other = len(column) - n_sea
# the sea is the blue one: more blue than red
if not (sea[2] > sea[0] + 10 and other <= 12):
    print('FAIL: the open Pacific at x=%d, y=%d..%d: %d of %d pixels are not the sea %s '
          '(land streaks from the back meridian?): %s' % (x, y - 60, y + 60, other, len(column),
                                                         sea, Counter(column).most_common(4)))
    sys.exit(1)
print('world_seams: ok (%d of %d pixels sea %s)' % (n_sea, len(column), sea))
