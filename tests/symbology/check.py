#!/usr/bin/env python3
"""Symbology checks on the placement dump (--dump-layout) and on pixels.

Usage: check.py INCMAP SOURCE_DIR TMP CASE
CASE is one of the functions named case_* below. Each renders maps of the
files in tests/data/symbology/ (see make.py there) and asserts on what the
dump says was drawn: marker sizes and fills, legend entries, their order.
"""
import json
import math
import os
import struct
import subprocess
import sys
import zlib

incmap, src, tmp, case = sys.argv[1:5]
DATA = os.path.join(src, "tests/data/symbology")
OKABE_ITO = ["#0072b2", "#d55e00", "#009e73", "#e69f00", "#cc79a7", "#56b4e9", "#f0e442"]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def render(name, inputs, *args, expect=0):
    out_dir = os.path.join(tmp, "symbology-" + case)
    os.makedirs(out_dir, exist_ok=True)
    png = os.path.join(out_dir, name + ".png")
    dump = os.path.join(out_dir, name + ".json")
    if "--basemap" not in args and not name.startswith("size"):
        args = args + ("--basemap", "none")
    cmd = [incmap, "render", *inputs, "-o", png, "--dump-layout", dump, *args]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != expect:
        fail("%s: exit %d, expected %d: %s" % (" ".join(cmd), p.returncode, expect, p.stderr))
        return None, p.stderr, png
    if expect != 0:
        return None, p.stderr, png
    with open(dump) as f:
        return json.load(f), p.stderr, png


def csv_column(path, name):
    import csv
    with open(path, newline="") as f:
        return [row[name] for row in csv.DictReader(f)]


def is_round(v):
    """1, 2 or 5 times a power of ten."""
    e = math.floor(math.log10(v) + 1e-9)
    m = v / 10 ** e
    return any(abs(m - k) < 1e-6 for k in (1, 2, 5))


def png_pixel(path, x, y):
    """RGBA of pixel (x, y) of an 8-bit RGBA or RGB PNG (not interlaced)."""
    with open(path, "rb") as f:
        data = f.read()
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            bpp = 4 if ctype == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    for row in range(y + 1):
        ft = raw[row * (stride + 1)]
        line = bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 255
            elif ft == 2:
                line[i] = (line[i] + b) & 255
            elif ft == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
    return tuple(prev[x * bpp:x * bpp + bpp])


def hex_rgb(h):
    return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))


# ---- proportional symbols ----------------------------------------------------------

def case_size():
    path = os.path.join(DATA, "acled-fatalities.csv")
    lay, err, _ = render("size", [path], "--size-by", "casualties", "--size", "1200x675")
    if not lay:
        return
    fat = csv_column(path, "fatalities")
    marks = lay["markers"]
    if len(marks) != len(fat):
        fail("%d markers for %d records" % (len(marks), len(fat)))
    vals = [m.get("value") for m in marks if m.get("class") == "value"]
    vmax = max(vals)
    if vmax != max(int(v) for v in fat if v):
        fail("largest value %s is not the file's largest fatalities" % vmax)
    for m in marks:
        cls = m.get("class")
        if cls == "value":
            # area proportional to the value: diameter = 30 * sqrt(v / vmax), at least 3 pt
            want = max(30 * math.sqrt(m["value"] / vmax), 3) / 2
            if abs(m["r"] - want) > 0.02:
                fail("marker value %s: radius %.2f pt, expected %.2f (area proportional)"
                     % (m["value"], m["r"], want))
        elif cls == "zero":
            if m.get("value") != 0:
                fail("a zero marker with value %s" % m.get("value"))
        elif cls == "unknown":
            if "value" in m:
                fail("an unknown marker with a value")
        else:
            fail("a marker without a size class: %s" % m)
    n_unknown = sum(1 for v in fat if v == "")
    n_zero = sum(1 for v in fat if v == "0")
    got_u = sum(1 for m in marks if m.get("class") == "unknown")
    got_z = sum(1 for m in marks if m.get("class") == "zero")
    if (got_u, got_z) != (n_unknown, n_zero):
        fail("unknown/zero markers %d/%d, the file has %d/%d" % (got_u, got_z, n_unknown, n_zero))
    big = max(m["r"] for m in marks)
    if abs(big - 15) > 0.01:
        fail("the largest symbol has radius %.2f pt, expected 15 (size.max_diameter 30)" % big)
    leg = lay.get("legend", [])
    sizes = [e for e in leg if e["role"] == "size"]
    if not 2 <= len(sizes) <= 4:
        fail("%d size legend circles, expected 2 to 4" % len(sizes))
    prev = None
    for e in sizes:
        if not is_round(e["value"]):
            fail("legend value %s is not round" % e["value"])
        want = 30 * math.sqrt(e["value"] / vmax)
        if abs(e["d"] - want) > 0.02:
            fail("legend circle %s: diameter %.2f, expected %.2f (the map's scale)"
                 % (e["value"], e["d"], want))
        if prev and not (e["d"] < prev["d"] and e["box"][3] == prev["box"][3]):
            fail("legend circles are not nested, largest first, on one baseline")
        if e["value"] > vmax:
            fail("legend value %s above the largest value %s" % (e["value"], vmax))
        prev = e
    roles = [e["role"] for e in leg]
    for r in ("size-zero", "size-unknown"):
        if r not in roles:
            fail("no legend entry %s explaining those markers" % r)
    heads = [e["text"] for e in leg if e["role"] == "heading"]
    if "Casualties" not in heads:
        fail("no size legend heading \"Casualties\": %s" % heads)
    # Sizes stay proportional on other pages: A4 and 2000x1500.
    for name, args in (("a4", ["--page", "a4", "--dpi", "100"]), ("big", ["--size", "2000x1500"])):
        lay2, _, _ = render("size-" + name, [path], "--size-by", "casualties", *args)
        if lay2 and abs(max(m["r"] for m in lay2["markers"]) - 15) > 0.01:
            fail("%s: the largest symbol is not 30 pt across" % name)


