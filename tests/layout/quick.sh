#!/bin/bash
# quick.sh INCMAP LAYOUT_CHECK DATA TESTS TMP NAME INPUT CREDIT [ARGS...]
# The layout battery's placement checks (layout_check.c) on one PNG render,
# without the SVG and PDF renders of run.sh: fast enough for the fast label,
# so the mutation check (tests/mutate.py) sees placement break. INPUT
# "sample" is data/iraq-2021.json, else a file in tests/data/render/; "~" in
# an option is a space.
set -u
incmap=$1 check=$2 data=$3 tests=$4 tmp=$5 name=$6 input=$7 credit=$8
shift 8
set -- "${@//\~/ }"
credit=${credit//\~/ }
case $input in
  sample) input=$data/iraq-2021.json ;;
  *) input=$tests/data/render/$input ;;
esac
dir=$tmp/layout-quick-$name
rm -rf "$dir" && mkdir -p "$dir" || exit 1
"$incmap" render "$input" "$@" -o "$dir/map.png" --dump-layout "$dir/png.json" 2>"$dir/err" ||
  { echo "FAIL: render: $(cat "$dir/err")"; exit 1; }
file "$dir/map.png" | grep -q "PNG image" || { echo "FAIL: not a PNG"; exit 1; }
"$check" "$dir/png.json" "$credit"
