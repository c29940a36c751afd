#!/usr/bin/env python3
"""stamps_check.py DIR N: the stamped markers of DIR/m.svg and DIR/m.pdf
(stamps.sh) against each other, the input DIR/in.json, the layout dump
DIR/svg.json and, with Pillow, rsvg-convert and pdftoppm, the pixels of
DIR/m.png at every marker's centre. N: the markers drawn (duplicates out)."""
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vector_markers import (pdf_batch_clips, pdf_markers, pdf_xobject_entries,  # noqa
                            pdf_xref_problems, svg_markers, svg_tokens)

tmp, n = sys.argv[1], int(sys.argv[2])
svg = open(os.path.join(tmp, "m.svg"), encoding="utf-8").read()
pdf = open(os.path.join(tmp, "m.pdf"), "rb").read()
dump = json.load(open(os.path.join(tmp, "svg.json")))
recs = json.load(open(os.path.join(tmp, "in.json")))["incidents"]
fail = []

# What should be drawn: one marker per distinct place, date and weapon.
drawn = {(r["lon"], r["lat"], r["date"], r["weapon"]) for r in recs}
per_weapon = sorted(Counter(k[3] for k in drawn).values())
coarse = sum(1 for k in drawn if len(k[2]) == 7)

defs, marks = svg_markers(svg)
if len(marks) != n:
    fail.append("SVG: %d markers drawn, expected %d" % (len(marks), n))
if not defs or len(defs) > 64:
    fail.append("SVG: %d marker definitions" % len(defs))
if {m[0] for m in marks} - set(defs):
    fail.append("SVG: a reference to an undefined marker")
if "<use xlink:href=\"#mk" in svg:
    fail.append("SVG: markers still placed one <use> each")
num = re.compile(r"^-?\d+(\.\d{1,2})?$")
bad = [t for t in svg_tokens(svg) if not num.match(t)]
if bad:
    fail.append("SVG: positions not at 0.01: %s" % bad[:3])
# Classes: one shape per weapon (the definition's first path), dashed
# edges for the dates known to the month.
shape = {i: re.search(r'<path d="([^"]*)"', body).group(1) for i, body in defs.items()}
by_shape = sorted(Counter(shape[m[0]] for m in marks).values())
if by_shape != per_weapon:
    fail.append("SVG: markers per shape %s, per weapon in the input %s" % (by_shape, per_weapon))
dashed = sum(1 for m in marks if "stroke-dasharray" in defs[m[0]])
if dashed != coarse:
    fail.append("SVG: %d dashed markers for %d dates known to the month" % (dashed, coarse))

# Positions: every SVG marker at a marker of the layout dump (pt, 0.01),
# and every place of the dump drawn.
want = {(round(m["x"] * 100), round(m["y"] * 100)) for m in dump["markers"]}
got = {(m[1], m[2]) for m in marks}
near = lambda p, s: any((p[0] + dx, p[1] + dy) in s for dx in (-1, 0, 1) for dy in (-1, 0, 1))
off = [p for p in got if not near(p, want)]
missing = [p for p in want if not near(p, got)]
if off:
    fail.append("SVG: %d markers where the dump has none, e.g. %s" % (len(off), off[:2]))
if missing:
    fail.append("SVG: %d places of the dump without a marker, e.g. %s" % (len(missing), missing[:2]))

# The PDF: the same positions in the same order, the same classes, and
# each stamp listed once in the page's resources.
pm = pdf_markers(pdf)
if [(m[1], m[2]) for m in pm] != [(m[1], m[2]) for m in marks]:
    fail.append("PDF: %d placements, not the SVG's %d in the same order" % (len(pm), len(marks)))
pdf_classes = sorted(Counter(m[0] for m in pm).values())
svg_classes = sorted(Counter(m[0] for m in marks).values())
if pdf_classes != svg_classes:
    fail.append("PDF: markers per stamp %s, the SVG's %s" % (pdf_classes[:8], svg_classes[:8]))
# The batches written into the page (pdf_stamps.c): each opens with the
# frame's clip, so that a marker at the edge is cut there as in the PNG.
frame = [i["box"] for i in dump["items"] if i.get("kind") == "frame"]
spliced, clips = pdf_batch_clips(pdf)
if spliced != len(pm):
    fail.append("PDF: %d of %d placements in the batches' form" % (spliced, len(pm)))
if not clips:
    fail.append("PDF: no batch opens with a clip")
elif frame:
    x0, y0, x1, y1 = frame[0]
    bad = [c for c in clips if max(abs(c[0] - x0), abs(c[1] - y0), abs(c[0] + c[2] - x1),
                                   abs(c[1] + c[3] - y1)) > 0.02]
    if bad:
        fail.append("PDF: %d batch clips not the frame %s, e.g. %s" % (len(bad), frame[0], bad[0]))
entries, unique = pdf_xobject_entries(pdf)
if entries != unique:
    fail.append("PDF: %d /XObject resource entries for %d stamps" % (entries, unique))
fail += ["PDF: " + p for p in pdf_xref_problems(pdf)[:3]]

# Pixels: the SVG (rsvg-convert) and the PDF (pdftoppm) show, at nearly
# every marker's centre, the colour the PNG shows there.
def pixels():
    try:
        from PIL import Image
    except ImportError:
        return "Pillow"
    for tool in ("rsvg-convert", "pdftoppm"):
        if not shutil.which(tool):
            return tool
    png = Image.open(os.path.join(tmp, "m.png")).convert("RGB")
    w, h = png.size
    subprocess.run(["rsvg-convert", "-w", str(w), "-h", str(h), "-o",
                    os.path.join(tmp, "svg.png"), os.path.join(tmp, "m.svg")], check=True)
    r = subprocess.run(["pdftoppm", "-png", "-singlefile", "-scale-to-x", str(w), "-scale-to-y",
                        str(h), os.path.join(tmp, "m.pdf"), os.path.join(tmp, "pdf")],
                       check=True, stderr=subprocess.PIPE, universal_newlines=True)
    if r.stderr.strip():  # poppler says when it had to rebuild the xref
        fail.append("PDF: pdftoppm: %s" % r.stderr.strip()[:200])
    k = w / dump["page"]["w"]
    for name in ("svg", "pdf"):
        img = Image.open(os.path.join(tmp, name + ".png")).convert("RGB")
        if img.size != png.size:
            fail.append("%s: rendered at %s, the PNG is %s" % (name, img.size, png.size))
            continue
        agree = 0
        for x, y in want:
            px, py = int(x / 100 * k), int(y / 100 * k)
            a = img.getpixel((px, py))
            # The PNG places a stamp within a quarter pixel: any of the
            # 3x3 pixels around the centre may match.
            agree += any(max(abs(a[i] - b[i]) for i in range(3)) <= 40 for b in
                         (png.getpixel((min(max(px + dx, 0), w - 1), min(max(py + dy, 0), h - 1)))
                          for dx in (-1, 0, 1) for dy in (-1, 0, 1)))
        if agree < 0.97 * len(want):
            fail.append("%s: %d of %d marker centres have the PNG's colour" %
                        (name.upper(), agree, len(want)))
        print("%s: %d of %d marker centres as in the PNG" % (name, agree, len(want)))
    return None

lack = pixels()
if lack:
    print("pixels not compared: no %s" % lack)
for f in fail:
    print("FAIL: " + f)
if fail:
    sys.exit(1)
print("ok: %d markers in SVG and PDF, %d classes, at the dump's places" % (len(marks), len(defs)))
