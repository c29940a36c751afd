#!/usr/bin/env bash
# Text from input is data everywhere it goes: terminal escapes (OSC window
# title ending in BEL, CSI clear screen), markup and bytes that are not UTF-8
# are fed through every text field (id, site, weapon, source, title,
# subtitle, source line, a CRS name, a file name, a manifest) and every
# output (stderr, info, validate, batch summary, PNG text chunks, SVG, PDF
# metadata, .prj and .aux.xml). Nothing may reach a terminal raw; every XML
# must parse; every PNG text chunk must be valid UTF-8 without controls.
# Usage: escapes.sh INCMAP DATA_DIR TESTS_DIR SCRATCH
set -uo pipefail
incmap=$1 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# A control byte other than tab and newline anywhere in a file?
raw_controls() { LC_ALL=C grep -q -P '[\x00-\x08\x0b-\x1f\x7f]' "$1"; }
need() { command -v "$1" >/dev/null || { echo "SKIP: $1 is missing"; exit 77; }; }
need python3

ESC=$'\033' BEL=$'\007'
evil="A${ESC}]0;pwned${BEL}B${ESC}[2JC <b>&amp;</b> \"q\" 'a' ${ESC}[31mred"
# The native JSON with the escapes in every text field (JSON escapes them as \u001b).
python3 - "$evil" > evil.json <<'PY'
import json, sys
e = sys.argv[1]
print(json.dumps({"title": e, "incidents": [
    {"id": "i1" + e, "date": "2021-07-07", "lat": 33.8, "lon": 42.4, "site": "Site " + e,
     "weapon": "rocket" + e, "source": e, "count": 2},
    {"id": "i2", "date": "2021-07-08", "lat": 33.3, "lon": 44.4, "site": "\u202eesrever",
     "weapon": "drone"}]}))
PY
evilc=${evil//\"/\"\"}   # CSV: the field quoted, its quotes doubled
printf 'id,date,lat,lon,site,weapon\nc1,2021-07-07,33.8,42.4,"Site %s","mortar%s"\n' "$evilc" "$evilc" > evil.csv
# UTF-8 (the e-acute) and then bytes that are not: a file in one 8-bit
# encoding would be read as Windows-1252, a mixed one is refused.
printf 'id,date,lat,lon,site,weapon\nc1,2021-07-07,33.8,42.4,Site \303\251 \377\376 x,rocket\n' > notutf8.csv
cp evil.json "evil${ESC}[2J.json"

check_terminal() { # $1 = what, files to check follow
  local what=$1; shift
  for f in "$@"; do raw_controls "$f" && fail "$what: raw control characters in $(basename "$f")"; done
}

# 1. Messages, info, validate.
"$incmap" render evil.json --basemap none --size 1000x750 -o map.png 2>err1 >out1; rc=$?
[ $rc -eq 0 ] || fail "render evil.json: exit $rc"
grep -q 'unknown type "rocketA\\x1B\]0;pwned\\x07B' err1 || fail "the unknown-weapon warning does not show the escapes as \\x1B"
check_terminal "render" err1 out1
"$incmap" info evil.json evil.csv > info.txt 2>err2 || fail "info exit $?"
grep -q 'Site A\\x1B\]0;pwned\\x07B' info.txt || fail "the info table does not show the site's escapes"
grep -q '\\u202Eesrever' info.txt || fail "a direction override in a site name reaches the terminal"
check_terminal "info" info.txt err2
"$incmap" info evil.json --json > info.json 2>/dev/null || fail "info --json exit $?"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' info.json || fail "info --json is not JSON"
"$incmap" validate evil.json evil.csv notutf8.csv "evil${ESC}[2J.json" > val.txt 2>err3; rc=$?
[ $rc -eq 3 ] || fail "validate with a file that is not UTF-8: exit $rc, expected 3"
grep -q "notutf8.csv.*not valid UTF-8" err3 || fail "no message for the CSV that is not UTF-8"
grep -q 'evil\\x1B\[2J.json' val.txt || fail "a file name with an escape is not shown escaped"
check_terminal "validate" val.txt err3
# An unknown option and a bad value carrying escapes, echoed back in messages.
"$incmap" render evil.json "--bogus${ESC}[2J" -o x.png 2>err4; check_terminal "unknown option" err4
"$incmap" render evil.json --crs "EPSG:${ESC}[2J" -o x.png 2>err5; check_terminal "bad --crs" err5

# 2. Every output format, with the escapes in the title, subtitle and source.
args=(render evil.json --basemap none --size 1000x750 --title "$evil" --subtitle "$evil" --source "$evil")
"$incmap" "${args[@]}" --world-file -o map.png 2>err6 || fail "render PNG with escapes in the title: exit $?"
"$incmap" "${args[@]}" -o map.svg 2>err7 || fail "render SVG: exit $?"
"$incmap" "${args[@]}" -o map.pdf 2>err8 || fail "render PDF: exit $?"
check_terminal "render formats" err6 err7 err8
python3 - map.png <<'PY' || fail "PNG text chunks are not clean"
import struct, sys, zlib
d = open(sys.argv[1], "rb").read()
i, seen, bad = 8, 0, []
while i < len(d):
    n, t = struct.unpack(">I4s", d[i:i + 8])
    body = d[i + 8:i + 8 + n]
    if t in (b"tEXt", b"iTXt"):
        seen += 1
        key, _, rest = body.partition(b"\0")
        text = rest if t == b"tEXt" else rest[2:].split(b"\0", 2)[2]
        try:
            s = text.decode("latin-1" if t == b"tEXt" else "utf-8")
        except UnicodeDecodeError:
            bad.append((key, "not UTF-8"))
            s = ""
        if any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f for c in s):
            bad.append((key, "control characters"))
    i += 12 + n
