#!/usr/bin/python3
"""--size-by FIELD and --color-by FIELD in the interactive map and the
time-lapse: the same symbols as the static map. An incident file with a
numeric field (rockets, with a zero and an empty value) and a text field
(unit) is drawn as PNG (with its --dump-layout), as HTML and as an animated
WebP with PNG frames, and

- every HTML marker has the static map's size and fill (the dump's r and
  fill, and the PNG's pixel at its centre), sizes follow the field (area
  proportional to the value) and categories differ in colour;
- zero and unknown values are outlines, as in the static map;
- the HTML legend has the static legend's categories (labels, colours,
  counts, order) and size steps (values and diameters), and its notes;
- every frame of the time-lapse has, at each marker drawn so far, the
  colour of its category, and not before its date; the WebP's last frame
  (decoded by Pillow) is the last PNG frame;
- with --theme dark and print, the page is in the theme's paper and text
  colours (the static PNG's page colour) and the markers and category
  buttons in the static map's colours.

Pixel checks need Pillow (python3-pil); without it they are skipped.

usage: symbology.py INCMAP DATA_DIR TESTS_DIR SCRATCH
"""
import csv
import html.parser
import json
import math
import os
import re
import subprocess

try:
    from PIL import Image
except ImportError:
    Image = None

from harness import check, data_dir, finish, incmap, scratch, tests_dir


def run(*args):
    r = subprocess.run([incmap, "-q", *args], capture_output=True, text=True)
    check(r.returncode == 0, f"incmap {' '.join(args[:3])}... exits 0 ({r.stderr.strip()})")
    return r


