#!/usr/bin/env python3
"""fans.py INCMAP DATA_RENDER TMP

Incidents that share a site (tests/data/render/fan-sizes.json: 2, 3, 7, 8,
12 and 19 incidents at six sites far apart), read from the placement dump
of four renders without a basemap (fast):
- --stack dodge at 1200x900: every site fans out; the markers of a fan do
  not overlap and their nearest neighbours stand one spacing (marker
  diameter x 1.08) apart; up to 7 markers stand on one ring around the site
  (radius spacing / (2 sin(pi/g)), half a spacing for two); past 7 they
  pack in hexagonal rings with the newest at the site itself and the
  outermost ring no further than needed (2 rings for 8 to 19); full rings
  (up to 7, and 19) are centred on the site;
- --stack auto (default) at 1200x900: fans up to the threshold (9), one
  cluster symbol holding the count past it (12, 19), at the site;
- --stack auto at 640x480: the fan of 8 would reach further than 6 % of the
  frame's shorter side and becomes a cluster; 7 still fans;
- --stack cluster: every shared site is one symbol with its count;
  --stack none: every marker at its site.
Every render keeps all 51 incidents: the markers' counts add up.
Fans of neighbouring sites on the frame's west and east edges
(fans-at-edges.json) stay fans, inside the frame."""
import json
import math
import os
import subprocess
import sys

incmap, data, tmp = sys.argv[1:4]
tmp = os.path.join(tmp, 'stack-fans')
os.makedirs(tmp, exist_ok=True)
SIZES = {'Two': 2, 'Three': 3, 'Seven': 7, 'Eight': 8, 'Twelve': 12, 'Nineteen': 19}
fails = []


def fail(msg):
    fails.append(msg)
    print('FAIL: ' + msg)


