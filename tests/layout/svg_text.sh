#!/bin/bash
# svg_text.sh INCMAP DATA TMP - the words of an SVG map are <text> (title,
# legend, site and place names, country names, Arabic right to left) in
# named groups, where the placement put them, and look like the glyph
# outlines of --svg-text paths.
set -u
incmap=$1 data=$2 tmp=$3
here=$(dirname "$0")
dir=$tmp/svg-text
rm -rf "$dir" && mkdir -p "$dir" || exit 1
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
status=0
in=$data/iraq-2021.json
"$incmap" render "$in" -o "$dir/map.svg" --dump-layout "$dir/map.json" || exit 1
python3 "$here/svg_text.py" "$dir/map.svg" "$dir/map.json" \
  --group basemap --group incidents --group markers --group legend --group labels \
  --group site-labels --group place-labels --group names --group title --group credits \
  --text-in "title:Attacks on US sites in Iraq and Syria, 2019–2021" \
  --text-in "title:40 incidents, 19 May 2019 – 8 July 2021" \
  --text-in "legend:Attack type" --text-in legend:Rocket --text-in legend:Drone \
  --text-in legend:Missile --text-in legend:30 \
  --text-in "site-labels:US Embassy Baghdad (Green Zone)" \
  --text-in "site-labels:Ain al-Asad Air Base" \
  --text-in "site-labels:Baghdad International Airport / Victory Base" \
  --text-in place-labels:Mosul --rtl الموصل \
  --text-in names:IRAQ --text-in names:SYRIA --rtl العراق --text-in names:Tigris \
  --text-in names:Euphrates --text "Lake Tharthar" \
  --text-in "furniture:100 km" --text-in furniture:N \
  || status=1
grep -q "<symbol overflow=\"visible\" id=\"glyph" "$dir/map.svg" &&
  { echo "FAIL: glyph outlines in a map drawn with <text>"; status=1; }

# An Arabic title runs right to left; facets keep their ids unique.
"$incmap" render "$in" -o "$dir/ar.svg" --facet weapon --labels ar \
  --title "هجمات على المواقع الأمريكية في العراق وسوريا" || exit 1
python3 "$here/svg_text.py" "$dir/ar.svg" --rtl "هجمات على المواقع الأمريكية في العراق وسوريا" \
  --group basemap --group basemap-2 --group legend --rtl "العراق" || status=1

# --svg-text paths: outlines only, as before.
"$incmap" render "$in" -o "$dir/paths.svg" --svg-text paths || exit 1
python3 "$here/svg_text.py" "$dir/paths.svg" --no-text || status=1
grep -q "<symbol overflow=\"visible\" id=\"glyph" "$dir/paths.svg" ||
  { echo "FAIL: --svg-text paths has no glyph outlines"; status=1; }
"$incmap" render "$in" -o "$dir/bad.svg" --svg-text words 2>"$dir/bad.err"
rc=$?
[ $rc = 2 ] && grep -q "svg-text" "$dir/bad.err" && [ ! -e "$dir/bad.svg" ] ||
  { echo "FAIL: --svg-text words: exit $rc, $(cat "$dir/bad.err")"; status=1; }

# The same look as the outlines (another rasteriser's hinting forgiven).
if command -v rsvg-convert >/dev/null; then
  rsvg-convert -w 1000 "$dir/map.svg" -o "$dir/text.png" &&
    rsvg-convert -w 1000 "$dir/paths.svg" -o "$dir/paths.png" || exit 1
  python3 "$here/png_diff.py" "$dir/text.png" "$dir/paths.png" 7 || status=1
else
  echo "note: no rsvg-convert, the look is not compared"
fi
exit $status