def case_size_order():
    """Larger symbols are drawn first: at a site with a large and a small
    symbol, the centre pixel has the small one's colour."""
    path = os.path.join(DATA, "groups.geojson")
    style = os.path.join(tmp, "symbology-order-style.json")
    with open(style, "w") as f:
        json.dump({"categories": {"colors": {"Group A": "#ff0000", "Group B": "#0000ff",
                                              "Group C": "#00ff00"}}}, f)
    nested = os.path.join(tmp, "symbology-nested.geojson")
    feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [40.0, 34.0]},
              "properties": {"id": i, "date": "2024-05-0%d" % (i + 1), "weapon": "mortar",
                             "group": g, "killed": k}}
             for i, (g, k) in enumerate([("Group B", 2), ("Group A", 200), ("Group C", 50)])]
    with open(nested, "w") as f:
        json.dump({"type": "FeatureCollection", "features": feats}, f)
    lay, _, png = render("order", [nested], "--style", style, "--size-by", "killed",
                         "--color-by", "group", "--size", "800x600", "--dpi", "72",
                         "--no-site-labels", "--labels", "none", "--bbox", "39,33,41,35")
    if not lay:
        return
    m = lay["markers"][0]
    px = png_pixel(png, int(round(m["x"])), int(round(m["y"])))
    if max(abs(a - b) for a, b in zip(px[:3], (0, 0, 255))) > 6:
        fail("centre pixel %s: the smallest symbol (blue) is not on top" % (px,))
    # and a pixel in the ring between the middle and the largest symbol is red
    r_mid = sorted(mm["r"] for mm in lay["markers"])[1]
    px2 = png_pixel(png, int(round(m["x"] + r_mid + 3)), int(round(m["y"])))
    if max(abs(a - b) for a, b in zip(px2[:3], (255, 0, 0))) > 6:
        fail("pixel outside the middle symbol %s: the largest (red) is not drawn" % (px2,))


# ---- colour by a field ---------------------------------------------------------------

def case_color_field():
    path = os.path.join(DATA, "acled-fatalities.csv")
    lay, _, _ = render("actor", [path], "--color-by", "actor1", "--size", "1200x675",
                       "--stack", "none")
    if not lay:
        return
    actors = csv_column(path, "actor1")
    counts = {}
    for a in actors:
        counts[a] = counts.get(a, 0) + 1
    ranked = sorted(counts, key=lambda a: (-counts[a], a))
    cats = [e for e in lay["legend"] if e["role"] == "category"]
    if len(cats) != 8 or cats[-1]["text"] != "Other":
        fail("expected 7 categories and Other, got %s" % [c["text"] for c in cats])
        return
    if [c["text"] for c in cats[:7]] != ranked[:7]:
        fail("categories %s are not the 7 commonest %s" % ([c["text"] for c in cats[:7]], ranked[:7]))
    if [c["fill"] for c in cats[:7]] != OKABE_ITO:
        fail("category colours %s are not the Okabe-Ito palette in order" % [c["fill"] for c in cats])
    fills = {c["text"]: c["fill"] for c in cats}
    n_other = sum(counts[a] for a in ranked[7:])
    got_other = sum(1 for m in lay["markers"] if m.get("category") == "Other")
    if got_other != n_other:
        fail("%d markers in Other, the file has %d records past the top 7" % (got_other, n_other))
    for m in lay["markers"]:
        if fills.get(m.get("category")) != m.get("fill"):
            fail("marker of %s filled %s, the legend says %s"
                 % (m.get("category"), m.get("fill"), fills.get(m.get("category"))))
            break
    # Shapes stay by weapon: the weapon rows follow, under their heading.
    roles = [e["role"] for e in lay["legend"]]
    if "weapon" not in roles:
        fail("no weapon (shape) rows in the legend")
    # The style fixes a category's colour.
    style = os.path.join(tmp, "symbology-fixed.json")
    with open(style, "w") as f:
        json.dump({"categories": {"colors": {"hayat tahrir al-sham": "#000000"}}}, f)
    lay, _, _ = render("fixed", [path], "--style", style, "--color-by", "actor1")
    if lay:
        fx = {e["text"]: e["fill"] for e in lay["legend"] if e["role"] == "category"}
        if fx.get("Hayat Tahrir al-Sham") != "#000000":
            fail("the style's fixed colour is not used: %s" % fx)
        if "#000000" in [v for k, v in fx.items() if k != "Hayat Tahrir al-Sham"]:
            fail("the fixed colour went to another category too")
    # ACLED event_type (a column that also names the weapon type)
    lay, _, _ = render("event", [path], "--color-by", "event_type")
    if lay:
        texts = [e["text"] for e in lay["legend"] if e["role"] == "category"]
        if texts[:2] != ["Explosions/Remote violence", "Battles"]:
            fail("event_type categories %s" % texts)
        if not any(e["role"] == "weapon" and e["text"] == "Drone" for e in lay["legend"]):
            fail("event_type took the weapon column away: no Drone row")


