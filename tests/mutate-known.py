#!/usr/bin/env python3
"""The changes issue 11 listed as surviving the suite, plus a moved label and
a wrong colour, each applied alone to a copy of the source text; a record of
how the tests that catch them were proven to fail.

  tests/mutate-known.py NAME     apply NAME in this checkout (undo: git checkout src)
  tests/mutate-known.py --all    apply each in turn, rebuild build/, run ctest -L fast,
                                 restore; prints caught/SURVIVED per change

A change whose anchor text is gone (the code moved on) is reported, not applied."""
import os, subprocess, sys
R=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..') + '/'
B={
 'label-moved': ('src/site_label.c','im_text_draw(cr, v, sc->st, &ts, s->name, x, y);','im_text_draw(cr, v, sc->st, &ts, s->name, x + 4, y);'),
 'rocket-colour': ('src/style.c','{"rocket", "Rocket", "#D55E00", IM_SHAPE_TRIANGLE}','{"rocket", "Rocket", "#0072B2", IM_SHAPE_TRIANGLE}'),
 'no-markers': ('src/symbol.c','        stamp_marker(cr, st, p->weapon, c, p->x, p->y, size, lw, sc->view->pt, coarse);\n','        if (0) stamp_marker(cr, st, p->weapon, c, p->x, p->y, size, lw, sc->view->pt, coarse);\n'),
 'ignore-weapon': ('src/render.c','        keep_weapon[w] = true;\n    }','        (void)w;\n    }'),
 'ignore-hex': ('src/render.c','    int dmode = o->density == IM_DENSITY_HEX || o->density == IM_DENSITY_GRID ? (int)o->density','    int dmode = o->density == IM_DENSITY_GRID ? (int)o->density'),
 'legend-double': ('src/legend.c','im_format_count(sc->weapon_counts[w], rows','im_format_count(2 * sc->weapon_counts[w], rows'),
 'unc-double': ('src/symbol.c','r->uncertainty_km * 1000.0, &lat2','r->uncertainty_km * 2000.0, &lat2'),
 'no-month-dash': ('src/symbol.c','        bool coarse = rec->precision >= IM_DATE_MONTH;','        bool coarse = rec->precision > IM_DATE_YEAR;'),
 'no-window-subtitle': ('src/render.c','    } else if (o->title && (o->has_from || o->has_to)) {','    } else if (0 && o->title && (o->has_from || o->has_to)) {'),
 'wld-half': ('src/render.c','im_view_dev_to_map(view, 0.5, 0.5, &x0, &y0);','im_view_dev_to_map(view, 0.0, 0.5, &x0, &y0);'),
}

def apply(name):
    f, a, b = B[name]
    s = open(R + f).read()
    if s.count(a) != 1:
        print(f"{name}: anchor not found once in {f} (the code changed); skipped")
        return None
    open(R + f, 'w').write(s.replace(a, b))
    return s

def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    if sys.argv[1] != '--all':
        sys.exit(0 if apply(sys.argv[1]) is not None else 1)
    build = R + 'build'
    for name in B:
        f = B[name][0]
        orig = apply(name)
        if orig is None:
            continue
        try:
            ok = subprocess.run(['cmake', '--build', build, '-j2'], capture_output=True).returncode == 0
            caught = not ok or subprocess.run(['ctest', '-L', 'fast', '-j2'], cwd=build,
                                              capture_output=True).returncode != 0
            print(f"{name}: {'caught' if caught else 'SURVIVED'}")
        finally:
            open(R + f, 'w').write(orig)
    subprocess.run(['cmake', '--build', build, '-j2'], capture_output=True)

main()
