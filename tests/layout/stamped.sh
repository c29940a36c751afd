#!/bin/bash
# stamped.sh INCMAP TESTS TMP
# Past 2,000 markers they are drawn as stamps (symbol.c): the map must say
# the same as below. 1,998 and 2,002 incidents (make_stamped.py) rendered
# as SVG (and PNG, which stamps by pixels) show the same leaders, site dots,
# dashed edges and legend note (stamped.py).
set -u
incmap=$1 tests=$2 tmp=$3/stamped
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 0; }
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
# Under ASan, full stacks so that tests/lsan.supp can name the Cairo SVG
# snapshot leak of the stamps by the function (Cairo has no frame pointers).
[ -n "${ASAN_OPTIONS:-}" ] && export ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0"
status=0
for n in 1998 2002; do
  python3 "$tests/layout/make_stamped.py" "$n" "$tmp/in-$n.json" || exit 1
  for fmt in svg png; do
    "$incmap" render "$tmp/in-$n.json" --density none -o "$tmp/map-$n.$fmt" \
      --dump-layout "$tmp/$n-$fmt.json" 2>"$tmp/$n-$fmt.err" ||
      { echo "FAIL: render $n $fmt: $(cat "$tmp/$n-$fmt.err")"; exit 1; }
  done
  python3 "$tests/layout/stamped.py" "$tmp/map-$n.svg" "$tmp/$n-svg.json" "$n" || status=1
  cmp -s "$tmp/$n-svg.json" "$tmp/$n-png.json" ||
    { echo "FAIL: $n incidents: the PNG's placement differs from the SVG's"; status=1; }
done
exit $status
