#!/usr/bin/env bash
# SVG and PDF show the same map as the PNG: render all three, turn the SVG
# into pixels with librsvg and the PDF with poppler (independent renderers),
# and compare each with the PNG within a tolerance for antialiasing and
# text rasterisation.
# Usage: vector_match.sh INCMAP IMGDIFF TESTS_DATA_DIR SCRATCH_DIR
set -euo pipefail
incmap=$1 imgdiff=$2 data=$3 tmp=$4/vector
command -v rsvg-convert >/dev/null && command -v pdftoppm >/dev/null \
  || { echo "SKIP: rsvg-convert or pdftoppm is not installed"; exit 77; }
mkdir -p "$tmp"
fail=0
for basemap in none "$data/basemap/tiny"; do
  for fmt in png svg pdf; do
    # a short title: the file's long "title" member would make the test mostly about text
    "$incmap" render "$data/render/four-sites.json" --basemap "$basemap" --timeline --title "Four sites" \
      --size 800x600 --dpi 100 -o "$tmp/map.$fmt"
  done
  rsvg-convert -w 800 -h 600 -b white "$tmp/map.svg" -o "$tmp/map-svg.png"
  pdftoppm -png -r 100 -singlefile "$tmp/map.pdf" "$tmp/map-pdf"
  "$imgdiff" "$tmp/map.png" "$tmp/map-svg.png" 3 4 || fail=1
  "$imgdiff" "$tmp/map.png" "$tmp/map-pdf.png" 3 4 || fail=1
done
exit $fail
