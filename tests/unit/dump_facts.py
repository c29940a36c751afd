#!/usr/bin/env python3
"""dump_facts.py INCMAP DATA TESTS TMP

Facts of a map read from its placement dump and checked against the input
file, worked out here independently (renders without a basemap, fast):
- the title is the input's title; the subtitle (the title, when the input
  has none) counts the incidents and names the first and last dates
  ("667 incidents, 3 January 2014 - 28 December 2017", "256 incidents,
  1 January - 27 December 2023");
- the markers hold every incident, each inside the map's frame;
- the legend has one row per weapon present, in the style's order, with
  the style's label and colour; rows of one height at one pitch, one above
  the other, inside the legend's box;
- the colour bar's ticks are inside the legend, in date order, left to
  right, at positions proportional to their dates (year ticks), centred on
  a bar that runs from the first date to the last as wide as the rows;
- a legend too wide for the frame is placed outside it;
- the basemap's line layers say whether they are dashed (the borders are)."""
import datetime
import json
import os
import subprocess
import sys

incmap, data, tests, tmp = sys.argv[1:5]
tmp = os.path.join(tmp, 'dump-facts')
os.makedirs(tmp, exist_ok=True)
style = json.load(open(os.path.join(data, 'style.json')))
fails = []


def fail(msg):
    fails.append(msg)
    print('FAIL: ' + msg)


def words(day):
    return f'{day.day} {day.strftime("%B")} {day.year}'


def span(a, b):
    """A date range as the map writes it: what the two share written once."""
    if a == b:
        return words(a)
    if (a.year, a.month) == (b.year, b.month):
        return f'{a.day}\u2013{b.day} {b.strftime("%B")} {b.year}'
    if a.year == b.year:
        return f'{a.day} {a.strftime("%B")} \u2013 {words(b)}'
    return f'{words(a)} \u2013 {words(b)}'


def weapon_key(w):
    w = w.strip().lower()
    return style['aliases'].get(w, w)


def inside(b, box, eps=0.05):
    return b[0] >= box[0] - eps and b[1] >= box[1] - eps and b[2] <= box[2] + eps and \
        b[3] <= box[3] + eps