class Walk(html.parser.HTMLParser):
    """Elements with their attributes, each with the index of its parent."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.stack = [], []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), self.stack[-1] if self.stack else -1))
        if tag not in ("meta", "input", "br", "use", "path", "circle"):
            self.stack.append(len(self.elements) - 1)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), self.stack[-1] if self.stack else -1))

    def handle_endtag(self, tag):
        if self.stack and self.elements[self.stack[-1]][0] == tag:
            self.stack.pop()


src = os.path.join(tests_dir, "html", "symbology.csv")
rows = list(csv.DictReader(open(src, newline="")))
common = ["--size-by", "rockets", "--color-by", "unit", "--stack", "none", "--size", "900x675",
          "--basemap", "none"]
png = os.path.join(scratch, "static.png")
dump_png = os.path.join(scratch, "static.json")
page = os.path.join(scratch, "map.html")
dump_html = os.path.join(scratch, "map.json")
run("render", src, *common, "-o", png, "--dump-layout", dump_png)
run("render", src, *common, "-o", page, "--dump-layout", dump_html)
lay = json.load(open(dump_png))
check(json.load(open(dump_html)) == lay, "the HTML's placement is the PNG's")
scale = None
if Image:
    img = Image.open(png).convert("RGB")
    scale = img.size[0] / lay["page"]["w"]  # pixels per point


def hexrgb(h):
    return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))


def close(a, b, tol=3):
    return all(abs(x - y) <= tol for x, y in zip(a, b))


# ---- the HTML's markers against the static map ------------------------------
w = Walk()
w.feed(open(page, encoding="utf-8").read())
marks = []
for i, (tag, a, parent) in enumerate(w.elements):
    if tag == "g" and "im-m" in a.get("class", "").split():
        x, y = map(float, re.match(r"translate\(([-\d.]+) ([-\d.]+)\)", a["transform"]).groups())
        kids = [(t, ka) for t, ka, p in w.elements if p == i]
        marks.append((a, x, y, kids))
by_id = {a["data-id"]: (a, x, y, kids) for a, x, y, kids in marks}
check(len(by_id) == len(rows), f"a marker per incident ({len(by_id)})")
placed = lay["markers"]


def dump_marker(x, y):
    near = [m for m in placed if abs(m["x"] - x) <= 0.05 and abs(m["y"] - y) <= 0.05]
    return near[0] if len(near) == 1 else None


fills = {}
for r in rows:
    a, x, y, kids = by_id.get(r["id"], ({}, 0, 0, []))
    m = dump_marker(x, y)
    if not m:
        check(False, f"{r['id']}: no static marker at ({x}, {y})")
        continue
    size = float(a["data-size"])
    check(abs(size - 2 * m["r"]) <= 0.05,
          f"{r['id']}: size {size} pt as the static map's {2 * m['r']:.2f}")
    check(a.get("data-cat") == m.get("category") == r["unit"],
          f"{r['id']}: category {a.get('data-cat')!r} as the static map's {m.get('category')!r}")
    value = r["rockets"]
    if value and float(value) > 0:
        drawn = [ka.get("fill") for t, ka in kids if t in ("use", "path")]
        check(drawn == [m["fill"]] and a["data-fill"] == m["fill"],
              f"{r['id']}: filled {drawn} as the static map's {m['fill']}")
        fills.setdefault(r["unit"], set()).add(m["fill"])
        if scale:
            px = img.getpixel((int(m["x"] * scale), int(m["y"] * scale)))
            check(close(px, hexrgb(a["data-fill"])),
                  f"{r['id']}: the static PNG has {px} at the marker, the HTML {a['data-fill']}")
    else:  # zero: an outline in the category's colour; unknown: a dashed grey outline
        strokes = [ka.get("stroke") for t, ka in kids if t == "path"]
        unknown = not value
        check(all(ka.get("fill") == "none" for t, ka in kids) and len(strokes) == 2 and
              (("stroke-dasharray" in kids[-1][1]) == unknown) and
              (unknown or strokes[-1] == m["fill"]) and m["class"] == ("unknown" if unknown else "zero"),
              f"{r['id']}: {'unknown' if unknown else 'zero'} value drawn as an outline ({kids})")

# Sizes follow the field: area in proportion to the value (above the floor).
valued = [(float(r["rockets"]), float(by_id[r["id"]][0]["data-size"])) for r in rows
          if r["rockets"] and float(r["rockets"]) > 0]
valued.sort()
check(len({s for v, s in valued}) == len(valued), f"every value has its own size {valued}")
vmax, dmax = valued[-1]
for v, d in valued:
    want = max(dmax * math.sqrt(v / vmax), 3.0)
    check(abs(d - want) <= 0.05, f"value {v}: diameter {d} = {want:.2f} (area by value)")
# Drawn largest first, so that small symbols stay visible (as the static map).
order = [float(a["data-size"]) for a, x, y, kids in marks]
check(order == sorted(order, reverse=True), f"markers drawn largest first ({order})")
# Categories differ in colour, one colour each.
check(all(len(f) == 1 for f in fills.values()) and
      len({next(iter(f)) for f in fills.values()}) == len(fills),
      f"one colour per category, all different ({fills})")

# ---- the legend: the static legend's classes and size steps --------------
cats = [e for e in lay["legend"] if e["role"] == "category"]
buttons = [(a, i) for i, (t, a, p) in enumerate(w.elements)
           if t == "button" and "im-cat" in a.get("class", "") and "data-k" in a]


page_text = open(page, encoding="utf-8").read()
labels = re.findall(r'<button type="button" class="im-cat" data-k="(\d+)" data-fill="(#[0-9a-f]{6})"'
                    r'[^>]*>.*?</svg>(.*?) \(<span class="im-n">(\d+)</span>\)</button>', page_text)
check([(l, f) for k, f, l, n in labels] == [(e["text"], e["fill"]) for e in cats],
      f"legend buttons {[(l, f) for k, f, l, n in labels]} are the static legend's categories "
      f"{[(e['text'], e['fill']) for e in cats]}")
counts = {}
for r in rows:
    counts[r["unit"]] = counts.get(r["unit"], 0) + 1
check(all(int(n) == counts.get(l) for k, f, l, n in labels), f"button counts {labels}")
steps = [(float(a["data-v"]), float(a["data-d"])) for t, a, p in w.elements
         if t == "circle" and a.get("class") == "im-step"]
want_steps = [(e["value"], e["d"]) for e in lay["legend"] if e["role"] == "size"]
check(len(steps) >= 2 and len(steps) == len(want_steps) and
      all(abs(a[0] - b[0]) < 1e-9 and abs(a[1] - b[1]) <= 0.05 for a, b in zip(steps, want_steps)),
      f"size key steps {steps} are the static legend's {want_steps}")
notes = sorted(a["data-role"] for t, a, p in w.elements if a.get("class") == "im-note")
want_notes = sorted(e["role"] for e in lay["legend"] if e["role"] in ("size-zero", "size-unknown"))
check(notes == want_notes == ["size-unknown", "size-zero"], f"size notes {notes} as {want_notes}")
table = [a for t, a, p in w.elements if t == "tr" and "data-t" in a]
check(len(table) == len(rows) and all("data-k" in a for a in table),
      "table rows carry the category key (the legend filters them)")

# ---- the time-lapse ------------------------------------------------------------
webp = os.path.join(scratch, "lapse.webp")
frames = os.path.join(scratch, "frames")
if os.path.isdir(frames):
    for f in os.listdir(frames):
        os.unlink(os.path.join(frames, f))
run("render", src, *common, "--animate", "week", "-o", webp, "--frames", frames)
names = sorted(os.listdir(frames)) if os.path.isdir(frames) else []
check(len(names) == 5, f"5 weekly frames ({names})")
if Image and names:
    pos = {}
    for r in rows:
        a, x, y, kids = by_id[r["id"]]
        pos[r["id"]] = (x, y, a["data-fill"], r["date"], r["rockets"])
    # Monday-based weeks from 2024-02-26: frame k ends on the Sunday k weeks on.
    ends = ["2024-03-03", "2024-03-10", "2024-03-17", "2024-03-24", "2024-03-31"]
    for k, name in enumerate(names):
        fr = Image.open(os.path.join(frames, name)).convert("RGB")
        for rid, (x, y, fill, date, value) in pos.items():
            if not value or float(value) <= 0:
                continue
            px = fr.getpixel((int(x * scale), int(y * scale)))
            if date <= ends[k]:
                check(close(px, hexrgb(fill)), f"frame {k + 1}: {rid} has its category's "
                      f"colour {fill} ({px})")
            else:
                check(not close(px, hexrgb(fill), 24), f"frame {k + 1}: {rid} is not drawn "
                      f"yet ({px})")
    anim = Image.open(webp)
    anim.seek(anim.n_frames - 1)
    last = anim.convert("RGB")
    ref = Image.open(os.path.join(frames, names[-1])).convert("RGB")
    check(anim.n_frames == len(names) and list(last.getdata()) == list(ref.getdata()),
          "the WebP's last frame is the last PNG frame")

# ---- themes: the page around the map in the static map's colours ---------
for theme in ("dark", "print"):
    spec = json.load(open(os.path.join(data_dir, "themes", theme + ".json")))["theme"]
    t_png = os.path.join(scratch, theme + ".png")
    t_dump = os.path.join(scratch, theme + ".json")
    t_page = os.path.join(scratch, theme + ".html")
    run("render", src, *common, "--theme", theme, "-o", t_png, "--dump-layout", t_dump)
    run("render", src, *common, "--theme", theme, "-o", t_page)
    text = open(t_page, encoding="utf-8").read()
    m = re.search(r"<style>body\{background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})\}", text)
    check(m is not None and f'data-theme="{theme}"' in text, f"{theme}: the page has the theme's style")
    if not m:
        continue
    check(m.group(1) == spec["paper"].lower()[:7] and m.group(2) == spec["labels"].lower()[:7],
          f"{theme}: page {m.groups()} in the theme's paper and label colours "
          f"({spec['paper']}, {spec['labels']})")
    if Image:
        corner = Image.open(t_png).convert("RGB").getpixel((2, 2))
        check(close(corner, hexrgb(m.group(1))), f"{theme}: the static map's page is {corner}, "
              f"the HTML's {m.group(1)}")
    t_lay = json.load(open(t_dump))
    got = re.findall(r'class="im-cat" data-k="\d+" data-fill="(#[0-9a-f]{6})"', text)
    want = [e["fill"] for e in t_lay["legend"] if e["role"] == "category"]
    check(got == want, f"{theme}: category buttons {got} in the static legend's colours {want}")
    w2 = Walk()
    w2.feed(text)
    for i, (tag, a, parent) in enumerate(w2.elements):
        if tag == "g" and "im-m" in a.get("class", "").split() and a.get("data-v"):
            x, y = map(float, re.match(r"translate\(([-\d.]+) ([-\d.]+)\)", a["transform"]).groups())
            near = [d for d in t_lay["markers"] if abs(d["x"] - x) <= 0.05 and abs(d["y"] - y) <= 0.05]
            if float(a["data-v"]) > 0:
                check(len(near) == 1 and a["data-fill"] == near[0]["fill"],
                      f"{theme}: {a['data-id']} filled {a['data-fill']} as the static map's "
                      f"{near[0]['fill'] if near else None}")
light = open(page, encoding="utf-8").read()
check('data-theme="light"' in light and "<style>body{background:" not in light,
      "light: the page keeps its own colours")

finish()
