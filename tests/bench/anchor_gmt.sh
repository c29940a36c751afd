#!/usr/bin/env bash
# The GMT anchor of the incmap benchmark: the same Iraq map drawn with GMT 6 (modern mode).
#
#   anchor_gmt.sh INCIDENTS.json OUTPUT.png|OUTPUT.pdf WORKDIR
#
# Everything below is inside the timed command: converting the native incmap JSON into one
# "lon lat" text file per weapon type (Debian's python3, json.load), then gmt begin, coast
# (GSHHG intermediate resolution: land, water, lakes, shorelines, permanent rivers, national
# borders), one plot per weapon type with incmap's colours and shapes, an automatic legend,
# and gmt end (PostScript to PNG at 200 dpi on a 10 x 8 in page = 2000 x 1600 px, or PDF).
set -euo pipefail
src=$1 out=$2 work=$3
mkdir -p "$work"
src=$(cd "$(dirname "$src")" && pwd)/$(basename "$src")
case $out in
    *.png) fmt=png conv="png E200,A+n" ;;
    *.pdf) fmt=pdf conv="pdf A+n" ;;
    *) echo "anchor_gmt.sh: output must be .png or .pdf" >&2; exit 2 ;;
esac
out_abs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
cd "$work"
export GMT_SESSION_NAME="incmapbench$$" GMT_TMPDIR="$work"

n=$("${ANCHOR_PYTHON:-/usr/bin/python3}" - "$src" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
inc = doc["incidents"] if isinstance(doc, dict) else doc
files = {w: open(w + ".xy", "w") for w in ("rocket", "drone", "mortar", "ied")}
for r in inc:
    f = files.get(r["weapon"])
    if f:
        f.write("%r %r\n" % (r["lon"], r["lat"]))
for f in files.values():
    f.close()
print(len(inc))
EOF
)

# shellcheck disable=SC2086
gmt begin map $conv
gmt set PS_MEDIA 10ix8i MAP_ORIGIN_X 1.4i MAP_ORIGIN_Y 0.45i \
    FONT_TITLE 16p,Helvetica-Bold FONT_ANNOT_PRIMARY 8p MAP_FRAME_TYPE plain \
    MAP_GRID_PEN_PRIMARY 0.25p,#999999
gmt coast -R38/49/29/38 -JM7.0i -Di -G#f2efe9 -S#d7e6f1 -C#c6dcee -W0.3p,#7fa7c9 \
    -N1/0.8p,#8a8079,- -Ir/0.5p,#7fa7c9 -Baf -Bg -B+t"$n incidents"
gmt plot rocket.xy -St0.09i -G#D55E00 -W0.2p,white -l"Rocket"
gmt plot drone.xy -Sd0.09i -G#0072B2 -W0.2p,white -l"Drone"
gmt plot mortar.xy -Sc0.09i -G#E69F00 -W0.2p,white -l"Mortar"
gmt plot ied.xy -Ss0.09i -G#009E73 -W0.2p,white -l"IED"
gmt legend -DjBL+o0.1i -F+gwhite+p0.5p
gmt end
mv -f "map.$fmt" "$out_abs"
rm -f rocket.xy drone.xy mortar.xy ied.xy