def case_color_other_inputs():
    # A GeoJSON property, with nulls ("Not given"), sized by another property.
    lay, _, _ = render("geojson", [os.path.join(DATA, "groups.geojson")], "--color-by", "group",
                       "--size-by", "killed")
    if lay:
        texts = [e["text"] for e in lay["legend"] if e["role"] == "category"]
        if sorted(texts) != ["Group A", "Group B", "Group C", "Not given"]:
            fail("GeoJSON categories %s" % texts)
        if "size-zero" not in [e["role"] for e in lay["legend"]]:
            fail("no zero entry for killed = 0")
    # UCDP GED's type_of_violence codes read as their labels.
    lay, _, _ = render("ucdp", [os.path.join(src, "tests/data/realworld/ucdp-ged-hdx.csv")],
                       "--color-by", "type_of_violence")
    if lay:
        texts = set(e["text"] for e in lay["legend"] if e["role"] == "category")
        if not texts or not texts <= {"State-based conflict", "Non-state conflict",
                                      "One-sided violence"}:
            fail("UCDP categories %s" % texts)
    # A field no record has: a warning, one "Not given" category.
    lay, err, _ = render("missing", [os.path.join(DATA, "groups.geojson")], "--color-by", "nope")
    if lay is not None and "no selected incident has a value" not in err:
        fail("no warning for a field no record has: %s" % err)


def case_bad_size_value():
    bad = os.path.join(tmp, "symbology-bad-size.csv")
    with open(bad, "w") as f:
        f.write("id,date,lat,lon,weapon,killed\na,2024-01-01,33,44,rocket,3\n"
                "b,2024-01-02,33,44,rocket,many\n")
    out = os.path.join(tmp, "symbology-" + case, "bad.png")
    _, err, png = render("bad", [bad], "--size-by", "killed", expect=3)
    if "symbology-bad-size.csv" not in err or "row 3" not in err or "killed" not in err:
        fail("the message does not name the file, the row and the field: %s" % err)
    if os.path.exists(png):
        fail("an output was written for bad input")


# ---- themes ------------------------------------------------------------------------

