#!/usr/bin/python3
"""facet_grid.py INCMAP DATA_RENDER_DIR CASES TMP

The panels of faceted maps (--facet), read from the placement dump of small
SVG renders without a basemap, for each line of CASES (facet-grids.txt):
- one frame per panel, all of one size, in a grid of the expected columns
  and rows, filled row by row (panel i in column i % cols);
- frames inside the page, apart from each other, each under its title."""
import json
import os
import subprocess
import sys

incmap, data, cases, tmp = sys.argv[1:5]
tmp = os.path.join(tmp, 'facet-grid')
os.makedirs(tmp, exist_ok=True)
fails = []


def fail(msg):
    fails.append(msg)
    print('FAIL: ' + msg)


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


n_cases = 0
for line in open(cases):
    if not line.strip() or line.startswith('#'):
        continue
    name, src, facet, size, bbox, cols, rows = line.split()
    cols, rows = int(cols), int(rows)
    n_cases += 1
    dump = os.path.join(tmp, name + '.json')
    r = subprocess.run([incmap, '-q', 'render', os.path.join(data, src), '--basemap', 'none',
                        '--facet', facet, '--size', size, '--bbox', bbox,
                        '-o', os.path.join(tmp, name + '.svg'), '--dump-layout', dump],
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail(f'{name}: incmap exits {r.returncode}: {r.stderr.strip()}')
        continue
    d = json.load(open(dump))
    frames = {it['panel']: it['box'] for it in d['items'] if it['kind'] == 'frame'}
    titles = {it['panel']: it['box'] for it in d['items'] if it['kind'] == 'panel_title'}
    n = len(frames)
    if sorted(frames) != list(range(n)) or n < 2:
        fail(f'{name}: panels {sorted(frames)}')
        continue
    xs = sorted({round(b[0], 1) for b in frames.values()})
    ys = sorted({round(b[1], 1) for b in frames.values()})
    if (len(xs), len(ys)) != (cols, rows):
        fail(f'{name}: a grid of {len(xs)} columns and {len(ys)} rows, want {cols} x {rows}')
        continue
    w0, h0 = frames[0][2] - frames[0][0], frames[0][3] - frames[0][1]
    page = d['page']
    for i, b in frames.items():
        if abs(b[2] - b[0] - w0) > 0.05 or abs(b[3] - b[1] - h0) > 0.05:
            fail(f'{name}: panel {i} is {b[2] - b[0]:.2f} x {b[3] - b[1]:.2f}, '
                 f'panel 0 {w0:.2f} x {h0:.2f}')
        if xs.index(round(b[0], 1)) != i % cols or ys.index(round(b[1], 1)) != i // cols:
            fail(f'{name}: panel {i} at column {xs.index(round(b[0], 1))}, '
                 f'row {ys.index(round(b[1], 1))}')
        if b[0] < 0 or b[1] < 0 or b[2] > page['w'] or b[3] > page['h']:
            fail(f'{name}: panel {i} {b} outside the page')
        t = titles.get(i)
        if not t or not (t[3] <= b[1] + 0.05 and t[0] >= b[0] - 0.05 and t[2] <= b[2] + 0.05):
            fail(f'{name}: panel {i}: its title {t} is not above its frame {b}')
        for j, c in frames.items():
            if j > i and overlap(b, c):
                fail(f'{name}: panels {i} and {j} overlap')

if n_cases == 0:
    fail(f'no cases in {cases}')
print(f'facet_grid: {n_cases} cases, {len(fails)} failures')
sys.exit(1 if fails else 0)
