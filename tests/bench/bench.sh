#!/usr/bin/env bash
# incmap benchmark (issue 8): the same Iraq map with incmap and, when installed, GMT and Cartopy.
#
#   bash tests/bench/bench.sh [--quick] [--out DIR] [--incmap PATH] [--runs N]
#                             [--no-anchors] [--timeout SEC] [--keep] [--scale N]
#                             [--cases LIST] [--no-batch]
#
#   --quick        N = 20 and N = 1000 (PNG), one run each, and the 4-job batch over
#                  1,000 incidents; what CI runs. Never asserts on time.
#   --out DIR      where bench-results.md/.json and the logs go (default: output/bench)
#   --incmap PATH  the binary to measure (default: $INCMAP_BIN, else build/incmap)
#   --runs N       force N timed runs per tool and case (default 5 for N=20, 3 above)
#   --no-anchors   measure incmap only, even when gmt or cartopy are installed
#   --timeout SEC  give up on one run after SEC seconds (default 1200)
#   --keep         keep the generated data and the maps in DIR/tmp
#   --install-anchors  first install the anchors from Debian (apt-get install gmt gmt-gshhg
#                  ghostscript python3-cartopy; needs root; ~150 MB, not in CI's .ci/deps)
#   --scale N      the memory curve: CSV renders at 1e4, 1e5, ... up to N incidents
#                  (default 1000000 in a full run, none with --quick; 10000000 for the
#                  issue's 1e7 point: ~1 GB of CSV is generated first)
#   --cases LIST   only these cases, comma-separated (png-20,png-100k,png-1M,svg-100k,pdf-1M)
#   --no-batch     leave out the 4-job batch
#
# Environment: INCMAP_BASEMAPS (the folder holding middle-east/, default basemaps/ of this
# repository), ANCHOR_PYTHON (the Python with cartopy, default /usr/bin/python3).
# Needs python3 and GNU time (/usr/bin/time) for peak memory; a C compiler and libpng's
# pkg-config file for the PNG floor (optional). See tests/bench/README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

quick=0 out="$repo/output/bench" incmap="${INCMAP_BIN:-$repo/build/incmap}" runs_forced=0
anchors=1 timeout_s=1200 keep=0 scale_max= install_anchors=0 only_cases= batch=1
while [ $# -gt 0 ]; do
    case $1 in
        --quick) quick=1 ;;
        --out) out=${2:?--out needs a folder}; shift ;;
        --out=*) out=${1#--out=} ;;
        --incmap) incmap=${2:?--incmap needs a path}; shift ;;
        --incmap=*) incmap=${1#--incmap=} ;;
        --runs) runs_forced=${2:?--runs needs a number}; shift ;;
        --no-anchors) anchors=0 ;;
        --timeout) timeout_s=${2:?--timeout needs seconds}; shift ;;
        --keep) keep=1 ;;
        --install-anchors) install_anchors=1 ;;
        --scale) scale_max=${2:?--scale needs a number}; shift ;;
        --scale=*) scale_max=${1#--scale=} ;;
        --cases) only_cases=${2:?--cases needs a list}; shift ;;
        --cases=*) only_cases=${1#--cases=} ;;
        --no-batch) batch=0 ;;
        -h|--help) sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

die() { echo "bench.sh: $*" >&2; exit 1; }
[ -x "$incmap" ] || die "no incmap binary at $incmap (build it, or pass --incmap PATH)"
incmap=$(cd "$(dirname "$incmap")" && pwd)/$(basename "$incmap")
command -v python3 >/dev/null || die "python3 is needed for the data generator and the report"
export INCMAP_BASEMAPS="${INCMAP_BASEMAPS:-$repo/basemaps}"
basemap="$INCMAP_BASEMAPS/middle-east"
[ -f "$basemap/manifest.json" ] ||
    die "no basemap at $basemap (build it: /usr/bin/python3 basemaps/build-middle-east.py, or set INCMAP_BASEMAPS)"

