#!/bin/bash
# hierarchy.sh INCMAP DATA TESTS TMP - the cartographic hierarchy as drawn
# (tests/layout/hierarchy.py on --dump-layout and the SVG): draw order
# relief < rivers < coast < borders < markers < labels, borders heavier and
# stronger than rivers, labels clear of the markers, country names as SVG
# <text>, the inset's names clear of its extent box; Baghdad named under the
# embassy's markers at every size; the world basemap the same (Ukraine,
# Sahel, Sudan), with its river names (Dnieper, Danube, Niger, Nile).
set -u
incmap=$1 data=$2 tests=$3 tmp=$4
dir=$tmp/hierarchy
rm -rf "$dir" && mkdir -p "$dir" || exit 1
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
status=0
check() { # name input render-args... -- checks...
  local name=$1 in=$2
  shift 2
  local args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do args+=("$1"); shift; done
  shift
  for fmt in svg png; do
    "$incmap" -q render "$in" "${args[@]}" -o "$dir/$name.$fmt" \
      --dump-layout "$dir/$name.$fmt.json" || { echo "FAIL: $name: render $fmt"; status=1; return; }
  done
  cmp -s "$dir/$name.svg.json" "$dir/$name.png.json" ||
    { echo "FAIL: $name: the SVG and PNG dumps differ"; status=1; }
  python3 "$tests/layout/hierarchy.py" "$dir/$name.svg.json" "$dir/$name.svg" "$@" ||
    { echo "FAIL: $name (${args[*]})"; status=1; }
}
sample=$data/iraq-2021.json
for size in 1200x675 2000x1500 4000x3000; do
  check "sample-$size" "$sample" --size "$size" -- --country Iraq --country Syria \
    --place Baghdad --inset Iraq --inset Iran --river Tigris
done
check sample-a4 "$sample" --page a4 --dpi 100 -- --country Iraq --place Baghdad --inset Iraq
check ukraine "$tests/data/world/ukraine.json" --bbox 22,44,41,53 --size 1200x675 -- \
  --country Ukraine --country Belarus
check ukraine-a4 "$tests/data/world/ukraine.json" --bbox 22,44,41,53 --page a4 --dpi 100 -- \
  --country Ukraine --river Dnieper --river Danube
check sahel "$tests/data/world/sahel-acled.csv" --bbox -4,11.5,3,17.5 --size 2000x1500 -- \
  --country Mali --country "Burkina Faso" --inset Mali --river Niger
check sudan "$tests/data/world/sudan.json" --bbox 21,8,40,23 --size 1200x675 -- \
  --country Sudan --river Nile
exit $status
