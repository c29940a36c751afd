#!/usr/bin/env bash
# scale.sh - the memory and time curve of one map over growing inputs (issue 21).
#
# usage: tests/bench/scale.sh [--sizes N,N,...] [--formats csv,json] [--modes density,markers]
#                             [--incmap PATH] [--dir DIR] [--keep]
#
#   --sizes     incident counts (default 10000,100000,1000000,10000000; the last
#               writes ~0.7 GB of CSV and ~1.2 GB of JSON first)
#   --formats   input formats rendered (default csv,json)
#   --modes     density: the default map (hexagon density past 20,000 markers);
#               markers: --density none, one marker per incident (default both)
#   --incmap    the program (default $INCMAP_BIN, else build/incmap)
#   --dir       where the inputs are written (default a new temporary folder,
#               removed at the end unless --keep)
#
# Each (size, format, mode) is rendered once, same frame as bench.sh (Mercator,
# --bbox 38,29,49,38, 2000x1600 PNG), under /usr/bin/time: wall and CPU seconds,
# peak resident memory, and the memory each incident adds over the previous
# size (bytes; a linear curve keeps it flat). Prints a table (Markdown) with
# the load average before and after. Never asserts on time or memory: it fails
# only when a render fails or a tool is missing. CI runs it at a tiny size.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
sizes=10000,100000,1000000,10000000 formats=csv,json modes=density,markers
incmap=${INCMAP_BIN:-$repo/build/incmap} dir= keep=0
while [ $# -gt 0 ]; do
    case $1 in
        --sizes) sizes=${2:?}; shift ;;
        --formats) formats=${2:?}; shift ;;
        --modes) modes=${2:?}; shift ;;
        --incmap) incmap=${2:?}; shift ;;
        --dir) dir=${2:?}; shift ;;
        --keep) keep=1 ;;
        -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "scale.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[ -x "$incmap" ] || { echo "scale.sh: no program at $incmap (build first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "scale.sh: needs /usr/bin/time (Debian package time)" >&2; exit 2; }
py=$(command -v python3) || { echo "scale.sh: needs python3" >&2; exit 2; }
if [ -z "$dir" ]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/incmap-scale.XXXXXX")
    [ "$keep" = 1 ] || trap 'rm -rf "$dir"' EXIT
fi
mkdir -p "$dir"
IFS=, read -r -a size_list <<< "$sizes"
IFS=, read -r -a format_list <<< "$formats"
IFS=, read -r -a mode_list <<< "$modes"

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo NA; }
load_before=$(load)
rows=()
failed=0
declare -A prev_n prev_rss
for n in "${size_list[@]}"; do
    need=()
    for f in "${format_list[@]}"; do
        [ -s "$dir/incidents-$n.$f" ] || need+=("$f")
    done
    if [ ${#need[@]} -gt 0 ]; then
        echo "generating $n incidents (${need[*]})" >&2
        "$py" "$here/gen_incidents.py" "$n" "$dir" --formats "$(IFS=,; echo "${need[*]}")"
    fi
    for f in "${format_list[@]}"; do
        for m in "${mode_list[@]}"; do
            extra=()
            [ "$m" = markers ] && extra=(--density none)
            out="$dir/map-$n-$f-$m.png"
            rm -f "$out" "$dir/time.txt"
            status=ok
            if ! /usr/bin/time -f '%e %U %S %M' -o "$dir/time.txt" "$incmap" -q render \
                "$dir/incidents-$n.$f" --crs EPSG:3395 --bbox 38,29,49,38 --size 2000x1600 \
                "${extra[@]}" -o "$out" 2> "$dir/log-$n-$f-$m.txt" || [ ! -s "$out" ]; then
                status=failed
                failed=1
                sed 's/^/    /' "$dir/log-$n-$f-$m.txt" >&2
            fi
            read -r wall u s rss < <(tail -n 1 "$dir/time.txt")
            key="$f-$m"
            per=-
            if [ -n "${prev_n[$key]:-}" ] && [ "$n" -gt "${prev_n[$key]}" ]; then
                per=$(awk -v a="${prev_rss[$key]}" -v b="$rss" -v na="${prev_n[$key]}" -v nb="$n" \
                      'BEGIN { printf "%.0f", (b - a) * 1024 / (nb - na) }')
            fi
            prev_n[$key]=$n
            prev_rss[$key]=$rss
            row=$(awk -v n="$n" -v f="$f" -v m="$m" -v w="$wall" -v u="$u" -v s="$s" \
                      -v r="$rss" -v p="$per" -v st="$status" 'BEGIN {
                printf "| %\047d | %s | %s | %.2f | %.2f | %.0f | %s | %s |", n, f, m, w, u + s,
                       r / 1024, p, st }')
            rows+=("$row")
            echo "$row" >&2
        done
    done
    rm -f "$dir"/map-"$n"-*.png
done

echo "incmap scale curve: $("$incmap" --version 2>/dev/null | head -n 1)"
echo "load average before: $load_before; after: $(load); $(nproc) cores"
echo
echo "| incidents | input | map | wall s | CPU s | peak RSS MB | bytes/incident added | status |"
echo "|---:|---|---|---:|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
exit "$failed"
