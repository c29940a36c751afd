"""vector_markers.py: the stamped markers of incmap's SVG and PDF, read back.

SVG (vector_stamps.c): each batch of one style is a <marker id="mkN"> in
<defs> and one <path> whose vertices are the positions (the first absolute,
the others relative, in hundredths), drawing the marker at every vertex
(marker-start, -mid, -end), or at its start alone for a single position.
PDF: each position is "1 0 0 1 x y cm" and a "/xN Do" of the stamp in the
page's content stream (device units, y down as Cairo writes them).

svg_markers(text) -> (defs, marks): defs maps an id to its <marker> body;
marks lists (id, x, y) in drawing order, x and y in hundredths (ints).
svg_tokens(text) -> every number of the position paths, as written.
pdf_markers(data) -> marks (xobject name, x, y) in drawing order, hundredths.
pdf_batch_clips(data) -> (spliced placements, [(x, y, w, h)]): how many
placements are in the form pdf_stamps.c writes, and the clip rectangle that
opens each of its batches (points, y down).
pdf_xobject_entries(data) -> (entries, unique) of the /XObject resource
dictionaries, counted over the whole file.
"""
import re
import zlib

NUM = re.compile(r"-?\d+(?:\.\d+)?")
POS_PATH = re.compile(r'<path fill="none" stroke="none" marker-start="url\(#(mk\d+)\)"'
                      r'((?: marker-(?:mid|end)="url\(#mk\d+\)")*)\sd="m([^"]*)"/>')


def centi(tok):
    neg = tok.startswith("-")
    ip, _, fp = tok.lstrip("-").partition(".")
    v = int(ip) * 100 + int((fp + "00")[:2])
    return -v if neg else v


def svg_markers(svg):
    defs = {m.group(1): m.group(2) for m in
            re.finditer(r'<marker id="(mk\d+)"[^>]*>(.*?)</marker>', svg, re.S)}
    marks = []
    for m in POS_PATH.finditer(svg):
        ident, extra, d = m.group(1), m.group(2), m.group(3)
        toks = NUM.findall(d)
        if len(toks) % 2:
            raise ValueError("odd number of coordinates in %s's path" % ident)
        x = y = 0
        pts = []
        for i in range(0, len(toks), 2):
            x += centi(toks[i])
            y += centi(toks[i + 1])
            pts.append((x, y))
        if extra:  # a marker at every vertex, all of this batch
            if extra != ' marker-mid="url(#%s)" marker-end="url(#%s)"' % (ident, ident):
                raise ValueError("%s: its path draws another marker: %s" % (ident, extra))
            marks += [(ident, px, py) for px, py in pts]
        else:  # one position: marker-start alone, on a segment of no length
            if len(pts) != 2 or pts[0] != pts[1]:
                raise ValueError("%s: a path without marker-mid must be one point" % ident)
            marks.append((ident, pts[0][0], pts[0][1]))
    return defs, marks


def svg_tokens(svg):
    return [t for m in POS_PATH.finditer(svg) for t in NUM.findall(m.group(3))]


def _streams(data):
    for m in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        try:
            yield zlib.decompress(data[m.end():end])
        except zlib.error:
            continue


def pdf_markers(data):
    best = _page(data)
    return [(name.decode(), centi(x.decode()), centi(y.decode())) for x, y, name in
            re.findall(rb"(?:\n|q )1 0 0 1 (\S+) (\S+) cm(?:\n/a\d+ gs)? /(x\d+) Do", best)]


def _page(data):
    best = b""
    for z in _streams(data):
        if z.count(b" Do") > best.count(b" Do"):
            best = z
    return best


def pdf_batch_clips(data):
    page = _page(data)
    spliced = len(re.findall(rb"(?m)^q 1 0 0 1 \S+ \S+ cm /x\d+ Do Q$", page))
    clips = [tuple(float(v) for v in m) for m in re.findall(
        rb"\nq\n(\S+) (\S+) (\S+) (\S+) re W n\n(?:/a\d+ gs\n)?q 1 0 0 1 ", page)]
    return spliced, clips


def pdf_xobject_entries(data):
    n = uniq = 0
    for m in re.finditer(rb"/XObject <<([^>]*)>>", data):
        ent = re.findall(rb"/x\d+ \d+ 0 R", m.group(1))
        n += len(ent)
        uniq += len(set(ent))
    return n, uniq


def pdf_xref_problems(data):
    """Where the classic xref table and startxref do not point at what they
    name: [] when every object N is found at its offset as "N 0 obj"."""
    m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
    if not m:
        return ["no startxref at the end"]
    x = int(m.group(1))
    if not data.startswith(b"xref", x):
        return ["startxref %d does not point at the xref table" % x]
    head = re.match(rb"xref\s+0 (\d+)\r?\n", data[x:])
    if not head:
        return ["xref table of another form"]
    n, at, bad = int(head.group(1)), x + head.end(), []
    for i in range(n):
        off, kind = int(data[at:at + 10]), data[at + 17:at + 18]
        if kind == b"n" and not data.startswith(b"%d 0 obj" % i, off):
            bad.append("object %d is not at %d" % (i, off))
        at += 20
    return bad
