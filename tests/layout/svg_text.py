#!/usr/bin/env python3
"""svg_text.py MAP.svg [DUMP.json] [checks...] - the words of an SVG map are
real <text>, where the placement put them.

With DUMP.json (--dump-layout of the same command): every labelled item of
the placement (site and place labels, graticule labels, title, subtitle,
credit, footer) is a <text> element with the same words whose first line
starts inside the item's box, its baseline
at least 3 pt below the box's top (text of 6 pt and more has that ascent).

Checks (repeatable):
  --group ID           a <g id="ID"> exists
  --text WORDS         some <text> reads WORDS (tracking spaces ignored)
  --text-in ID:WORDS   ... inside the group ID
  --rtl WORDS          ... and that text (or its line) has direction="rtl"
  --no-text            there is no <text> at all (--svg-text paths)
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

NS = '{http://www.w3.org/2000/svg}'
TRACKING = dict.fromkeys(map(ord, '\u2009\u200a'), None)


def norm(s):
    return re.sub(r'\s+', ' ', s.translate(TRACKING)).strip()


def fail(msg):
    print('FAIL:', msg)
    return 1


def main(argv):
    svg_path = argv[1]
    args = argv[2:]
    dump = None
    if args and not args[0].startswith('--'):
        dump = json.load(open(args[0], encoding='utf-8'))
        args = args[1:]
    try:
        root = ET.parse(svg_path).getroot()
    except ET.ParseError as e:
        return fail('%s is not well-formed XML: %s' % (svg_path, e))
    # every <text> with its enclosing group ids
    texts = []

    def walk(el, groups):
        if el.tag == NS + 'g' and el.get('id'):
            groups = groups + [el.get('id')]
        if el.tag == NS + 'text':
            words = norm(''.join(el.itertext()))
            first = el if el.get('x') is not None else el.find(NS + 'tspan')
            rtl = el.get('direction') == 'rtl' or any(
                t.get('direction') == 'rtl' for t in el.iter(NS + 'tspan'))
            x = y = None
            if first is not None and first.get('x') is not None:
                x, y = float(first.get('x')), float(first.get('y'))
            tr = el.get('transform')
            texts.append(dict(words=words, groups=groups, x=x, y=y, rtl=rtl, transform=tr))
            return
        for c in el:
            walk(c, groups)

    walk(root, [])
    group_ids = {g.get('id') for g in root.iter(NS + 'g') if g.get('id')}
    status = 0
    ids = [e.get('id') for e in root.iter() if e.get('id')]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        status |= fail('ids used more than once: %s' % dup[:10])
    i = 0
    while i < len(args):
        opt = args[i]
        val = args[i + 1] if i + 1 < len(args) else ''
        i += 2
        if opt == '--no-text':
            i -= 1
            if texts:
                status |= fail('%d <text> elements where none were wanted (first: "%s")'
                               % (len(texts), texts[0]['words']))
        elif opt == '--group':
            if val not in group_ids:
                status |= fail('no <g id="%s">; groups: %s' % (val, sorted(group_ids)))
        elif opt in ('--text', '--rtl', '--text-in'):
            gid = None
            if opt == '--text-in':
                gid, val = val.split(':', 1)
            hits = [t for t in texts if t['words'] == norm(val)]
            if not hits:
                near = [t['words'] for t in texts if norm(val)[:4] in t['words']][:5]
                status |= fail('no <text> reads "%s" (similar: %s)' % (val, near))
            elif gid and not any(gid in t['groups'] for t in hits):
                status |= fail('"%s" is not inside <g id="%s"> but in %s'
                               % (val, gid, hits[0]['groups']))
            elif opt == '--rtl' and not any(t['rtl'] for t in hits):
                status |= fail('"%s" has no direction="rtl"' % val)
        else:
            return fail('unknown check %s' % opt)
    if dump is not None:
        kinds = ('site_label', 'place_label', 'graticule_label', 'title', 'subtitle', 'credit',
                 'footer', 'panel_title')
        n = 0
        for it in dump['items']:
            if it['kind'] not in kinds or not it.get('text'):
                continue
            n += 1
            want = norm(it['text'])
            x0, y0, x1, y1 = it['box']
            hits = [t for t in texts if t['words'] == want and t['transform'] is None]
            inside = [t for t in hits if t['x'] is not None and
                      x0 - 1 <= t['x'] <= x1 + 1 and y0 + 3 <= t['y'] <= y1 + 1]
            if not hits:
                status |= fail('%s "%s" of the placement is not a <text> in the SVG'
                               % (it['kind'], want))
            elif not inside:
                status |= fail('%s "%s": <text> at (%s, %s), outside its placed box %s'
                               % (it['kind'], want, hits[0]['x'], hits[0]['y'], it['box']))
        if n == 0:
            status |= fail('the placement has no labelled items')
    return status


if __name__ == '__main__':
    sys.exit(main(sys.argv))
