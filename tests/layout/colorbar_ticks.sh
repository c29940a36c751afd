#!/bin/bash
# colorbar_ticks.sh INCMAP DATA_RENDER TMP
# Incidents within one day, coloured by date: the colour bar is ticked on
# the hour ("06:00"), the same ticks in the PNG's, SVG's and PDF's
# placement dumps, drawn as <text> in the SVG and as text in the PDF.
set -u
incmap=$1 data=$2 tmp=$3/colorbar-ticks
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
status=0
for fmt in png svg pdf; do
  "$incmap" render "$data/hours.json" --color-by date -o "$tmp/map.$fmt" \
    --dump-layout "$tmp/$fmt.json" 2>"$tmp/$fmt.err" || { echo "FAIL: render $fmt: $(cat "$tmp/$fmt.err")"; exit 1; }
done
ticks() { # the tick labels of a dump, one a line
  python3 -c 'import json,sys
for e in json.load(open(sys.argv[1])).get("legend", []):
    if e["role"] == "tick": print(e["text"])' "$1"
}
ticks "$tmp/png.json" >"$tmp/png.ticks" || exit 1
n=$(grep -cE '^[0-2][0-9]:[0-5][0-9]$' "$tmp/png.ticks")
if [ "$n" -lt 2 ]; then
  echo "FAIL: fewer than two hour ticks on the colour bar of a 14-hour span:"; cat "$tmp/png.ticks"; status=1
fi
for fmt in svg pdf; do
  ticks "$tmp/$fmt.json" >"$tmp/$fmt.ticks"
  cmp -s "$tmp/png.ticks" "$tmp/$fmt.ticks" || { echo "FAIL: the $fmt ticks differ from the png ones"; status=1; }
done
while read -r t; do
  grep -q ">$t</text>" "$tmp/map.svg" || { echo "FAIL: tick \"$t\" is not a <text> in the SVG"; status=1; }
  if command -v pdftotext >/dev/null; then
    pdftotext "$tmp/map.pdf" - | grep -qx "$t" || { echo "FAIL: tick \"$t\" is not in the PDF's text"; status=1; }
  fi
done <"$tmp/png.ticks"
# A year (3 January to 28 December 2024) on a narrow bar (two weapons):
# quarters are too many, half-years give one, years none; the bar gets
# its two ends, dated, at every size.
for size in 640x480 800x600 1200x675 2000x1500; do
  "$incmap" render "$data/sudan-2024.json" --size $size -o "$tmp/sudan.png" \
    --dump-layout "$tmp/sudan.json" 2>"$tmp/sudan.err" || { echo "FAIL: render sudan $size"; exit 1; }
  ticks "$tmp/sudan.json" >"$tmp/sudan.ticks"
  n=$(grep -cE '(Jan|Apr|Jul|Oct|Dec) 2024$' "$tmp/sudan.ticks")
  if [ "$n" -lt 2 ]; then
    echo "FAIL: sudan-2024 at $size: fewer than two dated ticks on its colour bar:"; cat "$tmp/sudan.ticks"; status=1
  fi
done
[ $status = 0 ] && echo "ok: colour bar ticks $(tr '\n' ' ' <"$tmp/png.ticks")"
exit $status
