#!/bin/bash
# run.sh INCMAP LAYOUT_CHECK DATA TESTS TMP NAME INPUT CREDIT [ARGS...]
# Render INPUT as PNG, SVG and PDF with the same options, dumping the
# placement of each; check the PNG's dump (layout_check) and that the three
# dumps are identical (one placement, three surfaces); and that the SVG's
# words are <text> elements at the placed positions.
set -u
incmap=$1 check=$2 data=$3 tests=$4 tmp=$5 name=$6 input=$7 credit=$8
shift 8
set -- "${@//\~/ }" # "~" in an option stands for a space
credit=${credit//\~/ }
case $input in
  sample) input=$data/iraq-2021.json ;;
  *) input=$tests/data/render/$input ;;
esac
dir=$tmp/layout-$name
rm -rf "$dir" && mkdir -p "$dir" || exit 1
status=0
for fmt in png svg pdf; do
  if ! "$incmap" render "$input" "$@" -o "$dir/map.$fmt" --dump-layout "$dir/$fmt.json" \
      2>"$dir/$fmt.err"; then
    echo "FAIL: render $fmt: $(cat "$dir/$fmt.err")"
    exit 1
  fi
  [ -s "$dir/map.$fmt" ] || { echo "FAIL: no $fmt written"; exit 1; }
done
file "$dir/map.png" | grep -q "PNG image" || { echo "FAIL: not a PNG"; status=1; }
head -c 5 "$dir/map.pdf" | grep -q "%PDF-" || { echo "FAIL: not a PDF"; status=1; }
grep -q "<svg" "$dir/map.svg" || { echo "FAIL: not an SVG"; status=1; }
grep -q "<title>..*</title>" "$dir/map.svg" && grep -q "<desc>.*incidents* (.*from .* to " \
  "$dir/map.svg" || { echo "FAIL: the SVG lacks its <title> or a <desc> saying what and when"; status=1; }
"$check" "$dir/png.json" "$credit" || status=1
# The SVG's words are <text> where the placement put them (svg_text.py).
if command -v python3 >/dev/null; then
  python3 "$tests/layout/svg_text.py" "$dir/map.svg" "$dir/svg.json" --group basemap \
    --group markers --group labels --group title || status=1
fi
for fmt in svg pdf; do
  if ! cmp -s "$dir/png.json" "$dir/$fmt.json"; then
    echo "FAIL: the $fmt placement differs from the png one:"
    diff "$dir/png.json" "$dir/$fmt.json" | head -20
    status=1
  fi
done
exit $status