def luminance(rgb):
    """WCAG 2 relative luminance of an sRGB colour (0-255 channels)."""
    def lin(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mapped_text(theme, grey):
    """The colour incmap draws text of the light look's grey under a theme
    (im_theme_text in src/style.c)."""
    lab = hex_rgb(theme["labels"])
    paper = hex_rgb(theme.get("paper", "#ffffff"))
    t = min(max((grey - 0.1) / 0.9, 0), 0.6)
    return tuple(round(l + (p - l) * t) for l, p in zip(lab, paper))


def case_themes():
    """Every bundled theme keeps labels and text legible: WCAG contrast of
    the label colour against land, sea, paper and panel, and of the palest
    text (footers, grey 0.35) against the paper, at least 4.5:1 (AA)."""
    manifest = json.load(open(os.path.join(src, "basemaps/middle-east/manifest.json")))
    land0 = next(l["style"]["fill"] for l in manifest["layers"] if l["name"] == "land")
    light = {"paper": "#ffffff", "panel": "#ffffff", "land": land0,
             "sea": manifest["background"], "labels": "#333333", "halo": "#ffffff"}
    for name in ("light", "dark", "print"):
        th = json.load(open(os.path.join(src, "data/themes", name + ".json")))["theme"]
        eff = dict(light)
        eff.update({k: v for k, v in th.items() if isinstance(v, str) and v.startswith("#")})
        lab = hex_rgb(eff["labels"])
        for bg in ("land", "sea", "paper", "panel"):
            ratio = contrast(lab, hex_rgb(eff[bg]))
            print("%s: labels on %s %.2f:1" % (name, bg, ratio))
            if ratio < 4.5:
                fail("%s: labels %s on %s %s: contrast %.2f:1, below 4.5:1"
                     % (name, eff["labels"], bg, eff[bg], ratio))
        pale = mapped_text(eff, 0.35) if name != "light" else (89, 89, 89)
        ratio = contrast(pale, hex_rgb(eff["paper"]))
        print("%s: secondary text on paper %.2f:1" % (name, ratio))
        if ratio < 4.5:
            fail("%s: secondary text on the paper: contrast %.2f:1, below 4.5:1" % (name, ratio))
        if contrast(hex_rgb(eff["halo"]), lab) < 3:
            fail("%s: the halo does not set labels off" % name)
    # The colours are the ones drawn: the paper and the sea (basemap none:
    # the frame's background) in the PNG, and the light theme is today's look.
    path = os.path.join(DATA, "groups.geojson")
    for name in ("dark", "print"):
        th = json.load(open(os.path.join(src, "data/themes", name + ".json")))["theme"]
        lay, _, png = render("theme-" + name, [path], "--theme", name, "--size", "800x600",
                             "--dpi", "72", "--no-graticule")
        if not lay:
            continue
        px = png_pixel(png, 2, 2)
        if max(abs(a - b) for a, b in zip(px[:3], hex_rgb(th["paper"]))) > 2:
            fail("%s: paper pixel %s, expected %s" % (name, px, th["paper"]))
        frame = next(i["box"] for i in lay["items"] if i["kind"] == "frame")
        px = png_pixel(png, int(frame[0]) + 3, int((frame[1] + frame[3]) / 2))
        if max(abs(a - b) for a, b in zip(px[:3], hex_rgb(th["sea"]))) > 2:
            fail("%s: frame background pixel %s, expected the sea %s" % (name, px, th["sea"]))
    _, _, a = render("light-none", [path], "--size", "800x600", "--basemap", "middle-east")
    _, _, b = render("light-theme", [path], "--theme", "light", "--size", "800x600",
                     "--basemap", "middle-east")
    if open(a, "rb").read() != open(b, "rb").read():
        fail("--theme light is not today's look byte for byte")


def svg_group(svg, gid):
    """The text of the SVG group named gid up to the next named group."""
    i = svg.find('<g id="%s"' % gid)
    if i < 0:
        return ""
    j = svg.find('<g id="', i + 5)
    return svg[i:j if j > 0 else len(svg)]


def svg_colours(text, prop):
    """The (r, g, b) 0-255 and opacity of every fill or stroke (prop) in
    cairo's SVG (rgb(a%,b%,c%) in style attributes)."""
    import re
    out = []
    for m in re.finditer(prop + r":rgb\(([\d.]+)%,([\d.]+)%,([\d.]+)%\);(?:" + prop +
                         r"-opacity:([\d.]+))?", text):
        rgb = tuple(round(float(m.group(k)) * 2.55) for k in (1, 2, 3))
        out.append((rgb, float(m.group(4)) if m.group(4) else 1.0))
    return out


def has_colour(found, want, alpha=None, tol=2):
    return any(max(abs(a - b) for a, b in zip(rgb, want)) <= tol and
               (alpha is None or abs(op - alpha) < 0.02) for rgb, op in found)


def case_themes_furniture():
    """Dark and print recolour the furniture too: the scale bar and north
    arrow (ink and paper), graticule lines, ticks, the map's and the inset's
    frames (ink), the inset's extent and the "no data" hatch, read from the
    SVG's named groups; the light look's greys are gone from them."""
    path = os.path.join(DATA, "groups.geojson")
    light_greys = [(51, 51, 51), (38, 38, 38), (89, 89, 89)]  # 0.2, 0.15, 0.35
    for name in ("dark", "print"):
        th = json.load(open(os.path.join(src, "data/themes", name + ".json")))["theme"]
        out = os.path.join(tmp, "symbology-" + case, name + ".svg")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        p = subprocess.run([incmap, "-q", "render", path, "--theme", name, "--bbox", "50,28,68,40",
                            "--basemap", "middle-east", "--size", "800x600", "-o", out],
                           capture_output=True, text=True)
        if p.returncode != 0:
            fail("%s: exit %d: %s" % (name, p.returncode, p.stderr))
            continue
        svg = open(out, encoding="utf-8").read()
        ink, paper = hex_rgb(th["ink"]), hex_rgb(th["paper"])
        g = th["graticule"]
        checks = [("furniture", "fill", ink, None, "scale bar and north arrow dark parts"),
                  ("furniture", "fill", paper, None, "scale bar and north arrow light parts"),
                  ("furniture", "stroke", ink, None, "scale bar and north arrow outlines"),
                  ("graticule", "stroke", hex_rgb(g), int(g[7:9], 16) / 255, "graticule lines"),
                  ("graticule-labels", "stroke", ink, None, "graticule ticks"),
                  ("frame", "stroke", ink, None, "the map's frame"),
                  ("inset", "stroke", hex_rgb(th["extent"]), None, "the inset's extent"),
                  ("inset", "stroke", ink, None, "the inset's frame"),
                  ("basemap", "fill", hex_rgb(th["nodata"]), None, "the no-data ground")]
        for gid, prop, want, alpha, what in checks:
            found = svg_colours(svg_group(svg, gid), prop)
            if not has_colour(found, want, alpha):
                fail("%s: %s (%s %s in group %s) not drawn; found %s"
                     % (name, what, prop, want, gid, sorted(set(found))[:8]))
        for gid in ("furniture", "frame", "graticule-labels"):
            for prop in ("fill", "stroke"):
                found = svg_colours(svg_group(svg, gid), prop)
                for grey in light_greys:
                    if has_colour(found, grey, tol=1) and not has_colour([(grey, 1)], ink, tol=1):
                        fail("%s: the light look's grey %s is still in group %s (%s)"
                             % (name, grey, gid, prop))
        # the furniture's ink stands out from the panel and paper it sits on
        for bg in ("panel", "paper"):
            if contrast(ink, hex_rgb(th[bg])) < 4.5:
                fail("%s: ink on %s %.2f:1, below 4.5:1" % (name, bg, contrast(ink, hex_rgb(th[bg]))))


def lightness(rgb):
    """CIE L* (0-100) of an sRGB colour."""
    y = luminance(rgb)
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def case_print_categories():
    """--theme print with --color-by FIELD: every category (and Other, Not
    given) at a lightness at least 12 L* from every other, so they stay
    apart when printed in grey; shapes still by weapon."""
    for inp, field in ((os.path.join(DATA, "acled-fatalities.csv"), "actor1"),
                       (os.path.join(DATA, "groups.geojson"), "group")):
        lay, _, _ = render("print-" + field, [inp], "--theme", "print", "--color-by", field,
                           "--size", "800x600")
        if not lay:
            continue
        cats = [e for e in lay["legend"] if e["role"] == "category"]
        ls = [(lightness(hex_rgb(c["fill"])), c["text"]) for c in cats]
        print(field, ["%s %.0f" % (t, l) for l, t in ls])
        if len(cats) < 3:
            fail("%s: only %d categories" % (field, len(cats)))
        for i in range(len(ls)):
            for j in range(i + 1, len(ls)):
                if abs(ls[i][0] - ls[j][0]) < 12:
                    fail("%s: %s (L* %.0f) and %s (L* %.0f) are too close in grey"
                         % (field, ls[i][1], ls[i][0], ls[j][1], ls[j][0]))
        if "weapon" not in [e["role"] for e in lay["legend"]]:
            fail("%s: no shapes by weapon in the legend" % field)


def case_style_warnings():
    """Style files are read strictly: an unknown key and a missing font are
    warnings naming them; the bundled style and themes have neither."""
    typo = os.path.join(tmp, "symbology-typo.json")
    with open(typo, "w") as f:
        json.dump({"marker": {"sise": 3}, "categoreis": {}, "theme": {"lables": "#000000"},
                   "weapons": {"rocket": {"colour": "#ff0000"}}, "font": "No Such Font 16"}, f)
    path = os.path.join(DATA, "groups.geojson")
    lay, err, _ = render("typo", [path], "--style", typo)
    for key in ('"marker.sise"', '"categoreis"', '"theme.lables"', '"weapons.rocket.colour"',
                '"No Such Font 16" is not installed'):
        if key not in err:
            fail("no warning naming %s: %s" % (key, err))
    for name in ("light", "dark", "print"):
        _, err, _ = render("quiet-" + name, [path], "--theme", name)
        if "warning" in err:
            fail("--theme %s: %s" % (name, err))
    bad = os.path.join(tmp, "symbology-badcolour.json")
    with open(bad, "w") as f:
        json.dump({"theme": {"sea": "blue"}}, f)
    _, err, _ = render("badcolour", [path], "--style", bad, expect=3)
    if "theme.\"sea\"" not in err:
        fail("a bad colour's message does not name theme.sea: %s" % err)


# ---- highlights ----------------------------------------------------------------------

def overlap(a, b, eps=0.05):
    return a[0] < b[2] - eps and b[0] < a[2] - eps and a[1] < b[3] - eps and b[1] < a[3] - eps


def case_highlight():
    """--highlight ID,ID and latest: a callout per incident with its date,
    weapon and site, inside the frame, overlapping no marker, label or
    furniture, nor another callout."""
    path = os.path.join(DATA, "acled-fatalities.csv")
    ids = ["SYR04010", "SYR04011", "SYR04012"]
    for name, args in (("ids", ["--highlight", ",".join(ids)]),
                       ("latest", ["--highlight", "latest"]),
                       ("sized", ["--highlight", ",".join(ids), "--size-by", "casualties",
                                  "--page", "a4", "--dpi", "100"])):
        lay, err, _ = render("hl-" + name, [path], *args, "--basemap", "middle-east")
        if not lay:
            continue
        calls = [i for i in lay["items"] if i["kind"] == "callout"]
        want = 1 if name == "latest" else len(ids)
        if len(calls) != want:
            fail("%s: %d callouts, expected %d (%s)" % (name, len(calls), want, err))
        frame = next(i["box"] for i in lay["items"] if i["kind"] == "frame")
        for c in calls:
            if not (c["box"][0] >= frame[0] and c["box"][2] <= frame[2] and
                    c["box"][1] >= frame[1] and c["box"][3] <= frame[3]):
                fail("%s: callout outside the frame: %s" % (name, c["box"]))
            if " \u00b7 " not in c["text"] or "2024" not in c["text"]:
                fail("%s: callout text lacks the date and weapon: %r" % (name, c["text"]))
            for o in lay["items"]:
                if o is c or o["kind"] in ("frame",):
                    continue
                if overlap(c["box"], o["box"]):
                    fail("%s: callout %r overlaps %s %r" % (name, c["text"], o["kind"],
                                                           o.get("text")))
            for m in lay["markers"]:
                mb = [m["x"] - m["r"], m["y"] - m["r"], m["x"] + m["r"], m["y"] + m["r"]]
                if overlap(c["box"], mb):
                    fail("%s: callout %r covers a marker at %s,%s" % (name, c["text"], m["x"], m["y"]))
        if name == "latest":
            rows = list(__import__("csv").DictReader(open(path)))
            last = max(rows, key=lambda r: (r["event_date"], r["timestamp"]))
            if calls and last["location"] not in calls[0]["text"]:
                fail("latest: callout %r is not the latest incident (%s)"
                     % (calls[0]["text"], last["location"]))
    _, err, _ = render("hl-bad", [path], "--highlight", "NOPE1", expect=2)
    if "NOPE1" not in err:
        fail("an unknown id is not named: %s" % err)


# ---- annotations ---------------------------------------------------------------------

def check_callouts(name, lay, kind, want_texts):
    """Callouts of kind in the dump: the texts wanted, inside the frame,
    overlapping no item but the frame, no marker, no other callout's dot."""
    calls = [i for i in lay["items"] if i["kind"] == kind]
    got = [c["text"] for c in calls]
    if sorted(got) != sorted(want_texts):
        fail("%s: %s texts %s, expected %s" % (name, kind, got, want_texts))
    frame = next(i["box"] for i in lay["items"] if i["kind"] == "frame")
    for c in calls:
        b = c["box"]
        if not (b[0] >= frame[0] and b[2] <= frame[2] and b[1] >= frame[1] and b[3] <= frame[3]):
            fail("%s: %r outside the frame: %s" % (name, c["text"], b))
        for o in lay["items"]:
            if o is not c and o["kind"] != "frame" and overlap(b, o["box"]):
                fail("%s: %r overlaps %s %r" % (name, c["text"], o["kind"], o.get("text")))
        for m in lay["markers"]:
            if overlap(b, [m["x"] - m["r"], m["y"] - m["r"], m["x"] + m["r"], m["y"] + m["r"]]):
                fail("%s: %r covers a marker at %s,%s" % (name, c["text"], m["x"], m["y"]))
        for o in calls:
            ax, ay = o["anchor"]
            if o is not c and b[0] - 2 < ax < b[2] + 2 and b[1] - 2 < ay < b[3] + 2:
                fail("%s: %r covers the point of %r" % (name, c["text"], o["text"]))
    return calls


def case_annotate():
    """--annotate FILE: every callout of the CSV placed at 3 sizes and with
    highlights, clear of everything; the same dump in PNG, SVG and PDF; the
    SVG's text as <text>; the anchor at the file's coordinates."""
    import csv
    path = os.path.join(DATA, "acled-fatalities.csv")
    ann = os.path.join(DATA, "annotations.csv")
    rows = list(csv.DictReader(open(ann, newline="")))
    texts = [r["text"] for r in rows]
    dumps = {}
    for name, args in (("card", ["--size", "1200x675"]),
                       ("hl", ["--size", "2000x1500", "--highlight", "SYR04010,SYR04011",
                               "--theme", "dark"])):
        lay, err, _ = render("ann-" + name, [path], "--annotate", ann, "--basemap", "middle-east",
                             *args)
        if not lay:
            continue
        dumps[name] = lay
        check_callouts(name, lay, "annotation", texts)
        if name == "hl":
            hl = [c["text"] for c in lay["items"] if c["kind"] == "callout"]
            check_callouts(name, lay, "callout", hl)
            if len(hl) != 2:
                fail("hl: the highlights lost their callouts to the annotations")
        if "warning" in err:
            fail("%s: %s" % (name, err))
    # The anchor is where the file says: two annotations 3 km apart at Homs
    # are 3 km apart on the map, east of each other as in the file.
    lay = dumps.get("card")
    if lay:
        a = {c["text"]: c["anchor"] for c in lay["items"] if c["kind"] == "annotation"}
        homs = a.get(texts[0]), a.get(texts[5])
        if None in homs or not (0 < homs[0][0] - homs[1][0] < 3 and homs[0][1] < homs[1][1]):
            fail("Homs anchors %s do not follow the file's coordinates" % (homs,))
    # The same placement in SVG and PDF, the SVG's words as <text>.
    small, _, _ = render("ann-small", [path], "--annotate", ann, "--size", "800x600")
    if small:
        check_callouts("small", small, "annotation", texts)
    for fmt in ("svg", "pdf"):
        out = os.path.join(tmp, "symbology-" + case, "ann." + fmt)
        dump = out + ".json"
        p = subprocess.run([incmap, "-q", "render", path, "--annotate", ann, "--size", "800x600",
                            "--basemap", "none", "-o", out, "--dump-layout", dump])
        if p.returncode != 0:
            fail("%s: exit %d" % (fmt, p.returncode))
            continue
        if small and json.load(open(dump)) != small:
            fail("%s: the dump differs from the PNG's" % fmt)
        if fmt == "svg":
            svg = open(out, encoding="utf-8").read()
            group = svg[svg.find('<g id="annotations"'):]
            for t in ("Tabqa dam", "Deir ez-Zor bridge", "Mosul"):
                if ">" + t + "</text>" not in group:
                    fail("svg: %r is not a <text> in the annotations group" % t)
    # Room runs out on a small page: the lowest priority goes first, with a warning.
    crowd = os.path.join(tmp, "symbology-crowd.csv")
    with open(crowd, "w") as f:
        f.write("lon,lat,text,priority\n")
        for i in range(40):
            f.write("40.14,35.34,Note number %d about Deir ez-Zor,%d\n" % (i, i))
    lay, err, _ = render("ann-crowd", [path], "--annotate", crowd, "--size", "800x600",
                         "--no-inset")
    if lay:
        calls = [c for c in lay["items"] if c["kind"] == "annotation"]
        kept = sorted(int(c["text"].split()[2]) for c in calls)
        if not calls or len(calls) == 40 or kept != list(range(40 - len(calls), 40)):
            fail("crowded: kept %s, expected the highest priorities" % kept)
        if "no room" not in err:
            fail("crowded: no warning for the callouts left out")
        check_callouts("crowded", lay, "annotation", [c["text"] for c in calls])


def case_annotate_bad():
    """A bad annotation file: exit 3, file:line:column and the column, no
    output file."""
    cases = [("lon,lat,text\n36,34,ok\n37,abc,bad\n", "3:4: lat"),
             ("lon,text\n36,x\n", "1:1: the header has no column \"lat\""),
             ("lon,lat,text\n36,34\n", "2:1: 2 fields"),
             ("lon,lat,text\n36,34,\"open\n", "2:7: a quoted field is not closed"),
             ("lon,lat,text,priority\n36,95,x,1\n", "2:4: lat: 95 is outside"),
             ("lon,lat,text,priority\r\n36,34,x,1.5\r\n", "2:9: priority"),
             ("lat,lon,text\n34,36,\xff\xfe\n", "2:7: text: not UTF-8"),
             ("lon,lat,text\n36,34,  \n", "2:7: text: empty"),
             ("", "1:1: empty")]
    for i, (body, want) in enumerate(cases):
        bad = os.path.join(tmp, "symbology-bad-ann-%d.csv" % i)
        with open(bad, "wb") as f:
            f.write(body.encode("latin-1"))
        _, err, png = render("ann-bad-%d" % i, [os.path.join(DATA, "groups.geojson")],
                             "--annotate", bad, expect=3)
        if bad + ":" + want not in err:
            fail("bad annotations %r: message %r lacks %r" % (body, err, bad + ":" + want))
        if os.path.exists(png):
            fail("bad annotations %r: an output was written" % body)


def annotations_geojson(rows, keys=("text",)):
    """The rows of an annotation CSV as a GeoJSON FeatureCollection, the text
    under keys[i % len(keys)] (text, label or name)."""
    feats = []
    for i, r in enumerate(rows):
        props = {keys[i % len(keys)]: r["text"], "source": "test"}
        if r.get("priority"):
            props["priority"] = int(r["priority"])
        feats.append({"type": "Feature", "id": i,
                      "geometry": {"type": "Point",
                                   "coordinates": [float(r["lon"]), float(r["lat"])]},
                      "properties": props})
    return {"type": "FeatureCollection", "name": "notes", "features": feats}


def case_annotate_geojson():
    """--annotate FILE as GeoJSON: Point features whose text is their text,
    label or name property, with priority; the same callouts, anchors and
    boxes as the same notes in CSV, whatever the file's name."""
    import csv
    path = os.path.join(DATA, "acled-fatalities.csv")
    ann = os.path.join(DATA, "annotations.csv")
    rows = list(csv.DictReader(open(ann, newline="")))
    want, _, _ = render("ann-csv", [path], "--annotate", ann, "--size", "1200x675")
    if not want:
        return
    calls = [(c["text"], c["anchor"], c["box"]) for c in want["items"] if c["kind"] == "annotation"]
    if len(calls) != len(rows):
        fail("CSV: %d callouts for %d rows" % (len(calls), len(rows)))
    for name, keys in (("notes.geojson", ("text",)), ("notes.json", ("label", "name", "text")),
                       ("notes", ("name",))):
        gj = os.path.join(tmp, "symbology-" + name)
        with open(gj, "w") as f:
            json.dump(annotations_geojson(rows, keys), f, indent=1)
        lay, err, _ = render("ann-" + name.replace(".", "-"), [path], "--annotate", gj,
                             "--size", "1200x675")
        if not lay:
            continue
        got = [(c["text"], c["anchor"], c["box"]) for c in lay["items"] if c["kind"] == "annotation"]
        if got != calls:
            fail("%s (%s): callouts %s differ from the CSV's %s" % (name, keys, got, calls))
        if "warning" in err:
            fail("%s: %s" % (name, err))
    # Priority: 40 notes on one point, the highest kept, as with CSV.
    crowd = os.path.join(tmp, "symbology-crowd.geojson")
    notes = [{"lon": "40.14", "lat": "35.34", "text": "Note number %d about Deir ez-Zor" % i,
              "priority": str(i)} for i in range(40)]
    with open(crowd, "w") as f:
        json.dump(annotations_geojson(notes), f)
    lay, err, _ = render("ann-gj-crowd", [path], "--annotate", crowd, "--size", "800x600",
                         "--no-inset")
    if lay:
        kept = sorted(int(c["text"].split()[2]) for c in lay["items"] if c["kind"] == "annotation")
        if not kept or len(kept) == 40 or kept != list(range(40 - len(kept), 40)):
            fail("GeoJSON crowded: kept %s, expected the highest priorities" % kept)


def case_annotate_geojson_bad():
    """A bad GeoJSON annotation file: exit 3, file:line:column of the member
    at fault, the feature's index and the member named; no output file."""
    def feat(props, geom='{"type": "Point", "coordinates": [44.36, 33.31]}'):
        return '  {"type": "Feature", "geometry": %s,\n   "properties": %s}' % (geom, props)
    ok = feat('{"text": "fine"}')

    def coll(*feats):
        return '{"type": "FeatureCollection",\n "features": [\n' + ",\n".join(feats) + "\n ]}\n"
    # (file text, the text at the place named (None: no line:col), the message after it)
    cases = [
        (coll(ok, feat('{"text": "x", "priority": 1.5}')), "1.5",
         "features[1]: properties.priority: not a whole number"),
        (coll(feat('{"text": "x"}', '{"type": "LineString", "coordinates": [[1, 2], [3, 4]]}')),
         '"LineString"', 'features[0]: geometry.type: "LineString" is not a Point'),
        (coll(ok, ok, feat('{"text": "x"}', '{"type": "Point", "coordinates": [44, 95]}')),
         "[44, 95]", "features[2]: geometry.coordinates: lat: 95 is outside -90..90"),
        (coll(feat('{"title": "x"}')), '{"title"',
         'features[0]: properties: no "text", "label" or "name" property'),
        (coll(ok, feat('{"text": null, "label": 7}')), "7}",
         "features[1]: properties.label: must be a string"),
        (coll(feat('{"name": "   "}')), '"   "', "features[0]: properties.name: empty"),
        (coll(feat('{"text": "%s"}' % ("x" * 301))), '"xxx', "features[0]: properties.text: "
         "301 characters, over the limit of 300"),
        (coll(ok, '  {"type": "Feature", "geometry": null, "properties": {"text": "x"}}'),
         "null", "features[1]: geometry: missing; an annotation is a Point"),
        # jansson places a syntax error at the last character of the token at fault
        (coll(ok, '  {"type": "Feature" "geometry": null}'), ('"geometry": null}', 9),
         "'}' expected"),
        ('{"type": "Feature", "geometry": null, "properties": {"text": "x"}}\n', None,
         ':1:1: type is "Feature"; an annotation file is a GeoJSON FeatureCollection'),
        ("[1, 2]\n", None, ":1:1: expected a GeoJSON FeatureCollection"),
    ]
    for i, (body, at, want) in enumerate(cases):
        bad = os.path.join(tmp, "symbology-bad-ann-%d.geojson" % i)
        with open(bad, "w") as f:
            f.write(body)
        if at is not None:
            at, off = at if isinstance(at, tuple) else (at, 0)
            k = body.index(at) + off
            line = body.count("\n", 0, k) + 1
            col = k - (body.rfind("\n", 0, k) + 1) + 1
            want = "%s:%d:%d: %s" % (bad, line, col, want)
        else:
            want = bad + want
        _, err, png = render("ann-gj-bad-%d" % i, [os.path.join(DATA, "groups.geojson")],
                             "--annotate", bad, expect=3)
        if want not in err:
            fail("bad GeoJSON annotations #%d: message %r lacks %r" % (i, err, want))
        if os.path.exists(png):
            fail("bad GeoJSON annotations #%d: an output was written" % i)
    # Neither CSV nor GeoJSON: a tab-separated file, a GeoPackage.
    for name, body in (("notes.tsv", b"lon\tlat\ttext\n36\t34\tx\n"),
                       ("notes.gpkg", b"SQLite format 3\0" + bytes(100))):
        bad = os.path.join(tmp, "symbology-" + name)
        with open(bad, "wb") as f:
            f.write(body)
        _, err, png = render("ann-other", [os.path.join(DATA, "groups.geojson")],
                             "--annotate", bad, expect=3)
        if bad + ": " not in err or "an annotation file is a CSV" not in err:
            fail("%s: message %r" % (name, err))


CASES = {k[5:]: v for k, v in globals().items() if k.startswith("case_")}
if case not in CASES:
    print("unknown case %s (%s)" % (case, ", ".join(CASES)))
    sys.exit(2)
CASES[case]()
sys.exit(1 if failures else 0)
