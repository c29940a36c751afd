#!/usr/bin/env python3
"""site_row.py INCMAP DATA_RENDER TMP

Site labels around their markers (site_label.c), from the layout dump of a
row of five sites half a degree apart (tests/data/render/site-row.json,
800x600, --bbox 42,31,48,35, no basemap): the outer two are named beside
their marker (right of the last one, left of the first), the inner three,
hemmed in by their neighbours, above or below it, each centred on its
marker; no label has a leader, and none overlaps a marker."""
import json
import os
import subprocess
import sys

incmap, data, tmp = sys.argv[1:4]
tmp = os.path.join(tmp, 'site-row')
os.makedirs(tmp, exist_ok=True)
fails = []


def fail(msg):
    fails.append(msg)
    print('FAIL: ' + msg)


png, dump = os.path.join(tmp, 'row.png'), os.path.join(tmp, 'row.json')
p = subprocess.run([incmap, 'render', os.path.join(data, 'site-row.json'), '--basemap', 'none',
                    '--bbox', '42,31,48,35', '--size', '800x600', '-o', png,
                    '--dump-layout', dump], capture_output=True, text=True)
if p.returncode != 0:
    fail('render: exit %d: %s' % (p.returncode, p.stderr.strip()))
    sys.exit(1)
d = json.load(open(dump))
marks = {m['site']: m for m in d['markers']}
labels = {it['text']: it for it in d['items'] if it['kind'] == 'site_label'}
order = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']
if sorted(marks) != sorted(order) or sorted(labels) != sorted(order):
    fail('markers %s, labels %s' % (sorted(marks), sorted(labels)))
    sys.exit(1)
for name in order:
    m, b = marks[name], labels[name]['box']
    if labels[name]['leader']:
        fail('%s: a leader' % name)
    for o in marks.values():
        if b[0] < o['x'] + o['r'] and o['x'] - o['r'] < b[2] and \
                b[1] < o['y'] + o['r'] and o['y'] - o['r'] < b[3]:
            fail('%s: the label %s covers the marker of %s' % (name, b, o['site']))
    if name in ('Alpha', 'Echo'):
        side = b[2] <= m['x'] - m['r'] if name == 'Alpha' else b[0] >= m['x'] + m['r']
        mid = (b[1] + b[3]) / 2
        if not side or abs(mid - m['y']) > 0.05:
            fail('%s: label %s not beside its marker at (%.2f, %.2f), %s of it, level with it'
                 % (name, b, m['x'], m['y'], 'left' if name == 'Alpha' else 'right'))
    else:
        clear = b[3] <= m['y'] - m['r'] or b[1] >= m['y'] + m['r']
        mid = (b[0] + b[2]) / 2
        if not clear or abs(mid - m['x']) > 0.05:
            fail('%s: label %s (middle %.2f) not above or below its marker at (%.2f, %.2f), '
                 'centred on it' % (name, b, mid, m['x'], m['y']))
print('site_row: %d failed' % len(fails))
sys.exit(1 if fails else 0)