mkdir -p "$out"
out=$(cd "$out" && pwd)
tmp="$out/tmp"
rm -rf "$tmp"
mkdir -p "$tmp/data" "$tmp/maps" "$tmp/work"
cleanup() {
    local rc=$?
    if [ "$keep" = 1 ]; then
        echo "bench.sh: kept $tmp"
    else
        rm -rf "$tmp"
    fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

gen="$here/gen_incidents.py"   # N OUTDIR -> OUTDIR/incidents-N.{json,geojson,csv}
[ -f "$gen" ] || die "missing $gen (the synthetic-data generator)"
samples="$out/samples.tsv"
printf 'case\tn\tformat\ttool\trun\twall_s\tcpu_s\trss_kb\tbytes\tstatus\n' > "$samples"

have_time=0
if [ -x /usr/bin/time ] && /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then have_time=1; fi
have_timeout=0
command -v timeout >/dev/null && have_timeout=1

# --- anchors: detected; installed only when asked (--install-anchors) ------------------
if [ "$install_anchors" = 1 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
            gmt gmt-gshhg ghostscript python3-cartopy >"$out/install-anchors.log" 2>&1 ||
            echo "bench.sh: installing the anchors failed (see $out/install-anchors.log)"
    else
        echo "bench.sh: --install-anchors needs root and apt-get; anchors left as they are"
    fi
fi
gmt_ok=0 cartopy_ok=0 gmt_ver="" cartopy_ver=""
anchor_py=${ANCHOR_PYTHON:-/usr/bin/python3}
if [ "$anchors" = 1 ]; then
    if command -v gmt >/dev/null && command -v gs >/dev/null && gmt_ver=$(gmt --version 2>/dev/null) &&
        gmt pscoast -R38/49/29/38 -JM1i -Di -W -N1 -Ir >/dev/null 2>&1; then
        gmt_ok=1
    else
        echo "bench.sh: GMT anchor skipped (needs gmt 6, gmt-gshhg and Ghostscript for PNG: apt-get install gmt gmt-gshhg ghostscript)"
    fi
    if [ -x "$anchor_py" ] && cartopy_ver=$("$anchor_py" -c \
        'import cartopy, matplotlib, shapely; print(cartopy.__version__)' 2>/dev/null); then
        cartopy_ok=1
    else
        echo "bench.sh: Cartopy anchor skipped (needs $anchor_py with python3-cartopy)"
    fi
fi

# --- the PNG floor helper ------------------------------------------------------------
floor_bin=""
if command -v cc >/dev/null && pkg-config --exists libpng 2>/dev/null; then
    # shellcheck disable=SC2046
    if cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L "$here/png_floor.c" \
        $(pkg-config --cflags --libs libpng) -o "$tmp/png_floor" 2>"$tmp/png_floor.log"; then
        floor_bin="$tmp/png_floor"
    fi
fi
[ -n "$floor_bin" ] || echo "bench.sh: no C compiler or libpng headers: the encode floor falls back to an empty render"

# --- cases ---------------------------------------------------------------------------
# name N format runs tools
if [ "$quick" = 1 ]; then
    cases=("png-20 20 png 1 incmap,gmt,cartopy"
           "png-1k 1000 png 1 incmap,gmt,cartopy")
else
    # GMT has no SVG writer; the issue compares the PDF with GMT only.
    cases=("png-20 20 png 5 incmap,gmt,cartopy"
           "png-100k 100000 png 3 incmap,gmt,cartopy"
           "png-1M 1000000 png 3 incmap,gmt,cartopy"
           "svg-100k 100000 svg 3 incmap,cartopy"
           "pdf-1M 1000000 pdf 3 incmap,gmt")
fi
if [ -n "$only_cases" ]; then
    kept=()
    for spec in "${cases[@]}"; do
        case ",$only_cases," in *",${spec%% *},"*) kept+=("$spec") ;; esac
    done
    [ ${#kept[@]} -gt 0 ] || { echo "bench.sh: --cases $only_cases: no such case" >&2; exit 2; }
    cases=("${kept[@]}")
fi

# shellcheck disable=SC2054  # the commas are part of --bbox
render_args=(--crs EPSG:3395 --bbox 38,29,49,38 --size 2000x1600 --dpi 200 --color-by weapon --density none)

# run_timed CASE N FORMAT TOOL RUN OUTFILE -- COMMAND...
# Appends one line to $samples: wall-clock seconds (date, ns), CPU seconds (user+sys of the
# whole process tree) and peak RSS of the largest process (GNU time), output bytes.
run_timed() {
    local case=$1 n=$2 fmt=$3 tool=$4 run=$5 outfile=$6
    shift 7
    local tf="$tmp/time.txt" log="$out/logs/$case.$tool.$run.log" status=ok
    local -a pre=()
    if [ "$have_time" = 1 ]; then pre=(/usr/bin/time -f '%M %U %S' -o "$tf"); fi
    if [ "$have_timeout" = 1 ]; then pre+=(timeout "$timeout_s"); fi
    rm -f "$outfile" "$tf"
    local t0 t1
    t0=$(date +%s%N)
    if ! "${pre[@]}" "$@" >"$log" 2>&1; then status=failed; fi
    t1=$(date +%s%N)
    local wall rss=NA cpu=NA bytes=NA
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
    if [ "$have_time" = 1 ] && [ -s "$tf" ]; then
        read -r rss u s < <(tail -n 1 "$tf") || true
        cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    fi
    if [ "$status" = ok ] && [ -s "$outfile" ]; then
        bytes=$(wc -c < "$outfile" | tr -d ' ')
    else
        status=failed
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$n" "$fmt" "$tool" "$run" \
        "$wall" "$cpu" "$rss" "$bytes" "$status" >> "$samples"
    printf '  %-9s %-8s run %d: %8ss  cpu %6ss  %8s KB  %10s bytes  %s\n' \
        "$case" "$tool" "$run" "$wall" "$cpu" "$rss" "$bytes" "$status"
}

mkdir -p "$out/logs"
{
    echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo NA)"
    # the source state when the bench started (the binary may have been built from it)
    echo "git=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo NA)$(git -C "$repo" diff --quiet HEAD 2>/dev/null || echo ' (uncommitted changes)')"
} > "$out/machine.env"

echo "incmap benchmark: $incmap"
echo "  basemap $basemap; anchors: gmt=$gmt_ok${gmt_ver:+ ($gmt_ver)} cartopy=$cartopy_ok${cartopy_ver:+ ($cartopy_ver)}"

# untimed warm-up: page cache, font cache, PROJ database
"$incmap" render "$repo/data/iraq-2021.json" "${render_args[@]}" -o "$tmp/maps/warmup.png" \
    >/dev/null 2>&1 || die "incmap cannot render the sample data (see: $incmap render $repo/data/iraq-2021.json -o x.png)"

for spec in "${cases[@]}"; do
    read -r case n fmt runs tools <<< "$spec"
    [ "$runs_forced" -gt 0 ] && runs=$runs_forced
    data="$tmp/data/incidents-$n.json"
    if [ ! -s "$data" ]; then
        echo "generating $n incidents"
        python3 "$gen" "$n" "$tmp/data" --formats json
    fi
    [ -s "$data" ] || die "the generator did not write $data"
    active=()
    for tool in ${tools//,/ }; do
        case $tool in
            gmt) [ "$gmt_ok" = 1 ] && active+=(gmt) ;;
            cartopy) [ "$cartopy_ok" = 1 ] && active+=(cartopy) ;;
            *) active+=("$tool") ;;
        esac
    done
    echo "case $case: N=$n $fmt, $runs run(s) of ${active[*]}"
    for ((r = 1; r <= runs; r++)); do
        for tool in "${active[@]}"; do   # alternate: A B C A B C ...
            o="$tmp/maps/$case.$tool.$fmt"
            case $tool in
                incmap) run_timed "$case" "$n" "$fmt" incmap "$r" "$o" -- \
                            "$incmap" render "$data" "${render_args[@]}" -o "$o" ;;
                gmt) run_timed "$case" "$n" "$fmt" gmt "$r" "$o" -- \
                            bash "$here/anchor_gmt.sh" "$data" "$o" "$tmp/work/gmt" ;;
                cartopy) run_timed "$case" "$n" "$fmt" cartopy "$r" "$o" -- \
                            "$anchor_py" "$here/anchor_cartopy.py" "$data" "$o" "$basemap" ;;
            esac
        done
    done
    # The floor (PNG cases): parsing the same input alone, plus encoding a PNG of the same
    # size and content as incmap's map.
    if [ "$fmt" = png ]; then
        for ((r = 1; r <= runs; r++)); do
            # shellcheck disable=SC2016  # expanded by the inner bash
            run_timed "$case" "$n" "$fmt" parse "$r" "$tmp/maps/$case.info.txt" -- \
                bash -c '"$1" info "$2" > "$3"' _ "$incmap" "$data" "$tmp/maps/$case.info.txt"
        done
        map="$tmp/maps/$case.incmap.png"
        if [ -s "$map" ] && [ -n "$floor_bin" ]; then
            read -r ew ec < <("$floor_bin" "$map" "$runs" 6) || { ew=NA; ec=NA; }
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$n" "$fmt" encode 1 \
                "$ew" "$ec" NA NA ok >> "$samples"
            echo "  $case encode    libpng level 6 of the same image: ${ew}s (cpu ${ec}s)"
        else
            printf '{"incidents": []}\n' > "$tmp/data/empty.json"
            for ((r = 1; r <= runs; r++)); do
                run_timed "$case" "$n" "$fmt" encode "$r" "$tmp/maps/$case.empty.png" -- \
                    "$incmap" render "$tmp/data/empty.json" "${render_args[@]}" --basemap none \
                    -o "$tmp/maps/$case.empty.png"
            done
        fi
    fi
