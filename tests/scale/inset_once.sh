#!/usr/bin/env bash
# The locator inset's "world" basemap is read once, on a helper, from the
# page's first view (src/render.c, src/inset.c): the frame drawn in the
# end is smaller than the page, so its inset is too, but the region is the
# same and the basemap read ahead holds its view. strace counts the reads of
# world/manifest.json (the reader opens with O_NOCTTY): one per render, at
# three sizes and with one thread (read then, on the caller's thread, for
# the final inset). Needs strace (Debian's, as CI has); without it, skipped.
# usage: inset_once.sh INCMAP SAMPLE.json TMPDIR
set -euo pipefail
incmap=$1 sample=$2 tmp=$3/scale-inset-once
rm -rf "$tmp" && mkdir -p "$tmp"
fail() { echo "FAIL: $*"; exit 1; }
if ! command -v strace >/dev/null || ! strace -f -e trace=none true 2>/dev/null; then
  echo "SKIP: no usable strace"; exit 0
fi
n=0
for run in "2 2000x1500" "2 1200x675" "2 4000x3000" "1 2000x1500"; do
  read -r threads size <<< "$run"
  n=$((n + 1))
  # LeakSanitizer cannot run under ptrace: off for the traced run (ASan builds)
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" INCMAP_THREADS=$threads \
    strace -f -e trace=openat -o "$tmp/trace$n" "$incmap" render "$sample" \
    --size "$size" -o "$tmp/map$n.png" --dump-layout "$tmp/map$n.json" ||
    fail "render at $size failed"
  grep -q '"kind": *"inset"' "$tmp/map$n.json" || fail "$size: the map has no inset"
  reads=$(grep -c 'world/manifest.json", O_RDONLY|O_NOCTTY' "$tmp/trace$n" || true)
  [ "$reads" -eq 1 ] || fail "$size, $threads thread(s): world/manifest.json read $reads times"
  echo "ok: $size on $threads thread(s): the world basemap read once"
done
cmp -s "$tmp/map1.png" "$tmp/map4.png" || fail "2000x1500: the PNG differs between 1 and 2 threads"
