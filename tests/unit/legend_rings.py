#!/usr/bin/env python3
"""legend_rings.py INCMAP TESTS TMP

The size legend's rows for zero and unknown values (--size-by) have an
empty ring at the left of their entry: read from a 1600x1200 PNG and its
layout dump, the ring's ink starts at the entry's left edge (less half its
1.2 pt line) and lies within the entry's height, and its middle is the
middle of the entry's row. Again with a style whose smallest symbol is
larger than the note's text: the row is then as tall as its ring."""
import json
import os
import subprocess
import sys

from pngread import png_rgb

incmap, tests, tmp = sys.argv[1:4]
tmp = os.path.join(tmp, 'legend-rings')
os.makedirs(tmp, exist_ok=True)
fails = []


def fail(msg):
    fails.append(msg)
    print('FAIL: ' + msg)


# (name, extra options, the ring's diameter in points when the style sets it)
CASES = [
    ('rings', [], None),
    # a style whose smallest symbol (24 pt) is taller than the note's text:
    # the row is as tall as the ring
    ('large-rings', ['--style', os.path.join(tests, 'data/symbology/large-rings-style.json')], 24),
]
for name, extra, ring_d in CASES:
    png, dump = os.path.join(tmp, name + '.png'), os.path.join(tmp, name + '.json')
    p = subprocess.run([incmap, 'render', os.path.join(tests, 'data/symbology/groups.geojson'),
                        '--basemap', 'none', '--size-by', 'killed', '--size', '1600x1200', '-o', png,
                        '--dump-layout', dump, *extra], capture_output=True, text=True)
    if p.returncode != 0:
        fail('%s: render: exit %d: %s' % (name, p.returncode, p.stderr.strip()))
        continue
    d = json.load(open(dump))
    s = 1600 / d['page']['w']  # pixels a point
    last = max([e['box'][3] for e in d.get('legend', [])] + [0]) * s + 8
    w, h, rows = png_rgb(png, int(last))
    half_line = 0.6 * s
    entries = [e for e in d.get('legend', []) if e['role'] in ('size-zero', 'size-unknown')]
    if len(entries) != 1 or entries[0]['role'] != 'size-zero':
        fail('%s: legend entries %s, want one size-zero row (killed = 0 in the file, none '
             'unknown)' % (name, [e['role'] for e in entries]))
    for e in entries:
        x0, y0, x1, y1 = (v * s for v in e['box'])

        def dark(x, y):
            return 255 - min(rows[y][x])

        ys = range(int(y0) - 3, int(y1) + 4)
        cols = {x: max(dark(x, y) for y in ys) for x in range(int(x0) - 12, int(x0) + 1)}
        left = [x for x, v in cols.items() if v > 24 and x < x0 - half_line - 1]
        if left:
            fail(name + ': %s: ring ink at x=%d, left of the entry (%.1f, less half its line %.1f px)'
                 % (e['role'], min(left), x0, half_line))
        # The ring: the ink from the entry's left edge to the first clear column.
        x = int(x0 - half_line)
        ring = []
        while x < x1 and max(dark(x, y) for y in ys) > 24:
            ring.append(x)
            x += 1
        if len(ring) < 4:
            fail(name + ': %s: no ring at the left of the entry (%d columns of ink)' % (e['role'], len(ring)))
            continue
        ink = [(yy, max(dark(xx, yy) for xx in ring)) for yy in ys]
        top = min(yy for yy, v in ink if v > 24)
        bottom = max(yy for yy, v in ink if v > 24)
        mid = (top + bottom + 1) / 2
        if top < y0 - half_line - 1 or bottom > y1 + half_line + 1 or abs(mid - (y0 + y1) / 2) > 1:
            fail(name + ': %s: ring from y=%d to %d, entry row %.1f to %.1f' % (e['role'], top, bottom, y0, y1))
        # round: as wide as it is high
        if abs(len(ring) - (bottom - top + 1)) > 2:
            fail(name + ': %s: ring %d px wide, %d px high' % (e['role'], len(ring), bottom - top + 1))

print('legend_rings: %d failed' % len(fails))
sys.exit(1 if fails else 0)
