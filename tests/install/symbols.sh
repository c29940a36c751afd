#!/usr/bin/env bash
# libincmap.so exports exactly the functions incmap.h declares with IM_API:
# nothing internal (built with -fvisibility=hidden), nothing public missing.
# Usage: symbols.sh LIBINCMAP_SO INCMAP_H
set -euo pipefail
so=$1 header=$2
fail() { echo "FAIL: $*"; exit 1; }
exported=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TtWiDdBbRr]$/ {print $3}' | sed 's/@.*//' |
  grep -vxE '__bss_start|_edata|_end' | sort -u) # the linker's own markers, in any .so with data
# Every function incmap.h declares at the start of a line (outside typedefs).
declared=$(grep -v '^typedef' "$header" | sed -n 's/^\(IM_API \)\{0,1\}\(IM_NODISCARD \)\{0,1\}[a-z][^(=]*[ *]\(im_[a-z0-9_]*\)(.*/\3/p' | sort -u)
[ -n "$declared" ] || fail "no function declarations found in $header"
unmarked=$(grep -v '^typedef' "$header" | grep -v '^IM_API ' | sed -n 's/^\(IM_NODISCARD \)\{0,1\}[a-z][^(=]*[ *]\(im_[a-z0-9_]*\)(.*/\2/p')
[ -z "$unmarked" ] || fail "declared in incmap.h without IM_API: $(echo $unmarked)"
extra=$(comm -23 <(echo "$exported") <(echo "$declared"))
missing=$(comm -13 <(echo "$exported") <(echo "$declared"))
[ -z "$extra" ] || fail "exported but not public (mark it static, or declare it in incmap.h): $(echo $extra)"
[ -z "$missing" ] || fail "public but not exported (IM_API missing or not defined): $(echo $missing)"
echo "ok: $(echo "$exported" | wc -l) symbols exported, all declared IM_API in incmap.h"
