#!/usr/bin/env python3
"""The changes issue 11 listed as surviving the suite, plus a moved label, a
wrong colour and an ignored --format, each applied alone to the source text;
the record of which tests catch them.

  tests/mutate-known.py NAME     apply NAME in this checkout (undo: git checkout src data)
  tests/mutate-known.py --all [--build DIR] [--coverage FILE] [--only NAME,NAME]
        apply each in turn, rebuild DIR (default build/), run the fast tests
        (ctest -L fast, all of them, no stop at the first failure), restore;
        prints caught/SURVIVED per change and the tests that failed. With
        --coverage (a BUILD/coverage.json of tests/mutate.py made from the
        same sources) only the tests that execute the changed lines run.

A change whose anchor text is gone (the code moved on) is reported, not applied."""
import json
import os
import re
import subprocess
import sys

R = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..') + '/'
B = {
    'no-markers': ('src/symbol.c', 'Every incident marker left out',
                   '        if (p->size > 0 && p->sclass != IM_SIZE_VALUE)\n            stamp_hollow(',
                   '        if (1)\n            continue;\n'
                   '        if (p->size > 0 && p->sclass != IM_SIZE_VALUE)\n            stamp_hollow('),
    'ignore-weapon': ('src/select.c', '--weapon ignored (every type kept)',
                      'keep_weapon[w] = o->weapons == NULL || o->n_weapons == 0;',
                      'keep_weapon[w] = true;'),
    'ignore-hex': ('src/panel.c', '--density hex ignored',
                   '    int dmode = o->density == IM_DENSITY_HEX || o->density == IM_DENSITY_GRID ? (int)o->density',
                   '    int dmode = o->density == IM_DENSITY_GRID ? (int)o->density'),
    'legend-double': ('src/legend.c', 'legend counts doubled',
                      'im_format_count(sc->weapon_counts[w], r->count',
                      'im_format_count(2 * sc->weapon_counts[w], r->count'),
    'unc-double': ('src/symbol.c', 'uncertainty radius doubled',
                   'r->uncertainty_km * 1000.0, &lat2', 'r->uncertainty_km * 2000.0, &lat2'),
    'no-month-dash': ('src/symbol.c', 'month-precision dates not dashed',
                      '        bool coarse = rec->precision >= IM_DATE_MONTH;',
                      '        bool coarse = rec->precision > IM_DATE_MONTH;'),
    'no-window-subtitle': ('src/render.c', 'window subtitle of a custom title dropped',
                           '    } else if (title) {\n        /* A custom title with a time window',
                           '    } else if (0 && title) {\n        /* A custom title with a time window'),
    'wld-half': ('src/georef.c', 'world file shifted by half a pixel',
                 'im_view_dev_to_map(view, 0.5, 0.5, &x0, &y0);',
                 'im_view_dev_to_map(view, 0.0, 0.5, &x0, &y0);'),
    'format-ignored': ('src/options_table.c', '--format ignored',
                       '    if (s->format && check_format(s->format, fmt, m) != IM_OK)',
                       '    if (0 && s->format && check_format(s->format, fmt, m) != IM_OK)'),
    'label-moved': ('src/site_label.c', 'site label moved 4 units right',
                    'im_text_draw(cr, v, sc->st, &ts, s->name, x, y);',
                    'im_text_draw(cr, v, sc->st, &ts, s->name, x + 4, y);'),
    'rocket-colour': ('data/style.json', 'rocket drawn in the drone colour',
                      '"rocket":      {"label": "Rocket", "color": "#D55E00"',
                      '"rocket":      {"label": "Rocket", "color": "#0072B2"'),
}


def apply(name):
    f, _, a, b = B[name]
    s = open(R + f).read()
    if s.count(a) != 1:
        print(f"{name}: anchor not found once in {f} (the code changed); skipped", flush=True)
        return None
    open(R + f, 'w').write(s.replace(a, b))
    return s


def changed_lines(name, orig):
    f, _, a, _ = B[name]
    first = orig[:orig.index(a)].count('\n') + 1
    return f, range(first, first + a.count('\n') + 1)


def main():
    args = sys.argv[1:]
    if len(args) == 1 and args[0] in B:
        sys.exit(0 if apply(args[0]) is not None else 1)
    if not args or args[0] != '--all':
        sys.exit(__doc__)
    opt = dict(zip(args[1::2], args[2::2]))
    build = os.path.abspath(opt.get('--build', R + 'build'))
    cov = None
    if '--coverage' in opt:
        with open(opt['--coverage']) as fh:
            cov = json.load(fh)
    caught = 0
    names = opt['--only'].split(',') if '--only' in opt else list(B)
    for name in names:
        orig = apply(name)
        if orig is None:
            continue
        sel = ['-L', 'fast']
        f, lines = changed_lines(name, orig)
        if cov and f in cov['lines']:
            users = set()
            for ln in lines:
                users |= set(cov['lines'][f].get(str(ln), []))
            names = [cov['tests'][i] for i in sorted(users)]
            sel = ['-R', '^(' + '|'.join(re.sub(r'([][.*+?^$|()\\])', r'\\\1', n) for n in names) + ')$'] if names else None
        try:
            b = subprocess.run(['cmake', '--build', build, '-j2'], capture_output=True)
            if b.returncode != 0:
                print(f"{name}: caught by the compiler", flush=True)
                caught += 1
                continue
            if sel is None:
                print(f"{name}: SURVIVED (no fast test runs {f}:{lines[0]})", flush=True)
                continue
            p = subprocess.run(['ctest', '-j2', '--timeout', '300'] + sel, cwd=build,
                               capture_output=True, universal_newlines=True)
            failed = re.findall(r'\d+ - (\S+) \(', p.stdout)
            ran = re.search(r'tests failed out of (\d+)', p.stdout)
            caught += p.returncode != 0
            print(f"{name} ({B[name][1]}): {'caught by ' + ', '.join(failed) if p.returncode else 'SURVIVED'}"
                  f" [{ran.group(1) if ran else '?'} tests run]", flush=True)
        finally:
            open(R + f, 'w').write(orig)
    subprocess.run(['cmake', '--build', build, '-j2'], capture_output=True)
    print(f"{caught} of {len(names)} changes caught")


main()
