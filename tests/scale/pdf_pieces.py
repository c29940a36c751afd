#!/usr/bin/env python3
"""pdf_pieces.py INCMAP TMPDIR: a PDF page whose content stream is deflated
in several pieces (pdf_stamps.c through png_deflate.c, 1 MB of drawing
each, cut to 16 KB here with INCMAP_DEFLATE_PIECE so that a small page has
several). 3,000 markers at distinct places, in four runs of one weapon,
make a page of about 120 KB: the stream must inflate whole (its Adler-32
included), be the same text as the page deflated in one piece, hold every
marker of the layout dump once at its position (to 0.01 pt), and keep the
drawing after the markers (the title and frame, written at the page's
end)."""
import json
import os
import random
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vector_markers import pdf_markers, pdf_xref_problems  # noqa

incmap, tmp = sys.argv[1], os.path.join(sys.argv[2], "scale-pdf-pieces")
PIECE = 16384
# Full stacks under LSan: the leak suppressed for Cairo's snapshots of the
# stamps (tests/lsan.supp) is matched through the batch that paints them.
env = dict(os.environ, INCMAP_DEFLATE_PIECE=str(PIECE))
if env.get("ASAN_OPTIONS"):
    env["ASAN_OPTIONS"] += ":fast_unwind_on_malloc=0"
os.makedirs(tmp, exist_ok=True)
rng = random.Random(40)
weapons = ["rocket", "drone", "mortar", "ied"]
# One day, one weapon for each quarter: four batches of one stamp (style is
# weapon and age), 750 markers each, whose lines pieces start in the middle
# of (pdf_stamps.c writes them in groups of 256 when the pieces ask).
recs = [{"id": "p%d" % i, "date": "2021-06-15",
         "lat": round(rng.uniform(29.5, 37.5), 5), "lon": round(rng.uniform(38.5, 48.5), 5),
         "weapon": weapons[i * 4 // 3000]} for i in range(3000)]
inp, out, dump = (os.path.join(tmp, f) for f in ("in.json", "m.pdf", "m.json"))
json.dump({"title": "Pieces end to end", "incidents": recs}, open(inp, "w"))
r = subprocess.run([incmap, "-q", "render", inp, "--basemap", "none", "--crs", "EPSG:3395",
                    "--bbox", "38,29,49,38", "--density", "none", "--stack", "none",
                    "--size", "1600x1200", "-o", out, "--dump-layout", dump],
                   capture_output=True, text=True, env=env)
if r.returncode != 0:
    sys.exit("FAIL: render: %s" % r.stderr.strip()[:300])
pdf = open(out, "rb").read()
fail = pdf_xref_problems(pdf)[:3]


def page_of(pdf, fail):
    """The page: the biggest stream; it must inflate to its end, check included."""
    pages = []
    at = 0
    while True:
        s = pdf.find(b"stream\n", at)
        if s < 0:
            break
        e = pdf.find(b"endstream", s)
        raw = pdf[s + 7:e].rstrip(b"\r\n")
        d = zlib.decompressobj()
        try:
            body = d.decompress(raw) + d.flush()
            if not d.eof:
                fail.append("a stream of %d bytes ends before its end" % len(raw))
            pages.append((len(body), body))
        except zlib.error as ex:
            if len(raw) > 100000:
                fail.append("a stream of %d bytes does not inflate: %s" % (len(raw), ex))
        at = e
    return max(pages) if pages else (0, b"")


size, page = page_of(pdf, fail)
# The same drawing deflated in one piece (the default piece holds the whole
# page): the text the pieces asked for, from wherever they started in a
# batch's lines, is the text written from the start.
whole = os.path.join(tmp, "whole.pdf")
env1 = dict(env)
del env1["INCMAP_DEFLATE_PIECE"]
r = subprocess.run([incmap, "-q", "render", inp, "--basemap", "none", "--crs", "EPSG:3395",
                    "--bbox", "38,29,49,38", "--density", "none", "--stack", "none",
                    "--size", "1600x1200", "-o", whole], capture_output=True, text=True, env=env1)
if r.returncode != 0:
    fail.append("render in one piece: %s" % r.stderr.strip()[:300])
else:
    size1, page1 = page_of(open(whole, "rb").read(), fail)
    if page1 != page:
        k = next((i for i, (a, b) in enumerate(zip(page, page1)) if a != b), min(size, size1))
        fail.append("the page in pieces differs from the page in one piece at byte %d of %d: "
                    "%r against %r" % (k, size, page[k:k + 40], page1[k:k + 40]))
if size < 4 * PIECE:
    fail.append("the page's drawing is %d bytes: too small for several pieces (the test "
                "checks nothing then)" % size)

marks = pdf_markers(pdf)
want = sorted((round(m["x"] * 100), round(m["y"] * 100)) for m in json.load(open(dump))["markers"])
got = sorted((m[1], m[2]) for m in marks)
if len(got) != len(want):
    fail.append("%d markers in the page, %d in the layout" % (len(got), len(want)))
else:
    off = sum(1 for a, b in zip(got, want) if abs(a[0] - b[0]) > 1 or abs(a[1] - b[1]) > 1)
    if off:
        fail.append("%d of %d markers away from the layout's position" % (off, len(want)))
if b"BT" not in page[size // 2:]:
    fail.append("no text after the markers (the title and furniture lost)")
if fail:
    print("FAIL:\n  " + "\n  ".join(fail))
    sys.exit(1)
print("ok: %d markers in a page of %d bytes (%d pieces), inflated whole" %
      (len(got), size, (size + PIECE - 1) // PIECE))
