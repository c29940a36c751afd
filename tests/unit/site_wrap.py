#!/usr/bin/env python3
"""site_wrap.py INCMAP TMP

Long site names wrap at 150 pt (site_label.c): sites named "Camp iii...",
far apart, read from the layout dump. No label is wider than 150 pt, and
names that would pass 150 pt on one line by less than a point are among
them (so the limit is checked to the point; a note says when the font
leaves none that close)."""
import json
import os
import subprocess
import sys

incmap, tmp = sys.argv[1:3]
tmp = os.path.join(tmp, 'site-wrap')
os.makedirs(tmp, exist_ok=True)
fails = []


def fail(msg):
    fails.append(msg)
    print('FAIL: ' + msg)


# Names of one word after "Camp ": a line break can only come after "Camp".
# Two short ones give the widths of "Camp " and of a letter i; the others,
# 55 letters i and a last letter each, pass 150 pt on one line by a point
# or so, and the second line of their wrapped label tells by how much.
tails = ['', '.', 'l', 'r', 't', 'f', 'j', 's', 'c', 'z', 'v', 'y', 'ii', 'rr', 'tt', 'ff']
names = ['Camp ' + 'i' * 30, 'Camp ' + 'i' * 45] + ['Camp ' + 'i' * 55 + t for t in tails]
inc = [{"id": "s%d" % i, "date": "2021-07-%02d" % (1 + i % 28), "lat": -45 + (i // 3) * 15,
        "lon": (i % 3) * 45, "site": n, "weapon": "rocket"} for i, n in enumerate(names)]
src, png, dump = (os.path.join(tmp, n) for n in ('camps.json', 'camps.png', 'camps-dump.json'))
json.dump({"title": "Long site names", "incidents": inc}, open(src, 'w'))
p = subprocess.run([incmap, 'render', src, '--basemap', 'none', '--size', '1600x1200', '-o', png,
                    '--dump-layout', dump], capture_output=True, text=True)
if p.returncode != 0:
    fail('render: exit %d: %s' % (p.returncode, p.stderr.strip()))
    sys.exit(1)
boxes = {}
for it in json.load(open(dump))['items']:
    if it['kind'] == 'site_label':
        b = it['box']
        boxes[it['text']] = (b[2] - b[0], b[3] - b[1])
if len(boxes) < len(names) - 2:
    fail('only %d of %d site labels placed' % (len(boxes), len(names)))
short = [boxes.get(n) for n in names[:2]]
if None in short or abs(short[0][1] - short[1][1]) > 0.1:
    fail('the two short names are not one-line labels: %s' % short)
    sys.exit(1)
line_h = short[0][1]
letter = (short[1][0] - short[0][0]) / 15
camp = short[0][0] - 30 * letter  # "Camp " with its space
close = 0
for n, (w, h) in sorted(boxes.items()):
    if w > 150.01:
        fail('"%s" (%d letters): label %.2f pt wide, over 150' % (n[:12], len(n), w))
    if h > line_h + 1:  # wrapped after "Camp": the second line is the rest
        close += 150 < camp + w <= 151
    elif w > 150.01:
        fail('"%s" (%d letters) on one line %.2f pt wide' % (n[:12], len(n), w))
if not close:
    print('note: no name passes 150 pt by less than a point with this font (letter %.3f pt)'
          % letter)
print('site_wrap: %d failed (a letter %.3f pt; %d names within a point past 150)'
      % (len(fails), letter, close))
sys.exit(1 if fails else 0)