if seen < 3 or bad:
    print("chunks:", seen, "problems:", bad)
    sys.exit(1)
PY
if command -v xmllint >/dev/null; then
  xmllint --noout map.svg || fail "the SVG is not well-formed XML"
  xmllint --noout map.png.aux.xml || fail "the .aux.xml is not well-formed XML"
fi
if command -v pdfinfo >/dev/null; then
  pdfinfo map.pdf > pdfinfo.txt || fail "pdfinfo cannot read the PDF"
  grep -q "^Title:.*A.*pwned" pdfinfo.txt || fail "the PDF title is missing"
  check_terminal "PDF metadata" pdfinfo.txt
fi

# 3. A CRS whose name carries controls and markup: the sidecars stay well-formed.
wkt="PROJCS[\"Evil${ESC}[2J <&> \"\"x\"\" ${BEL}UTM\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",45],PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]"
"$incmap" render evil.json --basemap none --size 1000x750 --crs "$wkt" --world-file -o crs.png 2>err9
rc=$?
[ $rc -eq 0 ] || fail "render with an escaped CRS name: exit $rc"
check_terminal "CRS sidecars" crs.png.aux.xml crs.prj err9
if command -v xmllint >/dev/null; then
  xmllint --noout crs.png.aux.xml || fail "the .aux.xml of a CRS with controls and markup is not well-formed"
fi
grep -q '&lt;&amp;&gt;' crs.png.aux.xml || fail "the CRS name's markup is not escaped in the .aux.xml"

# 4. Text that is not UTF-8 on the command line is refused with a message.
"$incmap" render evil.json --basemap none --title $'bad \377 title' -o x.png 2>err10; rc=$?
[ $rc -eq 2 ] || fail "--title that is not UTF-8: exit $rc, expected 2"
grep -q "not valid UTF-8" err10 || fail "--title that is not UTF-8: no message"
check_terminal "not UTF-8" err10

# 5. Batch: a failing job's error (with escapes from the input) appears in
#    the summary as valid JSON, and the terminal gets no raw escapes.
cat > m.json <<JSON
{"output_root": "out", "defaults": {"basemap": "none", "size": "400x300"},
 "jobs": [{"name": "good", "inputs": ["$scratch/evil.json"], "output": "good.png"},
          {"name": "bad", "inputs": ["$scratch/notutf8.csv"], "output": "bad.png"}]}
JSON
"$incmap" batch m.json --now 2021-07-09 --summary summary.json 2>err11 >out11; rc=$?
[ $rc -eq 3 ] || [ $rc -eq 1 ] || fail "batch with a bad job: exit $rc"
check_terminal "batch" err11 out11 summary.json
python3 - summary.json <<'PY' || fail "the batch summary is not JSON or the failed job has no error text"
import json, sys
s = json.load(open(sys.argv[1]))
bad = [j for j in s["jobs"] if j["name"] == "bad"][0]
assert bad["status"] == "failed" and "not valid UTF-8" in bad.get("error", ""), bad
PY

[ $failures -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "all escape checks passed"
