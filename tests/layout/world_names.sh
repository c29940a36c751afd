#!/bin/bash
# world_names.sh INCMAP DATA TMP - maps drawn from the world basemap name the
# countries they show (basemaps/world/names.geojson placed by names.c): an
# ACLED export of the Sahel names MALI, BURKINA FASO and NIGER, Ukraine and
# the Horn of Africa their countries; the locator inset names its countries;
# no name is written twice on one map.
set -u
incmap=$1 data=$2 tmp=$3
here=$(dirname "$0")
dir=$tmp/world-names
rm -rf "$dir" && mkdir -p "$dir" || exit 1
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
status=0
# case: name input bbox size, then the words expected in the names group
# (and, after "inset:", in the inset)
check() {
  local name=$1 in=$2 bbox=$3 size=$4
  shift 4
  local args=()
  for w in "$@"; do
    case $w in
      inset:*) args+=(--text-in "$w") ;;
      *) args+=(--text-in "names:$w") ;;
    esac
  done
  "$incmap" -q render "$in" --bbox "$bbox" --size "$size" -o "$dir/$name.svg" ||
    { echo "FAIL: $name: render"; status=1; return; }
  python3 "$here/svg_text.py" "$dir/$name.svg" --group names --group inset "${args[@]}" ||
    { echo "FAIL: $name ($size)"; status=1; }
  # each name once in the map's names group
  python3 - "$dir/$name.svg" <<'PY' || { echo "FAIL: $name: a name twice"; status=1; }
import collections, re, sys, xml.etree.ElementTree as ET
NS = '{http://www.w3.org/2000/svg}'
root = ET.parse(sys.argv[1]).getroot()
for g in root.iter(NS + 'g'):
    if g.get('id') == 'names':
        words = [re.sub(r'\s+', ' ', ''.join(t.itertext())).strip() for t in g.iter(NS + 'text')]
        twice = [w for w, n in collections.Counter(words).items() if n > 1]
        if twice:
            print('twice:', twice)
            sys.exit(1)
PY
}
for size in 1080x1080 2000x1500; do
  check "sahel-$size" "$data/world/sahel-acled.csv" -4,11.5,3,17.5 $size \
    MALI "BURKINA FASO" NIGER inset:MALI inset:NIGER
done
check ukraine "$data/world/ukraine.json" 22,44,41,53 1080x1080 \
  UKRAINE RUSSIA BELARUS ROMANIA "Black Sea" inset:RUSSIA
check horn "$data/world/somalia.json" 40,-2,52,12 1080x1080 \
  SOMALIA ETHIOPIA KENYA inset:SUDAN
# A name of two features (the North and South Atlantic) is written twice
# only far apart: 0.35 of the frame's shorter side at least (names.c,
# NM_REPEAT_SHARE); their anchors meet at the equator. Africa and the whole
# world, at two sizes.
for run in "africa -20,-40,60,40 1200x900" "africa -20,-40,60,40 2000x1500" \
           "world -180,-80,180,80 2000x1000"; do
  read -r name bbox size <<< "$run"
  "$incmap" -q render "$data/../../data/iraq-2021.json" --bbox "$bbox" --size "$size" \
    -o "$dir/$name-$size.png" --dump-layout "$dir/$name-$size.json" ||
    { echo "FAIL: $name-$size: render"; status=1; continue; }
  python3 - "$dir/$name-$size.json" <<'PY' || { echo "FAIL: $name-$size: a name repeated nearby"; status=1; }
import itertools, json, math, sys
d = json.load(open(sys.argv[1]))
fr = next(i["box"] for i in d["items"] if i["kind"] == "frame")
near = 0.35 * min(fr[2] - fr[0], fr[3] - fr[1])
names = [n for n in d["names"] if n.get("panel", 0) == 0 and n["kind"] == "sea"]
bad = [(a["text"], round(math.dist(a["anchor"], b["anchor"]))) for a, b in
       itertools.combinations(names, 2)
       if a["text"] == b["text"] and math.dist(a["anchor"], b["anchor"]) < near]
twice = [a["text"] for a, b in itertools.combinations(names, 2) if a["text"] == b["text"]]
print("repeated far apart:", twice, "nearby:", bad)
sys.exit(1 if bad or "Atlantic Ocean" not in [n["text"] for n in names] else 0)
PY
done
exit $status
