#!/bin/bash
# legend_marks.sh INCMAP SOURCE_DIR TMP
# The symbols of the legend's note rows and the --highlight callout's frame
# are in the PNG where the placement dump puts them (legend_marks.py): the
# dashed ring of "location approximate" (ACLED's geo_precision 2 and 3),
# the split ring of a cluster (--stack cluster on the Iraq sample), the dark
# frame of the latest incident's callout; at a social card and a slide size.
set -u
incmap=$1 src=$2 tmp=$3/legend-marks
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 0; }
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
here=$(dirname "$0")
status=0
for size in 1200x675 2000x1500; do
  "$incmap" render "$src/tests/data/realworld/acled-2023.csv" --size $size --highlight latest \
    -o "$tmp/acled-$size.png" --dump-layout "$tmp/acled-$size.json" 2>"$tmp/err" ||
    { echo "FAIL: render acled-2023 $size: $(cat "$tmp/err")"; exit 1; }
  python3 "$here/legend_marks.py" "$tmp/acled-$size.png" "$tmp/acled-$size.json" \
    ring_note,callout || status=1
  "$incmap" render "$src/data/iraq-2021.json" --size $size --stack cluster \
    -o "$tmp/iraq-$size.png" --dump-layout "$tmp/iraq-$size.json" 2>"$tmp/err" ||
    { echo "FAIL: render iraq-2021 $size: $(cat "$tmp/err")"; exit 1; }
  python3 "$here/legend_marks.py" "$tmp/iraq-$size.png" "$tmp/iraq-$size.json" cluster_note ||
    status=1
done
exit $status
