#!/usr/bin/env python3
"""stamped.py SVG DUMP N: the markers of an SVG drawn either one by one or
as stamps (2,000 and more) show the same things: a leader and a site dot
for every marker moved off its site (counted in the placement dump), a
dashed edge for every marker dated only to the month (every fourth record
of make_stamped.py), and the legend's note saying what the dashes mean."""
import json
import os
import re
import sys

svg_path, dump_path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
svg = open(svg_path, encoding="utf-8").read()
dump = json.load(open(dump_path, encoding="utf-8"))
fail = []

start = svg.find('id="markers"')
end = svg.find('id="furniture"', start)
if start < 0 or end < 0:
    sys.exit("FAIL: %s: no markers group" % svg_path)
group = svg[start:end]
paths = re.findall(r'<path style="([^"]*)" d="([^"]*)"', group)

marks = dump["markers"]
if any(m["n"] != 1 for m in marks) or len(marks) != n:
    fail.append("expected %d single markers in the dump, got %d marks" % (n, len(marks)))
moved = sum(1 for m in marks if (m["x"], m["y"]) != (m["sx"], m["sy"]))

def subpaths(pred):
    return sum(d.count("M") for style, d in paths if pred(style))

leaders = subpaths(lambda s: "stroke:rgb(20%,20%,20%)" in s and "stroke-opacity:0.55" in s)
dots = subpaths(lambda s: "fill:rgb(12%,12%,12%)" in s and "fill-opacity:0.9" in s)
if moved == 0:
    fail.append("no marker moved off its site: the case does not test leaders")
if leaders != moved:
    fail.append("%d leaders drawn for %d markers moved off their site" % (leaders, moved))
if dots != moved:
    fail.append("%d site dots drawn for %d markers moved off their site" % (dots, moved))

# Dashed edges: paths in the group, or stamps (<use> of a surface whose
# drawing is dashed) placed once per marker.
dashed_defs = set()
for m in re.finditer(r'<g id="(surface\d+|mk\d+)"[^>]*>(.*?)</g>', svg, re.S):
    if "stroke-dasharray" in m.group(2):
        dashed_defs.add(m.group(1))
dashed = sum(1 for style, d in paths if "stroke-dasharray" in style)
dashed += sum(1 for ref in re.findall(r'<use xlink:href="#(surface\d+|mk\d+)"', group)
              if ref in dashed_defs)
coarse = (n + 3) // 4
# Stamps as SVG markers (vector_stamps.c): a <marker> drawn at every vertex
# of one path per batch (tests/scale/vector_markers.py reads them).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scale"))
from vector_markers import svg_markers  # noqa: E402
mdefs, mmarks = svg_markers(group)
dashed += sum(1 for ref, _, _ in mmarks if "stroke-dasharray" in mdefs[ref])
if dashed != coarse:
    fail.append("%d dashed edges for %d markers dated to the month" % (dashed, coarse))
if ">Dashed edge: date known to the month only</text>" not in svg:
    fail.append("the legend lacks its note on dashed edges")

for f in fail:
    print("FAIL: %s (%d incidents): %s" % (svg_path, n, f))
print("%d incidents: %d leaders, %d site dots, %d dashed edges" % (n, leaders, dots, dashed))
sys.exit(1 if fail else 0)