def render_dump(name, src, *args):
    out, dump = os.path.join(tmp, name + '.png'), os.path.join(tmp, name + '.json')
    p = subprocess.run([incmap, 'render', os.path.join(data, src), '--basemap',
                        'none', '-o', out, '--dump-layout', dump] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if p.returncode != 0:
        fail(f'{name}: render failed: {p.stderr.strip()}')
        return None
    with open(dump) as fh:
        return json.load(fh)


def render(name, *args):
    d = render_dump(name, 'fan-sizes.json', *args)
    if d is None:
        return None
    by_site = {}
    for m in d['markers']:
        by_site.setdefault(m.get('site'), []).append(m)
    total = sum(m['n'] for m in d['markers'])
    if total != sum(SIZES.values()):
        fail(f'{name}: the markers hold {total} incidents, want {sum(SIZES.values())}')
    if set(by_site) != set(SIZES):
        fail(f'{name}: markers name the sites {sorted(map(str, by_site))}')
    return by_site


def dist(ax, ay, bx, by):
    return math.hypot(ax - bx, ay - by)


def rings_for(g):
    """Rings of a hexagonal packing of g (the centre is ring 0)."""
    r, held = 0, 1
    while held < g:
        r += 1
        held += 6 * r
    return r


def check_fan(name, site, ms):
    g = SIZES[site]
    if len(ms) != g or any(m['n'] != 1 for m in ms):
        fail(f'{name}: {site}: {len(ms)} markers holding {[m["n"] for m in ms]}, want a fan of {g}')
        return
    sx, sy, r = ms[0]['sx'], ms[0]['sy'], ms[0]['r']
    if any(m['sx'] != sx or m['sy'] != sy for m in ms):
        fail(f'{name}: {site}: the markers name different site positions')
    spacing = 2 * r * 1.08
    gaps = [dist(a['x'], a['y'], b['x'], b['y']) for i, a in enumerate(ms) for b in ms[i + 1:]]
    if min(gaps) < 2 * r:
        fail(f'{name}: {site}: two markers of the fan overlap ({min(gaps):.2f} pt apart, r {r})')
    if abs(min(gaps) - spacing) > 0.1:
        fail(f'{name}: {site}: the nearest markers stand {min(gaps):.2f} pt apart, want the '
             f'spacing {spacing:.2f}')
    # each marker's nearest neighbour is one spacing away (a packing, not a scatter)
    for i, a in enumerate(ms):
        near = min(dist(a['x'], a['y'], b['x'], b['y']) for j, b in enumerate(ms) if j != i)
        if near > spacing + 0.1:
            fail(f'{name}: {site}: a marker stands {near:.2f} pt from its nearest neighbour, '
                 f'want {spacing:.2f}')
            break
    far = [dist(m['x'], m['y'], sx, sy) for m in ms]
    cx, cy = sum(m['x'] for m in ms) / g, sum(m['y'] for m in ms) / g
    if g <= 7:
        want = spacing / 2 if g == 2 else spacing / (2 * math.sin(math.pi / g))
        if any(abs(f - want) > 0.05 for f in far):
            fail(f'{name}: {site}: the ring of {g} has radii {[round(f, 2) for f in far]}, '
                 f'want {want:.2f}')
    else:
        if far[-1] > 0.05:
            fail(f'{name}: {site}: the newest marker (drawn last) stands {far[-1]:.2f} pt '
                 'from the site, want it at the site')
        want = rings_for(g) * spacing
        if max(far) > want + 0.05 or max(far) < (rings_for(g) - 1) * spacing + spacing * 0.8:
            fail(f'{name}: {site}: the outermost of {g} stands {max(far):.2f} pt out, want '
                 f'{rings_for(g)} rings ({want:.2f})')
        # markers on ring k stand between k x spacing x cos(30 deg) and k x spacing
        for f in far:
            k = round(f / spacing + 0.07)
            if not (k * spacing * math.cos(math.pi / 6) - 0.05 <= f <= k * spacing + 0.05):
                fail(f'{name}: {site}: a marker {f:.2f} pt out lies between the rings')
                break
    if (g <= 7 or g == 19) and dist(cx, cy, sx, sy) > 0.05:
        fail(f'{name}: {site}: the fan of {g} is centred {dist(cx, cy, sx, sy):.2f} pt off '
             'its site')


def check_cluster(name, site, ms):
    g = SIZES[site]
    if len(ms) != 1 or ms[0]['n'] != g:
        fail(f'{name}: {site}: {len(ms)} markers holding {[m["n"] for m in ms]}, want one '
             f'cluster of {g}')
        return
    m = ms[0]
    if dist(m['x'], m['y'], m['sx'], m['sy']) > 0.05:
        fail(f'{name}: {site}: the cluster stands {dist(m["x"], m["y"], m["sx"], m["sy"]):.2f} '
             'pt from its site')
    if m['r'] <= 4.25:
        fail(f'{name}: {site}: a cluster of {g} has the radius {m["r"]} of one marker')


s = render('dodge', '--size', '1200x900', '--stack', 'dodge')
if s:
    for site, ms in s.items():
        if site in SIZES:
            check_fan('dodge', site, ms)
s = render('auto', '--size', '1200x900')
if s:
    for site, ms in s.items():
        if site in SIZES:
            (check_fan if SIZES[site] <= 9 else check_cluster)('auto', site, ms)
    rad = {site: ms[0]['r'] for site, ms in s.items() if site in ('Twelve', 'Nineteen')}
    if len(rad) == 2 and not rad['Nineteen'] > rad['Twelve']:
        fail(f'auto: a cluster of 19 (r {rad["Nineteen"]}) is not larger than one of 12 '
             f'(r {rad["Twelve"]})')
s = render('auto-small', '--size', '640x480')
if s:
    for site, ms in s.items():
        if site in SIZES:
            (check_fan if SIZES[site] <= 7 else check_cluster)('auto-small', site, ms)
s = render('cluster', '--size', '640x480', '--stack', 'cluster')
if s:
    for site, ms in s.items():
        if site in SIZES:
            check_cluster('cluster', site, ms)
s = render('none', '--size', '640x480', '--stack', 'none')
if s:
    for site, ms in s.items():
        if site in SIZES:
            if len(ms) != SIZES[site] or any(
                    dist(m['x'], m['y'], m['sx'], m['sy']) > 0.01 or m['n'] != 1 for m in ms):
                fail(f'none: {site}: markers moved off their site or grouped')
# Neighbouring fans on the frame's west and east edges
# (fans-at-edges.json: 4 incidents at each of two pairs of sites 0.06 deg
# apart, at 36.02 and 36.08 E, 47.92 and 47.98 E, in a frame whose sides are
# the meridians 36 and 48 E): fanned out (pushed apart as far as the
# frame's edge lets them) and kept inside the frame.
d = render_dump('edges', 'fans-at-edges.json', '--crs', 'EPSG:3857', '--bbox', '36,30,48,36',
                '--size', '800x600', '--stack', 'dodge')
if d:
    frame = [it['box'] for it in d['items'] if it['kind'] == 'frame'][0]
    ms = d['markers']
    if len(ms) != 16 or any(m['n'] != 1 for m in ms):
        fail(f'edges: {len(ms)} markers holding {sum(m["n"] for m in ms)}, want 16 fanned out')
    for m in ms:
        if m['x'] - m['r'] < frame[0] - 0.01 or m['x'] + m['r'] > frame[2] + 0.01 or \
                m['y'] - m['r'] < frame[1] - 0.01 or m['y'] + m['r'] > frame[3] + 0.01:
            fail(f'edges: {m["site"]}: a marker at ({m["x"]}, {m["y"]}) r {m["r"]} crosses '
                 f'the frame {frame}')
print(f'stack fans: {len(fails)} failures')
sys.exit(1 if fails else 0)
