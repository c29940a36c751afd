#!/usr/bin/env bash
# Checked from outside: GDAL opens the PNG with its world file and .aux.xml
# sidecar, and the pixel it finds at a site's lon/lat has the marker's
# colour. GDAL does its own projection from the CRS incmap wrote.
# Usage: gdal_marker.sh INCMAP TESTS_DATA_DIR SCRATCH_DIR
set -euo pipefail
incmap=$1 data=$2 tmp=$3/gdal
command -v gdallocationinfo >/dev/null || { echo "SKIP: gdal-bin is not installed"; exit 77; }
mkdir -p "$tmp"
fail=0
for crs in "" "EPSG:32638" "EPSG:3857" "+proj=aea +lat_1=30 +lat_2=36 +lon_0=44 +datum=WGS84"; do
  out="$tmp/marker-${#crs}.png"
  args=(render "$data/render/one-rocket.json" --basemap none --labels none --world-file
        --bbox 38,29,49,38 -o "$out")
  [ -n "$crs" ] && args+=(--crs "$crs")
  "$incmap" "${args[@]}"
  # Al-Asad, the fixture's one incident: a rocket, #D55E00 = 213 94 0 (an opaque map is
  # RGB: no alpha band, which reads as 255)
  got=$(gdallocationinfo -wgs84 -valonly "$out" 42.4412 33.7856 | tr '\n' ' ')
  read -r r g b a <<<"$got"
  if [ "${r:-x}" -ge 200 ] 2>/dev/null && [ "$g" -ge 80 ] && [ "$g" -le 108 ] && [ "$b" -le 15 ] && [ "${a:-255}" -eq 255 ]; then
    echo "ok ${crs:-default CRS}: $got"
  else
    echo "FAIL ${crs:-default CRS}: GDAL finds '$got' at Al-Asad, expected 213 94 0 255"; fail=1
  fi
done
# GDAL reads the CRS from the sidecar (not an unknown raster)
gdalinfo "$tmp/marker-0.png" | grep -q "Coordinate System is:" || { echo "FAIL: no CRS"; fail=1; }
exit $fail
