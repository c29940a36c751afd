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
exit $status
