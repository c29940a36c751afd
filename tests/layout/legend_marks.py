#!/usr/bin/env python3
"""legend_marks.py MAP.png DUMP.json KIND[,KIND...] - the symbols the placement
dump says were drawn are in the PNG's pixels. KINDs:

  ring_note     the legend's "location approximate" row: a dashed grey circle
                in its icon square (grey ink on a ring, the centre left clear)
  cluster_note  the legend's cluster row: a ring of weapon colours in its square
  callout       each --highlight callout: a dark frame around its box

Every KIND named must be in the dump at least once. Prints what it checked."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png_diff import read_png  # noqa: E402


def main(argv):
    png, dump, kinds = argv[1], argv[2], argv[3].split(',')
    w, h, bpp, rows = read_png(png)
    d = json.load(open(dump))
    k = w / d['page']['w']  # pixels per dump unit

    def px(x, y):
        x, y = int(x), int(y)
        if not (0 <= x < w and 0 <= y < h):
            return (255, 255, 255)
        r = rows[y]
        return tuple(r[x * bpp:x * bpp + 3])

    def ink(c):  # dark grey: the legend's and the callout's strokes
        return max(c) < 150 and max(c) - min(c) < 40

    def colour(c):  # a saturated weapon colour
        return max(c) - min(c) > 60

    def square(box):
        x0, y0, x1, y1 = (v * k for v in box)
        return [(x, y) for y in range(int(y0), int(y1) + 1) for x in range(int(x0), int(x1) + 1)]

    fails, seen = [], {kind: 0 for kind in kinds}
    for e in d.get('legend', []):
        role = e['role']
        if role not in seen:
            continue
        seen[role] += 1
        cells = square(e['box'])
        x0, y0, x1, y1 = (v * k for v in e['box'])
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if role == 'ring_note':
            n = sum(ink(px(x, y)) for x, y in cells)
            centre = sum(ink(px(cx + dx, cy + dy)) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
            print('ring_note: %d grey pixels in its %dx%d square, %d at the centre' %
                  (n, x1 - x0, y1 - y0, centre))
            if n < 10:
                fails.append('the legend\'s dashed ring has %d grey pixels (want >= 10)' % n)
            if centre:
                fails.append('the legend\'s ring is filled at its centre')
        elif role == 'cluster_note':
            n = sum(colour(px(x, y)) for x, y in cells)
            print('cluster_note: %d coloured pixels in its square' % n)
            if n < 20:
                fails.append('the legend\'s cluster ring has %d coloured pixels (want >= 20)' % n)
    for it in d.get('items', []):
        if it['kind'] != 'callout' or 'callout' not in seen:
            continue
        seen['callout'] += 1
        x0, y0, x1, y1 = (v * k for v in it['box'])
        # along each edge, the darkest of the pixels within one of it
        samples = [(x, y0) for x in range(int(x0) + 2, int(x1) - 1)] + \
                  [(x, y1) for x in range(int(x0) + 2, int(x1) - 1)] + \
                  [(x0, y) for y in range(int(y0) + 2, int(y1) - 1)] + \
                  [(x1, y) for y in range(int(y0) + 2, int(y1) - 1)]
        dark = 0
        for x, y in samples:
            near = [px(x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
            dark += any(max(c) < 110 for c in near)
        share = dark / max(len(samples), 1)
        print('callout "%s": %.0f %% of its frame dark' % (it['text'].split('\n')[0], 100 * share))
        if share < 0.8:
            fails.append('callout "%s": only %.0f %% of its frame is dark' %
                         (it['text'].split('\n')[0], 100 * share))
    for kind, n in seen.items():
        if n == 0:
            fails.append('no %s in the dump' % kind)
    for f in fails:
        print('FAIL: ' + f)
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