def check(name, path, *args):
    doc = json.load(open(path))
    inc = doc['incidents']
    dump = os.path.join(tmp, name + '.json')
    p = subprocess.run([incmap, 'render', path, '--basemap', 'none', '-o',
                        os.path.join(tmp, name + '.png'), '--dump-layout', dump] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if p.returncode != 0:
        fail(f'{name}: render failed: {p.stderr.strip()}')
        return
    d = json.load(open(dump))
    items = {}
    for it in d['items']:
        items.setdefault(it['kind'], []).append(it)
    # title and subtitle
    title = items.get('title', [{}])[0].get('text')
    if doc.get('title') and title != doc['title']:
        fail(f'{name}: title {title!r}, want {doc["title"]!r}')
    days = sorted(datetime.date.fromisoformat(i['date'][:10]) for i in inc)
    want = f'{len(inc)} incidents, {span(days[0], days[-1])}'
    # without a title of its own, the count and dates are the title
    sub = items.get('subtitle' if doc.get('title') else 'title', [{}])[0].get('text')
    if sub != want:
        fail(f'{name}: count line {sub!r}, want {want!r}')
    # markers
    held = sum(m['n'] for m in d['markers'])
    if held != len(inc):
        fail(f'{name}: the markers hold {held} incidents, want {len(inc)}')
    frame = items['frame'][0]['box']
    for m in d['markers']:
        if not inside([m['x'], m['y'], m['x'], m['y']], frame):
            fail(f'{name}: a marker at ({m["x"]}, {m["y"]}) outside the frame {frame}')
            break
    # legend rows
    box = items['legend'][0]['box']
    present = {weapon_key(i['weapon']) for i in inc}
    order = [w for w in style['weapons'] if w in present]
    rows = [l for l in d['legend'] if l['role'] == 'weapon']
    got = [(r['text'], r.get('fill', '').lower()) for r in rows]
    wanted = [(style['weapons'][w]['label'], style['weapons'][w]['color'].lower()) for w in order]
    if got != wanted:
        fail(f'{name}: legend rows {got}, want {wanted}')
    hs = [r['box'][3] - r['box'][1] for r in rows]
    if rows and max(hs) - min(hs) > 0.05:
        fail(f'{name}: legend rows of heights {hs}')
    pitch = [b['box'][1] - a['box'][1] for a, b in zip(rows, rows[1:])]
    if pitch and (min(pitch) < max(hs) - 0.05 or max(pitch) - min(pitch) > 0.05):
        fail(f'{name}: legend rows at pitches {pitch} (height {max(hs):.2f})')
    if any(r['box'][0] != rows[0]['box'][0] for r in rows):
        fail(f'{name}: legend rows not aligned on the left')
    for r in rows:
        if not inside(r['box'], box):
            fail(f'{name}: legend row {r["text"]} {r["box"]} outside the legend {box}')
    # colour-bar ticks (years)
    ticks = [l for l in d['legend'] if l['role'] == 'tick']
    for t in ticks:
        if not inside(t['box'], box):
            fail(f'{name}: tick {t["text"]} {t["box"]} outside the legend {box}')
    years = [t for t in ticks if t['text'].isdigit()]
    if len(years) >= 3:
        xs = [(t['box'][0] + t['box'][2]) / 2 for t in years]
        ds = [datetime.date(int(t['text']), 1, 1).toordinal() for t in years]
        if any(b <= a for a, b in zip(ds, ds[1:])) or any(b <= a for a, b in zip(xs, xs[1:])):
            fail(f'{name}: ticks not in date order left to right: {[t["text"] for t in years]}')
        else:
            per = [(x - xs[0]) / (t - ds[0]) for x, t in zip(xs[1:], ds[1:])]
            if max(per) - min(per) > 0.002 * max(per):
                fail(f'{name}: ticks not proportional to their dates: pt per day {per}')
            # the bar runs from the first date to the last, as wide as the rows
            k = sum(per) / len(per)
            left = xs[0] - k * (ds[0] - days[0].toordinal())
            right = xs[0] + k * (days[-1].toordinal() - ds[0])
            if rows and (abs(left - rows[0]['box'][0]) > 0.5 or abs(right - rows[0]['box'][2]) > 0.5):
                fail(f'{name}: the ticks put the bar at {left:.2f}..{right:.2f}, the rows span '
                     f'{rows[0]["box"][0]}..{rows[0]["box"][2]}')
    elif name == 'clusters':
        fail(f'{name}: {len(years)} year ticks, want 2015, 2016, 2017')


check('clusters', os.path.join(tests, 'data', 'render', 'iraq-clusters.json'), '--size', '800x600')
check('sample', os.path.join(data, 'iraq-2021.json'), '--size', '640x480')
check('region', os.path.join(tests, 'data', 'render', 'region-spread.json'), '--size', '1200x675')


def legend_outside(name, path, *args):
    """A legend too wide for the frame (over 0.4 of its width: two actors
    with long names, 600x900) is placed outside the frame, not over the map."""
    dump = os.path.join(tmp, name + '.json')
    p = subprocess.run([incmap, 'render', path, '--basemap', 'none', '-o',
                        os.path.join(tmp, name + '.png'), '--dump-layout', dump] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if p.returncode != 0:
        fail(f'{name}: render failed: {p.stderr.strip()}')
        return
    items = {it['kind']: it['box'] for it in json.load(open(dump))['items']}
    f, g = items.get('frame'), items.get('legend')
    if not f or not g:
        fail(f'{name}: no frame or no legend in the dump')
    elif g[0] < f[2] and f[0] < g[2] and g[1] < f[3] and f[1] < g[3]:
        fail(f'{name}: the legend {g} lies over the frame {f}')


legend_outside('long-actors', os.path.join(tests, 'data', 'render', 'long-actors.json'),
               '--color-by', 'actor', '--size', '600x900')


def line_layers(name, path, *args):
    """The basemap's line layers in the draw order each say whether they
    are dashed: the borders are (over a solid casing), the lakes' edges,
    rivers and coastline are not."""
    png, dump = os.path.join(tmp, name + '.png'), os.path.join(tmp, name + '.json')
    p = subprocess.run([incmap, 'render', path, '-o', png, '--dump-layout', dump] + list(args),
                       capture_output=True, text=True)
    if p.returncode != 0:
        fail(f'{name}: render failed: {p.stderr.strip()}')
        return
    lines = {d['name']: d for d in json.load(open(dump))['draw_order'] if 'widths' in d}
    want = {'borders': True, 'borders-casing': False, 'rivers': False, 'coastline': False,
            'lakes': False}
    for layer, dashed in want.items():
        if layer not in lines:
            fail(f'{name}: no {layer} among the line layers {sorted(lines)}')
        elif lines[layer].get('dashed') is not dashed:
            fail(f'{name}: {layer}: dashed {lines[layer].get("dashed")}, want {dashed}')


line_layers('line-layers', os.path.join(data, 'iraq-2021.json'), '--basemap', 'middle-east',
            '--size', '640x480')


def title_width(name, size):
    """A title too long for one line wraps at the page's width less its two
    margins (the title's left edge is the margin): a word of narrow letters
    with no place to break fills the first line to within a letter of it,
    wider than with a third margin taken off, never past it."""
    png, dump = os.path.join(tmp, name + '.png'), os.path.join(tmp, name + '.json')
    p = subprocess.run([incmap, 'render', os.path.join(data, 'iraq-2021.json'), '--basemap',
                        'none', '--size', size, '--title', 'l' * 400, '-o', png,
                        '--dump-layout', dump], capture_output=True, text=True)
    if p.returncode != 0:
        fail(f'{name}: render failed: {p.stderr.strip()}')
        return
    d = json.load(open(dump))
    page_w = d['page']['w']
    t = [i['box'] for i in d['items'] if i['kind'] == 'title']
    if not t:
        fail(f'{name}: no title in the dump')
        return
    m, w = t[0][0], t[0][2] - t[0][0]
    if not page_w - 3 * m < w <= page_w - 2 * m + 0.05:
        fail(f'{name}: the title is {w:.2f} wide on a page of {page_w:.2f} with margins of '
             f'{m:.2f}: want more than {page_w - 3 * m:.2f}, at most {page_w - 2 * m:.2f}')


def legend_columns(name, size):
    """A legend below a tall narrow map takes several columns of rows: the
    columns at one pitch, the rows of a column at one left edge, and the
    legend's margin the same on the left of the first column and on the
    right of the last (24 actors in eight rows: seven and "Other")."""
    path, png, dump = (os.path.join(tmp, name + ext) for ext in ('.in.json', '.png', '.json'))
    recs = [{'id': f'c{i}', 'date': f'2021-0{1 + i % 6}-1{i % 10}',
             'lat': 30 + (i * 37 % 70) / 10, 'lon': 39 + (i * 53 % 90) / 10, 'weapon': 'rocket',
             'actor': f'Group {i % 24:02d}'} for i in range(96)]
    json.dump({'incidents': recs}, open(path, 'w'))
    p = subprocess.run([incmap, 'render', path, '--basemap', 'none', '--color-by', 'actor',
                        '--size', size, '-o', png, '--dump-layout', dump],
                       capture_output=True, text=True)
    if p.returncode != 0:
        fail(f'{name}: render failed: {p.stderr.strip()}')
        return
    d = json.load(open(dump))
    box = [i['box'] for i in d['items'] if i['kind'] == 'legend']
    rows = [r['box'] for r in d['legend'] if r['role'] == 'category']
    if not box or len(rows) < 6:
        fail(f'{name}: no legend or only {len(rows)} rows')
        return
    lefts = sorted({round(r[0], 1) for r in rows})
    if len(lefts) < 2:
        fail(f'{name}: the legend has one column ({lefts}); the test needs several')
        return
    pitches = [b - a for a, b in zip(lefts, lefts[1:])]
    if max(pitches) - min(pitches) > 0.1:
        fail(f'{name}: columns at {lefts}: pitches {pitches} differ')
    left_margin = min(r[0] for r in rows) - box[0][0]
    right_margin = box[0][2] - max(r[2] for r in rows)
    if abs(left_margin - right_margin) > 0.1:
        fail(f'{name}: the legend {box[0]} has margins {left_margin:.2f} left of its rows and '
             f'{right_margin:.2f} right of them')


legend_columns('legend-columns-400', '400x700')
legend_columns('legend-columns-300', '300x600')
title_width('title-width-1200', '1200x675')
title_width('title-width-2000', '2000x1500')
print(f'dump facts: {len(fails)} failures')
sys.exit(1 if fails else 0)
