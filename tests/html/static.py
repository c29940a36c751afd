#!/usr/bin/python3
"""The interactive HTML map without a browser: one self-contained file (no
URL it would fetch, a Content-Security-Policy that forbids the network, the
script allowed by its hash), within its size budget, markers where the
layout placed them (the --dump-layout of the same map as SVG), hostile
text escaped, and the options it refuses.

usage: static.py INCMAP DATA_DIR TESTS_DIR SCRATCH
"""
import base64
import hashlib
import html.parser
import json
import math
import os
import re

from harness import check, data_dir, finish, run, scratch, tests_dir


class Walk(html.parser.HTMLParser):
    """Every element with its attributes, and the text of <script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.scripts, self.in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self.in_script = tag == "script"
        if self.in_script:
            self.scripts.append("")

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script:
            self.scripts[-1] += data


sample = os.path.join(data_dir, "iraq-2021.json")
incidents = json.load(open(sample))["incidents"]
for size in ("1400x1000", "1200x675", "4000x3000"):
    page = os.path.join(scratch, f"iraq-{size}.html")
    svg = os.path.join(scratch, f"iraq-{size}.svg")
    dump_h = os.path.join(scratch, f"iraq-{size}-html.json")
    dump_s = os.path.join(scratch, f"iraq-{size}-svg.json")
    r1 = run("render", sample, "--size", size, "-o", page, "--dump-layout", dump_h)
    r2 = run("render", sample, "--size", size, "-o", svg, "--dump-layout", dump_s)
    check(r1.returncode == 0 and r2.returncode == 0, f"{size}: renders ({r1.stderr}{r2.stderr})")
    text = open(page, encoding="utf-8").read()
    w = Walk()
    w.feed(text)

    # The map's words are SVG text, as in the .svg: the title and every site
    # label as <text>, and none of the drawing's placeholders left behind.
    texts = [t for t, a in w.elements if t == "text"]
    svg_texts = open(svg, encoding="utf-8").read().count("<text")
    check(len(texts) > 0 and len(texts) == svg_texts,
          f"{size}: {len(texts)} <text> elements, as many as the SVG's {svg_texts}")
    check("0.0123" not in text, f"{size}: no text placeholder left in the page")

    # Self-contained: nothing that a browser would fetch.
    urls = []
    for tag, attrs in w.elements:
        for k, v in attrs.items():
            if k in ("src", "href", "xlink:href", "action", "srcset", "poster", "data") and v \
                    and not v.startswith("#") and not v.startswith("data:"):
                urls.append((tag, k, v[:60]))
        if tag in ("link", "iframe", "object", "embed", "base", "img", "audio", "video"):
            urls.append((tag, "", ""))
    check(not urls, f"{size}: no external reference ({urls[:3]})")
    check(not re.search(r"url\(\s*['\"]?(https?:|//)", text) and "@import" not in text,
          f"{size}: no URL in the style")
    csp = [a.get("content", "") for t, a in w.elements
           if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
    check(len(csp) == 1 and "default-src 'none'" in csp[0] and "connect-src" not in csp[0],
          f"{size}: a Content-Security-Policy forbids the network ({csp})")
    check(len(w.scripts) == 1, f"{size}: one script")
    digest = base64.b64encode(hashlib.sha256(w.scripts[0].encode()).digest()).decode()
    check(csp and f"'sha256-{digest}'" in csp[0], f"{size}: the policy allows the script by its hash")
    check(not any(k.startswith("on") for t, a in w.elements for k in a),
          f"{size}: no inline event handler attributes")

    # The size budget: the SVG, plus the page's own 24 kB, plus 1.4 kB per incident.
    budget = os.path.getsize(svg) + 24000 + 1400 * len(incidents)
    check(os.path.getsize(page) <= budget,
          f"{size}: {os.path.getsize(page)} bytes within the budget {budget} "
          f"(SVG {os.path.getsize(svg)})")

    # Markers where the layout placed them; the same layout as the SVG.
    lay_h, lay_s = json.load(open(dump_h)), json.load(open(dump_s))
    check(lay_h == lay_s, f"{size}: the HTML's layout is the SVG's")
    placed = sorted((round(m["x"], 1), round(m["y"], 1)) for m in lay_s.get("markers", [])
                    if m.get("n", 1) == 1)
    got = []
    for tag, a in w.elements:
        if tag == "g" and "im-m" in a.get("class", "").split() and "data-c" not in a:
            x, y = map(float, re.match(r"translate\(([-\d.]+) ([-\d.]+)\)", a["transform"]).groups())
            got.append((round(x, 1), round(y, 1)))
    got.sort()
    check(len(got) == len(placed) and all(abs(p[0] - q[0]) <= 0.1 and abs(p[1] - q[1]) <= 0.1
                                          for p, q in zip(got, placed)),
          f"{size}: {len(got)} markers at the {len(placed)} placed positions")
    n_all = sum(1 for t, a in w.elements if t == "g" and "im-m" in a.get("class", "").split())
    check(n_all == len(incidents), f"{size}: every incident has an element ({n_all})")
    rows = sum(1 for t, a in w.elements if t == "tr" and "data-t" in a)
    check(rows == len(incidents), f"{size}: the table has a row per incident ({rows})")

# Hostile text: escaped in every attribute and text node.
hostile_in = os.path.join(tests_dir, "html", "hostile.json")
hostile = os.path.join(scratch, "hostile.html")
r = run("render", hostile_in, "--size", "1200x900", "-o", hostile)
check(r.returncode == 0, f"hostile names render ({r.stderr})")
text = open(hostile, encoding="utf-8").read()
w = Walk()
w.feed(text)
check(len(w.scripts) == 1 and text.count("<script") == 1, "hostile: no script element injected")
check("<img" not in text and not any(t == "img" for t, a in w.elements),
      "hostile: no element injected")
check(not any(k.startswith("on") for t, a in w.elements for k in a),
      "hostile: no event handler attribute injected")
sites = {a.get("data-site") for t, a in w.elements if "data-site" in a and "im-m" in a.get("class", "")}
want = {i.get("site", "") for i in json.load(open(hostile_in))["incidents"]}
check(sites == want, f"hostile: the names survive as text ({sites ^ want})")
check(text.count("</svg>") == 1 + text.count("<svg width=\"16\""),
      "hostile: the map's SVG is closed once")

# The markers' symbols are the static map's shapes: a mortar's circle, four
# Bezier quarters from Cairo's arc, passes through its midpoints at the
# radius of its ends (html.c writes each curve's three points as Cairo gives
# them; a control point swapped for the end flattens the quarter).
round_in = os.path.join(scratch, "round.json")
json.dump({"incidents": [{"id": "m1", "date": "2021-03-01", "lat": 33.3, "lon": 44.4,
                          "weapon": "mortar"},
                         {"id": "r1", "date": "2021-03-02", "lat": 36.2, "lon": 44.0,
                          "weapon": "rocket"}]}, open(round_in, "w"))
round_page = os.path.join(scratch, "round.html")
r = run("render", round_in, "--size", "800x600", "-o", round_page)
check(r.returncode == 0, f"a mortar's page renders ({r.stderr})")
w = Walk()
w.feed(open(round_page, encoding="utf-8").read())
curved = 0
for t, a in w.elements:
    if t != "path" or not a.get("id", "").startswith("im-s") or "C" not in a.get("d", ""):
        continue
    d = a["d"]
    ends, mids = [], []
    pen = None
    for cmd, args in re.findall(r"([MLCZ])([^MLCZ]*)", d):
        v = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", args)]
        if cmd in "ML":
            pen = (v[0], v[1])
            ends.append(pen)
        elif cmd == "C":
            p1, p2, p3 = (v[0], v[1]), (v[2], v[3]), (v[4], v[5])
            mids.append(tuple(0.125 * a0 + 0.375 * b0 + 0.375 * c0 + 0.125 * d0
                              for a0, b0, c0, d0 in zip(pen, p1, p2, p3)))
            pen = p3
            ends.append(p3)
    ends = sorted(set(ends))  # a closed path repeats its first point
    cx = sum(p[0] for p in ends) / len(ends)
    cy = sum(p[1] for p in ends) / len(ends)
    rad = sum(math.dist(p, (cx, cy)) for p in ends) / len(ends)
    worst = max(abs(math.dist(m, (cx, cy)) - rad) / rad for m in mids)
    curved += 1
    check(rad > 1 and worst < 0.03,
          f"{a['id']}: the curve's midpoints lie on its circle (radius {rad:.2f}, off by {worst:.1%})")
check(curved >= 1, f"a mortar's symbol is drawn with curves ({curved} curved symbols)")

# What an interactive map refuses, and that nothing is written then.
bad = os.path.join(scratch, "refused.html")
for args, what in (((["--facet", "month"]), "--facet"), ((["--density", "hex"]), "--density"),
                   ((["--animate", "week"]), "--animate")):
    r = run("render", sample, "-o", bad, *args)
    check(r.returncode == 2 and not os.path.exists(bad) and ".html" in r.stderr,
          f"{what} with .html: exit 2, a message, no file ({r.returncode} {r.stderr.strip()})")
r = run("render", sample, "--format", "html", "-o", "-")
check(r.returncode == 0 and r.stdout.startswith("<!DOCTYPE html>"), "--format html to stdout")

finish()
