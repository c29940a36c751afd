#!/bin/bash
# stacked_names.sh INCMAP DATA TMP
# A site name with no room on one line is stacked onto two or three lines
# beside its symbols rather than left out (site_label.c, stack_name): the
# Iraq sample's busiest site, "US Embassy Baghdad (Green Zone)", ringed
# between Baghdad's name, the airport's markers and the frame's edge, at
# 800x600 and 1080x1080; the capital keeps its name. Where one line fits
# (2000x1500) the name stays on one line. Read from the placement dump.
set -u
incmap=$1 data=$2 tmp=$3/stacked-names
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 0; }
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
status=0
for case in 800x600:2 1080x1080:3 2000x1500:1; do
  size=${case%:*} lines=${case#*:}
  "$incmap" render "$data/iraq-2021.json" --size "$size" -o "$tmp/map-$size.png" \
    --dump-layout "$tmp/$size.json" 2>"$tmp/$size.err" ||
    { echo "FAIL: render $size: $(cat "$tmp/$size.err")"; exit 1; }
  python3 - "$tmp/$size.json" "$size" "$lines" <<'PY' || status=1
import json, sys
d = json.load(open(sys.argv[1]))
size, most = sys.argv[2], int(sys.argv[3])
site = "US Embassy Baghdad (Green Zone)"
labels = [it for it in d["items"] if it["kind"] == "site_label"]
mine = [it for it in labels if it["text"] == site]
fail = []
if not mine:
    fail.append("no label for %r (%s)" % (site, [it["text"] for it in d["items"]
                                                 if it["kind"] == "site_unlabelled"]))
else:
    # a one-line site label's height (Camp Taji's) tells how many lines this one has
    one = [it["box"][3] - it["box"][1] for it in labels if it["text"] == "Camp Taji"]
    b = mine[0]["box"]
    n = round((b[3] - b[1]) / one[0]) if one else 0
    if not one:
        fail.append("no one-line label of Camp Taji to compare with")
    elif n != most:
        fail.append("%r on %d lines, not %d" % (site, n, most))
    fr = [it["box"] for it in d["items"] if it["kind"] == "frame"][0]
    if b[0] < fr[0] or b[1] < fr[1] or b[2] > fr[2] or b[3] > fr[3]:
        fail.append("%r at %s leaves the frame %s" % (site, b, fr))
if not any(it["kind"] == "place_label" and it["text"].startswith("Baghdad") for it in d["items"]):
    fail.append("the capital, Baghdad, lost its name")
for f in fail:
    print("FAIL: %s: %s" % (size, f))
sys.exit(1 if fail else 0)
PY
done
# A name longer than the wrap width is broken where its two lines come out
# even, at a space: no lone last word ("Victory / Base"), no line ending
# inside a word ("Deir ez- / Zor"), as the SVG's lines show.
"$incmap" render "$data/iraq-2021.json" -o "$tmp/map.svg" 2>"$tmp/svg.err" ||
  { echo "FAIL: render svg: $(cat "$tmp/svg.err")"; exit 1; }
python3 - "$tmp/map.svg" <<'PY' || status=1
import sys, xml.etree.ElementTree as ET
NS = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
group = next(g for g in root.iter(NS + "g") if g.get("id") == "site-labels")
fail, wrapped = [], 0
for t in group.iter(NS + "text"):
    lines = [(s.text or "").strip() for s in t.iter(NS + "tspan")]
    lines = [l for l in lines if l]
    if len(lines) < 2:
        continue
    wrapped += 1
    name = " ".join(lines)
    for l in lines:
        if len(l.split()) == 1 and len(name.split()) >= 4:
            fail.append("%r: the line %r is one word" % (name, l))
        if l.endswith("-"):
            fail.append("%r: a line ends inside a word: %r" % (name, l))
if wrapped < 3:
    fail.append("%d wrapped site labels at 2000x1500, expected the 3 long names" % wrapped)
for f in fail:
    print("FAIL: svg: %s" % f)
sys.exit(1 if fail else 0)
PY
[ $status = 0 ] && echo "ok: stacked site names"
exit $status
