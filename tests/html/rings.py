#!/usr/bin/python3
"""Uncertainty rings in the interactive HTML map: the static map's rings
(the dashed geodesic circles of uncertainty_km), at the same places point
for point, each named after its marker (im-uN for marker data-i N) so the
filters hide it with the marker, and none with --no-uncertainty. And in the
time-lapse: a frame differs from its --no-uncertainty twin only once the
ring's incident is shown, and then by the static ring's box (Pillow; that
part is skipped without it).

The reference is the SVG of the same map: its markers group holds each ring
as a dashed path with a faint fill (device units, under a 0.6 scale).

usage: rings.py INCMAP DATA_DIR TESTS_DIR SCRATCH
"""
import html.parser
import math
import os
import re

from harness import check, finish, run, scratch, tests_dir


def render(out, *extra):
    r = run("render", src, "-o", out, "--size", "1200x900", "-q", *extra)
    check(r.returncode == 0, "render %s %s: exit %d %s" % (os.path.basename(out),
                                                         " ".join(extra), r.returncode,
                                                         r.stderr.strip()[:200]))


def points(d, scale=1.0):
    nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    pts = [(nums[i] * scale, nums[i + 1] * scale) for i in range(0, len(nums) - 1, 2)]
    # Cairo repeats the first point after Z (a new subpath); drop repeats
    return [p for k, p in enumerate(pts) if k == 0 or p != pts[0]]


class Walk(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


src = os.path.join(tests_dir, "data", "render", "precision.json")  # one record of 25 km
svg, page = os.path.join(scratch, "rings.svg"), os.path.join(scratch, "rings.html")
render(svg)
render(page)

# The static rings: dashed, faintly filled paths in the markers group.
text = open(svg, encoding="utf-8").read()
markers = text[text.index('id="markers"'):]
static = []
for m in re.finditer(r'<path style="([^"]*)" d="([^"]*)"(?: transform="matrix\(([^,]*),)?', markers):
    style, d, k = m.group(1), m.group(2), float(m.group(3) or 1)
    if "stroke-dasharray" in style and "fill-opacity:0.08" in style:
        static.append(points(d, k))
check(len(static) == 1, "the static SVG has the one ring of precision.json (%d)" % len(static))

w = Walk()
w.feed(open(page, encoding="utf-8").read())
rings = {a["id"]: a for t, a in w.elements if t == "path" and a.get("id", "").startswith("im-u")}
marks = {a["data-i"]: a for t, a in w.elements
         if t == "g" and "im-m" in a.get("class", "").split() and "data-i" in a}
check(len(rings) == len(static), "the page has as many rings as the static map (%d, %d)"
      % (len(rings), len(static)))
for rid, a in rings.items():
    pts = points(a["d"])
    best = min((max(math.dist(p, q) for p, q in zip(pts, s)) if len(s) == len(pts) else 1e9)
               for s in static) if static else 1e9
    check(best < 0.3, "%s: every point within 0.3 pt of the static ring's (%.2f)" % (rid, best))
    m = marks.get(rid[4:])
    check(m is not None, "%s belongs to a marker (data-i %s)" % (rid, rid[4:]))
    if m:
        tx, ty = (float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", m["transform"])[:2])
        cx = sum(p[0] for p in pts) / len(pts)
        cy = sum(p[1] for p in pts) / len(pts)
        radius = sum(math.dist(p, (cx, cy)) for p in pts) / len(pts)
        check(math.dist((cx, cy), (tx, ty)) < 1.0,
              "%s is centred on its marker (%.2f pt away)" % (rid, math.dist((cx, cy), (tx, ty))))
        check(radius > 8, "%s is wider than the marker (radius %.1f pt)" % (rid, radius))
    check(a.get("fill-opacity") == "0.08" and a.get("stroke", "").startswith("#"),
          "%s: the faint fill and the weapon's colour" % rid)
script = "".join(open(page, encoding="utf-8").read().split("<script")[1:])
check('"im-u" + m.dataset.i' in script, "the filter script hides a marker's ring with it")

render(page, "--no-uncertainty")
w = Walk()
w.feed(open(page, encoding="utf-8").read())
n = sum(1 for t, a in w.elements if t == "path" and a.get("id", "").startswith("im-u"))
check(n == 0, "--no-uncertainty: no ring in the page (%d)" % n)

# The time-lapse (month frames; the 25 km record is dated 2021-07, the last
# of seven): round the static ring, frames drawn with and without rings are
# alike until the record appears, then differ by that ring's box.
try:
    from PIL import Image, ImageChops
except ImportError:
    Image = None
if Image is not None and static:
    frames = {}
    for tag, extra in (("with", ()), ("without", ("--no-uncertainty",))):
        fdir = os.path.join(scratch, "frames-" + tag)
        render(os.path.join(scratch, "lapse-%s.webp" % tag), "--animate", "month",
               "--frames", fdir, *extra)
        frames[tag] = sorted(os.path.join(fdir, f) for f in os.listdir(fdir) if f.endswith(".png"))
    check(len(frames["with"]) == 7 and len(frames["without"]) == 7,
          "seven month frames each way (%d, %d)" % (len(frames["with"]), len(frames["without"])))
    m = re.search(r'width="([\d.]+)pt"', text)
    px = 1200 / float(m.group(1)) if m else 1.0  # image pixels per SVG point
    xs = [p[0] * px for p in static[0]]
    ys = [p[1] * px for p in static[0]]
    # Only round the ring: the legend's "Location approximate" row differs too.
    near = (int(min(xs)) - 25, int(min(ys)) - 25, int(max(xs)) + 26, int(max(ys)) + 26)
    for k, (a, b) in enumerate(zip(frames["with"], frames["without"]), 1):
        box = ImageChops.difference(Image.open(a).convert("RGB").crop(near),
                                    Image.open(b).convert("RGB").crop(near)).getbbox()
        if box:
            box = (box[0] + near[0], box[1] + near[1], box[2] + near[0], box[3] + near[1])
        if k < 7:
            check(box is None, "frame %d (before July): no ring yet (%s)" % (k, box))
            continue
        check(box is not None, "frame 7: the ring is drawn")
        if box:
            err = max(abs(box[0] - min(xs)), abs(box[1] - min(ys)),
                      abs(box[2] - max(xs)), abs(box[3] - max(ys)))
            check(err < 3, "frame 7: the ring covers the static ring's box %s within 3 px "
                  "(%s, off by %.1f)" % ([round(v) for v in (min(xs), min(ys), max(xs), max(ys))],
                                         box, err))

finish()
