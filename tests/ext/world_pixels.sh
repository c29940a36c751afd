#!/usr/bin/env bash
# Land and sea where they should be, anywhere on Earth: each region's map is
# drawn with the default basemap choice and a world file; GDAL (its own PROJ
# transform of the CRS incmap wrote) finds the pixel at known lon/lat points,
# and its colour must be land (warm: red above blue), sea or lake (blue above
# red) or "no data" (grey). Usage: world_pixels.sh INCMAP TESTS_DATA_DIR SCRATCH
set -euo pipefail
incmap=$1 data=$2 tmp=$3/world-pixels
command -v gdallocationinfo >/dev/null || { echo "SKIP: gdal-bin is not installed"; exit 77; }
mkdir -p "$tmp"
fail=0
# region  bbox  then kind:lon,lat points (land, sea, nodata), each clear of the
# borders and their 3.2 pt casing
cases=(
  "ukraine 22,44,41,53 land:28.7,48.6 land:37.3,51.6 sea:31.5,44.8 sea:33.5,44.2"
  "sudan 21,8,40,23 land:28.5,18.5 land:34.2,10.8 sea:38.2,21.0"
  "sahel -18,9,8,22 land:-5.5,18.5 land:-1.3,19.6 sea:-17.4,19.4"
  "somalia 38,-4,52,12 land:44.5,7.5 land:39.5,-1.0 sea:50.0,2.0"
  "yemen 41,11,55,20 land:47.5,16.5 sea:50.0,13.0 sea:53.5,15.0"
  "afghanistan-pakistan 60,24,76,38 land:65.3,33.3 land:73.2,27.3 sea:63.0,24.5"
  "myanmar 90,9,102,29 land:96.3,20.6 land:101.3,13.3 sea:94.0,14.0"
  "mexico -118,14,-86,33 land:-103.5,26.5 land:-89.2,18.3 sea:-110.0,18.0 sea:-93.0,24.5"
  "colombia -80,-2,-66,13 land:-72.0,3.0 sea:-77.0,11.5 sea:-79.4,1.5"
  "world -180,-60,180,80 land:20.3,15.2 land:100.3,60.3 sea:-35.5,5.5 sea:-140.3,20.3"
  "pacific 170,-25,-168,-10 land:177.9,-17.75 land:-172.4,-13.6 sea:-178.0,-21.0 sea:172.0,-12.0"
)
check() { # file kind lon lat
  local got r g b a
  got=$(gdallocationinfo -wgs84 -valonly "$1" "$3" "$4" | tr '\n' ' ')
  read -r r g b a <<<"$got"
  local ok=0
  case $2 in
    land) [ "${r:-0}" -ge 150 ] && [ $((r - b)) -ge 3 ] && ok=1 ;;
    sea) [ "${b:-0}" -ge 180 ] && [ $((b - r)) -ge 12 ] && ok=1 ;;
    nodata) [ "${r:-0}" -ge 170 ] && [ $((r - b)) -le 4 ] && [ $((b - r)) -le 4 ] && ok=1 ;;
  esac
  if [ $ok = 1 ]; then echo "ok $(basename "$1") $2 at $3,$4: $got"
  else echo "FAIL $(basename "$1") expected $2 at $3,$4, found '$got'"; fail=1; fi
}
for c in "${cases[@]}"; do
  read -r name bbox pts <<<"$c"
  out="$tmp/$name.png"
  "$incmap" render "$data/world/$name.json" --bbox "$bbox" --labels none --no-legend --world-file \
    --size 1000x750 --dpi 100 -o "$out" 2>"$tmp/$name.err"
  if grep -q "outside the data" "$tmp/$name.err"; then
    echo "FAIL $name: the chosen basemap does not cover the map"; fail=1
  fi
  for p in $pts; do
    kind=${p%%:*} ll=${p#*:}
    check "$out" "$kind" "${ll%,*}" "${ll#*,}"
  done
done
# Fitted extents with the legend and page furniture: the frame is smaller
# than the page the basemap is first read for, so its scale may need another
# detail band (a map once came out with no land at all), at several sizes.
for size in 800x600 1200x675 2000x1500; do
  out="$tmp/fitted-$size.png"
  "$incmap" render "$data/realworld/acled-2023.csv" --labels none --world-file --size "$size" \
    -o "$out" 2>"$tmp/fitted-$size.err"
  check "$out" land 35.0 38.5
  check "$out" land 25.0 46.0
  check "$out" land 42.0 48.0
  check "$out" sea 34.0 43.3
done
# The regional basemap forced on a wider map: hatched grey outside its data,
# and a warning.
out="$tmp/me-wide.png"
"$incmap" render "$data/world/sudan.json" --basemap middle-east --bbox 15,5,45,30 \
  --labels none --world-file --size 1000x750 --dpi 100 -o "$out" 2>"$tmp/me-wide.err"
grep -q "outside the data" "$tmp/me-wide.err" || { echo "FAIL: no warning for no data"; fail=1; }
check "$out" nodata 18.3 20.7
check "$out" land 27.7 17.4
exit $fail
