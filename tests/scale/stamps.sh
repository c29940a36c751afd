#!/usr/bin/env bash
# Markers drawn in batches (2,000 or more) in SVG and PDF: the marker is
# written once and referenced at each position, positions rounded to 0.01,
# and a marker at the same position, date and weapon as a later one is not
# written (the later one covers it). 3,000 incidents of which 500 repeat an
# earlier one's place, date and weapon under a new id: 2,500 references
# (--stack none: not fanned out around their site).
# usage: stamps.sh INCMAP TMPDIR
set -euo pipefail
incmap=$1 tmp=$2/scale-stamps
rm -rf "$tmp" && mkdir -p "$tmp"
python3 - "$tmp/in.json" <<'PY'
import json, random, sys
rng = random.Random(7)
recs = []
for i in range(2500):
    recs.append({"id": "s%d" % i, "date": "2021-0%d-1%d" % (1 + i % 6, i % 10),
                 "lat": round(rng.uniform(30, 37), 5), "lon": round(rng.uniform(39, 48), 5),
                 "weapon": ["rocket", "drone", "mortar", "ied"][i % 4]})
for j in range(500):
    r = dict(recs[(j * 37) % 2500])
    r["id"] = "dup%d" % j
    recs.append(r)
json.dump({"incidents": recs}, open(sys.argv[1], "w"))
PY
common=(--basemap none --crs EPSG:3395 --bbox 38,29,49,38 --density none --stack none
        --size 1600x1200)
"$incmap" -q render "$tmp/in.json" "${common[@]}" -o "$tmp/m.svg"
"$incmap" -q render "$tmp/in.json" "${common[@]}" -o "$tmp/m.pdf"
python3 - "$tmp/m.svg" "$tmp/m.pdf" <<'PY'
import re, sys, zlib
svg = open(sys.argv[1]).read()
fail = []
uses = re.findall(r'<use xlink:href="#(mk\d+)" x="([^"]+)" y="([^"]+)"/>', svg)
defs = re.findall(r'<g id="(mk\d+)"', svg)
if len(uses) != 2500:
    fail.append("SVG: %d marker references, expected 2500 (3000 less 500 hidden)" % len(uses))
if not defs or len(defs) != len(set(defs)) or len(defs) > 64:
    fail.append("SVG: %d marker definitions (unique: %d)" % (len(defs), len(set(defs))))
if {u[0] for u in uses} - set(defs):
    fail.append("SVG: a reference to an undefined marker")
num = re.compile(r"^-?\d+(\.\d{1,2})?$")
bad = [u for u in uses if not num.match(u[1]) or not num.match(u[2])]
if bad:
    fail.append("SVG: positions not at 0.01: %s" % (bad[:3],))
if 'transform="matrix(' in "".join(re.findall(r'<use xlink:href="#surface[^>]*>', svg)):
    fail.append("SVG: markers still placed by matrix")
pdf = open(sys.argv[2], "rb").read()
best = b""
for m in re.finditer(rb"stream\r?\n", pdf):
    end = pdf.find(b"endstream", m.end())
    try:
        z = zlib.decompress(pdf[m.end():end])
    except zlib.error:
        continue
    if z.count(b" Do") > best.count(b" Do"):
        best = z
cms = re.findall(rb"\n1 0 0 1 (\S+) (\S+) cm\n/a\d+ gs /x\d+ Do", best)
if len(cms) != 2500:
    fail.append("PDF: %d marker placements, expected 2500" % len(cms))
badp = [c for c in cms if not num.match(c[0].decode()) or not num.match(c[1].decode())]
if badp:
    fail.append("PDF: positions not at 0.01: %s" % (badp[:3],))
if fail:
    print("\n".join(fail))
    sys.exit(1)
print("ok: 2500 references in SVG and PDF, positions at 0.01")
PY
