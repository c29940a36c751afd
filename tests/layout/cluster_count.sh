#!/bin/bash
# cluster_count.sh INCMAP DATA_RENDER TMP
# Cluster symbols' counts are legible under every theme (under dark the
# count was white on a white disc): cluster_count.py on each PNG.
set -u
incmap=$1 data=$2 tmp=$3/cluster-count
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
status=0
for theme in light dark print; do
  "$incmap" render "$data/yemen.json" --size 640x480 --theme $theme -o "$tmp/$theme.png" \
    --dump-layout "$tmp/$theme.json" 2>"$tmp/$theme.err" || { echo "FAIL: render $theme: $(cat "$tmp/$theme.err")"; exit 1; }
  python3 "$here/cluster_count.py" "$tmp/$theme.png" "$tmp/$theme.json" || status=1
done
exit $status
