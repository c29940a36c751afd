#!/usr/bin/env python3
"""single_stamp.py INCMAP TMP

Past 2,000 markers the SVG places each kind of marker (weapon, age, edge)
with one invisible path whose vertices carry it: marker-start on the first
vertex, marker-mid on the others, marker-end on the last (vector_stamps.c).
2,000 incidents on one day, 1,998 rockets spread over the map, one drone
and one IED elsewhere: a path of one marker (the drone's, the IED's; "m x y
0 0", a segment of no length) has marker-start only (a marker-end too would
paint its marker twice), every longer path has all three, and the markers
painted are the markers of the layout dump."""
import json
import os
import random
import re
import subprocess
import sys

incmap, tmp = sys.argv[1:3]
tmp = os.path.join(tmp, 'single-stamp')
os.makedirs(tmp, exist_ok=True)
fails = []


def fail(msg):
    fails.append(msg)
    print('FAIL: ' + msg)


rng = random.Random(5)
recs = [{"id": "r%d" % i, "date": "2021-05-05", "lat": round(rng.uniform(30, 37), 4),
         "lon": round(rng.uniform(39, 48), 4), "weapon": "rocket"} for i in range(1998)]
recs += [{"id": "d1", "date": "2021-05-05", "lat": 33.5, "lon": 44.5, "weapon": "drone"},
         {"id": "i1", "date": "2021-05-05", "lat": 31.5, "lon": 41.5, "weapon": "ied"}]
src, svg_path, dump = (os.path.join(tmp, n) for n in ('in.json', 'm.svg', 'm.json'))
json.dump({"incidents": recs}, open(src, 'w'))
p = subprocess.run([incmap, 'render', src, '--basemap', 'none', '--bbox', '38,29,49,38',
                    '--stack', 'none', '--density', 'none', '--size', '800x600', '-o', svg_path,
                    '--dump-layout', dump], capture_output=True, text=True)
if p.returncode != 0:
    fail('render: exit %d: %s' % (p.returncode, p.stderr.strip()))
    sys.exit(1)
svg = open(svg_path).read()
paths = re.findall(r'<path fill="none" stroke="none" (marker-start="url\(#mk\d+\)"[^>]*?)\s*'
                   r'd="m([^"]*)"', svg)
number = re.compile(r'-?\d+(?:\.\d+)?')
painted, singles = 0, 0
for attrs, d in paths:
    nums = number.findall(d)
    if len(nums) % 2 or len(nums) < 4:
        fail('a stamp path of %d numbers: %s' % (len(nums), d[:40]))
        continue
    v = len(nums) // 2
    mid, end = 'marker-mid=' in attrs, 'marker-end=' in attrs
    painted += 1 + (v - 2 if mid else 0) + (1 if end else 0)
    if v == 2 and float(nums[2]) == 0 and float(nums[3]) == 0:
        # one marker: "m x y 0 0", a segment of no length for the renderers
        singles += 1
        if mid or end:
            fail('a path of one marker with %s: its marker painted twice' % attrs.strip())
    elif not (mid and end):
        fail('a path of %d vertices with %s only: markers not painted' % (v, attrs.strip()))
markers = len(json.load(open(dump))['markers'])
if singles < 2:
    fail('%d paths of one vertex, want 2 (the drone, the IED)' % singles)
if painted != markers:
    fail('%d markers painted by %d paths, %d in the dump' % (painted, len(paths), markers))
print('single_stamp: %d paths, %d markers painted, %d failed' % (len(paths), painted, len(fails)))
sys.exit(1 if fails else 0)