done

# --- the nightly batch: 4 jobs over one archive, one shared load vs one load per job ----
# (issue 21) The same manifest run both ways, alternating; the maps must be identical.
if [ "$batch" = 1 ]; then
if [ "$quick" = 1 ]; then bn=1000 bruns=1; else bn=1000000 bruns=3; fi
[ "$runs_forced" -gt 0 ] && bruns=$runs_forced
bcase="batch4-$( [ "$bn" = 1000 ] && echo 1k || echo 1M )"
bdata="$tmp/data/incidents-$bn.json"
if [ ! -s "$bdata" ]; then
    echo "generating $bn incidents"
    python3 "$gen" "$bn" "$tmp/data" --formats json
fi
mkdir -p "$tmp/batch"
cat > "$tmp/batch/manifest.json" <<JSON
{
  "output_root": "out",
  "defaults": {"inputs": ["$bdata"], "output": "{name}.png", "crs": "EPSG:3395",
               "bbox": "38,29,49,38", "size": "2000x1600"},
  "jobs": [
    {"name": "all"},
    {"name": "rockets", "weapon": "rocket"},
    {"name": "summer-2020", "from": "2020-06-01", "to": "2020-08-31"},
    {"name": "by-year", "facet": "year"}
  ]
}
JSON
echo "case $bcase: 4 jobs over $bn incidents, $bruns run(s) each way (--jobs 2)"
for ((r = 1; r <= bruns; r++)); do
    for mode in batch-shared batch-per-job; do
        extra=()
        [ "$mode" = batch-per-job ] && extra=(--load-per-job)
        run_timed "$bcase" "$bn" png "$mode" "$r" "$tmp/batch/$mode/by-year.png" -- \
            "$incmap" batch "$tmp/batch/manifest.json" --now 2021-07-31 --force --jobs 2 \
            --output-root "$tmp/batch/$mode" "${extra[@]}"
    done
