#!/usr/bin/env bash
# Update the golden images from the last run of unit/render: copies every
# BUILD/tests/tmp/NAME.out.png whose pixels differ from tests/golden/NAME.png
# over it and lists what changed. Look at the .out.png and .diff.png files
# first; the test itself never writes references.
# Usage: tests/update-goldens.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
tmp="$build/tests/tmp"
[ -x "$build/tests/test_render" ] || { echo "no $build/tests/test_render: build first" >&2; exit 2; }
INCMAP_BASEMAPS="$PWD/basemaps" "$build/tests/test_render" "$PWD/tests/data" "$tmp" "$PWD" || true
changed=0
for out in "$tmp"/*.out.png; do
  name="$(basename "$out" .out.png)"
  ref="tests/golden/$name.png"
  case "$name" in det-*|keep*) continue;; esac
  if [ ! -f "$ref" ] || ! "$build/tests/imgdiff" "$out" "$ref" 0 0 >/dev/null 2>&1; then
    cp "$out" "$ref"
    echo "updated $ref"
    changed=$((changed + 1))
  fi
done
echo "$changed reference(s) updated; review with git diff --stat tests/golden"
