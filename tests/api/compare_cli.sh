#!/usr/bin/env bash
# Compare two incmap binaries on render options: the message and exit code
# of every bad-option case below, and the bytes of a few good renders.
# Used to check that moving the option table into the library
# (src/options_table.c) changed nothing the CLI prints or draws:
#   bash tests/api/compare_cli.sh OLD_INCMAP NEW_INCMAP tests/data/render/four-sites.json
# Not a ctest (it needs a second build); prints the cases that differ.
set -uo pipefail
old=$1 new=$2 in=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 diff=0
run() { "$1" render "$in" -o "$tmp/out.png" --format png --basemap none "${@:2}" 2>&1 >/dev/null; echo "rc=$?"; }
layers=()
for i in $(seq 1 65); do layers+=(--layer "x$i.geojson"); done
while IFS= read -r line; do
  [ -z "$line" ] && continue
  eval "args=($line)"
  [ "$line" = LAYERS ] && args=("${layers[@]}")
  o=$(run "$old" "${args[@]}"); rm -f "$tmp/out.png"
  w=$(run "$new" "${args[@]}"); rm -f "$tmp/out.png"
  n=$((n + 1))
  if [ "$o" != "$w" ]; then
    diff=$((diff + 1)); printf 'DIFF: %s\n old: %s\n new: %s\n' "$line" "$o" "$w"
  fi
done <<'CASES'
--format gif
--format svg --format gif
--bbox 1,2,3
--bbox a,b,c,d
--bbox 200,0,10,10
--bbox 10,10,10,20
--bbox 10,20,30,10
--crs EPSG:999999
--size 12x12
--size 800
--size 800x600x
--dpi 0
--dpi abc
--dpi ''
--png-level 10
--png-level ''
--world-file=yes
--layer
--labels xx
--color-by ''
--color-by aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
--from 2021-13-45
--to nope
--last P0D
--last xx
--now nope
--now nope --last P7D
--last P7D --from 2021-01-01
--weapon ,,,
--weapon ''
--no-legend=1
--legend-pos middle
--scale-bar-pos x
--north-arrow-pos x
--inset-pos x
--units furlong
--stack xx
--stack-threshold 1
--stack-threshold ''
--stack-threshold 5x
--timeline=1
--facet week
--density dots
--page b9
--page a4 --size 800x600
--size 800x600 --page a4
--svg-text xx
--facet-empty xx
--skip-invalid=1
--dedupe name
--preset xx
--date-format ''
--date-order xyz
--field nonsense
--animate none --frame-ms 0
--animate year
--frame-ms 70000
--frame-ms abc
--size-by ''
--highlight ''
--nosuch
--size-by bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
--dpi 300 --size 800x600 --format svg --size 10x10
--title
LAYERS
CASES
same=0 good=0
while IFS= read -r line; do
  eval "args=($line)"
  "$old" render "$in" -o "$tmp/a.png" --format png --basemap none "${args[@]}" 2>/dev/null
  "$new" render "$in" -o "$tmp/b.png" --format png --basemap none "${args[@]}" 2>/dev/null
  good=$((good + 1))
  if [ -s "$tmp/a.png" ] && cmp -s "$tmp/a.png" "$tmp/b.png"; then same=$((same + 1)); else echo "DIFF (bytes): $line"; fi
  rm -f "$tmp/a.png" "$tmp/b.png"
done <<'GOOD'
--size 800x600 --title T --subtitle S --source src --no-legend --legend-pos tl
--dpi 50 --units mi --stack cluster --stack-threshold 3 --timeline --no-graticule --no-inset
--page a5 --dpi 40 --facet month --facet-empty drop --labels en --color-by date
--size 700x500 --last P2Y --now 2021-07-09 --density hex --weapon rocket,drone --scale-bar-pos br --north-arrow-pos bl --inset-pos tr
--size 600x400 --format svg --svg-text paths --no-site-labels --no-uncertainty --no-scale-bar --no-north-arrow --locale fr --png-level 1
--size 640x480 --bbox 30,25,50,40 --crs EPSG:3857 --from 2020-01 --to 2021 --size-by casualties --highlight latest
GOOD
echo "$n bad-option cases, $diff differ; $good renders, $same byte-identical"
[ "$diff" -eq 0 ] && [ "$same" -eq "$good" ]
