#!/bin/bash
# relief_edges.sh INCMAP SOURCE_DIR TMP
# One uniform relief (tests/data/basemap/flat) reaches the frame's edges as one grey, at
# sizes whose frames have fractional edges (relief_edges.py).
set -u
incmap=$1 src=$2 tmp=$3/relief-edges
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 0; }
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
status=0
for size in 1201x677 800x600 1999x1501; do
  "$incmap" render "$src/tests/data/render/four-sites.json" --basemap "$src/tests/data/basemap/flat" \
    --no-legend --no-scale-bar --no-north-arrow --no-graticule --no-inset --size $size \
    -o "$tmp/$size.png" --dump-layout "$tmp/$size.json" 2>"$tmp/err" ||
    { echo "FAIL: render $size: $(cat "$tmp/err")"; exit 1; }
  python3 "$(dirname "$0")/relief_edges.py" "$tmp/$size.png" "$tmp/$size.json" || status=1
done
exit $status