done
if ! diff -r --exclude='.incmap-*' "$tmp/batch/batch-shared" "$tmp/batch/batch-per-job" >/dev/null; then
    echo "bench.sh: WARNING: the shared-load batch wrote different maps (a bug: see tests/batch/shared.sh)"
fi
fi

# --- scale: CSV renders of growing size (default density), peak memory ----------------
[ -z "$scale_max" ] && { [ "$quick" = 1 ] && scale_max=0 || scale_max=1000000; }
for ((n = 10000; n <= scale_max; n *= 10)); do
    sdata="$tmp/data/incidents-$n.csv"
    if [ ! -s "$sdata" ]; then
        echo "generating $n incidents (CSV)"
        python3 "$gen" "$n" "$tmp/data" --formats csv
    fi
    sc="csv-$n"
    echo "case $sc: N=$n CSV, density auto, 1 run"
    run_timed "$sc" "$n" png scale 1 "$tmp/maps/$sc.png" -- \
        "$incmap" render "$sdata" --crs EPSG:3395 --bbox 38,29,49,38 --size 2000x1600 \
        -o "$tmp/maps/$sc.png"
    rm -f "$sdata"
done

{
    echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo NA)"
    echo "nproc=$(nproc 2>/dev/null || echo NA)"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo NA)"
    echo "mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo 2>/dev/null || echo NA)"
    echo "kernel=$(uname -sr)"
    echo "incmap=$("$incmap" --version 2>/dev/null | head -n1)"
    echo "incmap_path=$incmap"
    echo "gmt=${gmt_ver:-not installed}"
    echo "cartopy=${cartopy_ver:-not installed}"
    echo "quick=$quick"
    echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >> "$out/machine.env"

python3 "$here/bench_report.py" "$samples" "$out/machine.env" "$out/bench-results.md" \
    "$out/bench-results.json"
echo
cat "$out/bench-results.md"
