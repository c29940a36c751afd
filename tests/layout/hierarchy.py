#!/usr/bin/env python3
"""hierarchy.py DUMP.json MAP.svg [checks...] - the cartographic hierarchy of a
map as it was drawn, read from its --dump-layout (draw_order, names) and its
SVG, not from the manifest or the style.

Always checked, for the main map (panel 0, group "basemap"):
  draw order   relief < rivers < coastline < borders < incident markers, and
               the site labels, place labels and names after the markers
               (labels are drawn above the basemap and the markers; they never
               cover a marker: no label or name box meets a marker's disc, so
               the incidents stay on top of what the reader sees);
  line widths  every border width (casing and line) is heavier than the
               heaviest river width drawn; the coast at least as heavy as
               the rivers; the border line contrasts more with the land
               than the rivers do (darker on the light land);
  names        every name of the dump's "names" lies inside the page.
Checks (repeatable):
  --country NAME   a country name NAME in the dump and its letter-spaced
                   capitals as a <text> of the SVG's "names" group
  --inset NAME     an inset-country name NAME (in the inset, clear of the
                   red extent box: not inside the box the dump gives)
  --river NAME     a river name NAME, slanted along its line, in the dump and
                   as a <text> of the "names" group
  --place NAME     a place name NAME (e.g. a capital under markers)
and every inset name is clear of the inset's red extent box (the dump's
"inset_extent").
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

NS = '{http://www.w3.org/2000/svg}'
TRACKING = dict.fromkeys(map(ord, '\u2009\u200a'), None)
fails = []


def fail(msg):
    fails.append(msg)
    print('FAIL: ' + msg)


def norm(s):
    return re.sub(r'\s+', ' ', s.translate(TRACKING).replace('\u2003', ' ')).strip()


def lum(hexcol):
    """Relative luminance of "#rrggbb"."""
    c = [int(hexcol[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def contrast(a, b):
    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def main():
    args = sys.argv[1:]
    dump = json.load(open(args[0]))
    svg = ET.parse(args[1]).getroot()
    checks = args[2:]
    draws = [d for d in dump['draw_order'] if d['panel'] == 0]
    main_map = [d for d in draws if d['group'] in ('basemap', 'incidents', 'labels')]
    order = {}
    for i, d in enumerate(main_map):
        order.setdefault(d['name'], []).append(i)
    need = ['relief', 'rivers', 'coastline', 'borders', 'markers', 'site-labels',
            'place-labels', 'names']
    relief = [n for n in order if n.startswith('relief')]
    for n in need:
        if n not in order and not (n == 'relief' and relief):
            fail('draw order: no %s drawn (%s)' % (n, ', '.join(order)))
    if not fails:
        first = lambda n: min(order[n])
        last = lambda n: max(order[n])
        rel = max(last(n) for n in relief)
        seq = [('relief', rel), ('rivers', first('rivers')), ('coastline', first('coastline')),
               ('borders', min(first(n) for n in order if n.startswith('borders')))]
        seq.append(('markers', first('markers')))
        for (a, ia), (b, ib) in zip(seq[:-1], seq[1:]):
            if not ia < ib:
                fail('draw order: %s (%d) is not drawn under %s (%d)' % (a, ia, b, ib))
        for n in ('site-labels', 'place-labels', 'names'):
            if not first(n) > first('markers'):
                fail('draw order: %s drawn under the markers' % n)
        # widths and colours actually used
        land = [d for d in main_map if d['name'] == 'land' and d.get('fill')]
        rivers = [w for d in main_map if d['name'] == 'rivers' for w in d.get('widths', [])]
        coast = [w for d in main_map if d['name'] == 'coastline' for w in d.get('widths', [])]
        borders = [d for d in main_map if d['name'] in ('borders', 'borders-casing')]
        bw = [w for d in borders for w in d.get('widths', [])]
        if not rivers or not bw or not coast:
            fail('widths: rivers %s, coast %s, borders %s' % (rivers, coast, bw))
        else:
            if not min(bw) > max(rivers):
                fail('widths: borders %s not heavier than rivers %s' % (bw, rivers))
            if not min(coast) >= max(rivers):
                fail('widths: coast %s lighter than rivers %s' % (coast, rivers))
        line = [d for d in borders if d['name'] == 'borders']
        riv = [d for d in main_map if d['name'] == 'rivers']
        if land and line and riv:
            cb = contrast(line[0]['stroke'], land[0]['fill'])
            cr = contrast(riv[0]['stroke'], land[0]['fill'])
            if not cb > cr:
                fail('colours: borders %s contrast %.2f with the land %s, rivers %s %.2f' %
                     (line[0]['stroke'], cb, land[0]['fill'], riv[0]['stroke'], cr))
            if not line[0]['dashed']:
                fail('borders are not dashed')
    # labels never cover a marker's disc
    marks = [m for m in dump['markers'] if m['panel'] == 0]
    boxes = [(n['text'], n['box']) for n in dump['names'] if n['panel'] == 0 and
             n['kind'] != 'inset-country' and n['angle'] == 0]
    boxes += [(i.get('text', ''), i['box']) for i in dump['items']
              if i['kind'] == 'site_label' and i['panel'] == 0]
    for text, b in boxes:
        for m in marks:
            dx = max(b[0] - m['x'], 0, m['x'] - b[2])
            dy = max(b[1] - m['y'], 0, m['y'] - b[3])
            if dx * dx + dy * dy < (m['r'] - 0.5) ** 2:
                fail('label %r %s covers the marker at (%.1f, %.1f)' % (text, b, m['x'], m['y']))
                break
    W, H = dump['page']['w'], dump['page']['h']
    for n in dump['names']:
        b = n['box']
        if not (b[0] >= 0 and b[1] >= 0 and b[2] <= W and b[3] <= H):
            fail('name %r %s leaves the page' % (n['text'], b))
    # SVG text of the names group
    texts = []
    for g in svg.iter(NS + 'g'):
        if g.get('id') == 'names':
            texts += [norm(''.join(t.itertext())) for t in g.iter(NS + 'text')]
    names = dump['names']
    i = 0
    while i < len(checks):
        opt, val = checks[i], checks[i + 1]
        i += 2
        if opt == '--country':
            if not any(n['kind'] == 'country' and n['text'] == val for n in names):
                fail('no country name %s in the dump' % val)
            caps = ' '.join(val.upper())
            if not any(t.replace(' ', '') == val.upper().replace(' ', '') for t in texts):
                fail('no <text> %r in the SVG names group (%s)' % (caps, texts))
        elif opt == '--inset':
            hits = [n for n in names if n['kind'] == 'inset-country' and n['text'] == val]
            if not hits:
                fail('no inset name %s in the dump' % val)
        elif opt == '--river':
            hits = [n for n in names if n['kind'] == 'river' and n['text'] == val]
            if not hits:
                fail('no river name %s in the dump' % val)
            if not any(t == val for t in texts):
                fail('no <text> %r in the SVG names group' % val)
        elif opt == '--place':
            if not any(n['kind'] == 'place' and n['text'] == val for n in names):
                fail('no place name %s in the dump' % val)
        else:
            fail('unknown check ' + opt)
    ext = dump.get('inset_extent')
    for n in names:
        if n['kind'] != 'inset-country' or not ext:
            continue
        b, e = n['box'], ext
        if b[0] < e[2] and e[0] < b[2] and b[1] < e[3] and e[1] < b[3]:
            fail('inset name %s %s under the extent box %s' % (n['text'], b, e))
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main())
