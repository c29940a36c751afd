#!/bin/bash
# site_place_names.sh INCMAP DATA_RENDER TMP
# A site named as a place plus a generic word ("Muscat area", "Sohar
# (City)") names the place too: the place is not labelled again beside it,
# and the site keeps its label. A site named with a word that is not
# generic ("Nizwa Fort") leaves the place its own label. Read from the
# placement dump of a 1200x675 and a 2000x1500 render. Accents aside:
# the site "Bogota" names the place "Bogotá".
set -u
incmap=$1 data=$2 tmp=$3/site-place-names
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 0; }
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
status=0
for size in 1200x675 2000x1500; do
  "$incmap" render "$data/oman-sites.json" --size "$size" -o "$tmp/map-$size.png" \
    --dump-layout "$tmp/$size.json" 2>"$tmp/$size.err" ||
    { echo "FAIL: render $size: $(cat "$tmp/$size.err")"; exit 1; }
  python3 - "$tmp/$size.json" "$size" <<'PY' || status=1
import json, sys
d = json.load(open(sys.argv[1]))
kinds = {}
for it in d["items"]:
    kinds.setdefault(it["kind"], []).append(it.get("text"))
sites, places = kinds.get("site_label", []), kinds.get("place_label", [])
fail = []
for s in ("Muscat area", "Sohar (City)", "Nizwa Fort"):
    if s not in sites:
        fail.append("the site label %r is missing" % s)
for p in ("Muscat", "Sohar"):
    if p in places:
        fail.append("the place %r is labelled beside the site that names it" % p)
if "Nizwa" not in places:
    fail.append("the place 'Nizwa' lost its label to the site 'Nizwa Fort'")
for f in fail:
    print("FAIL: %s: %s" % (sys.argv[2], f))
sys.exit(1 if fail else 0)
PY
done
# Sites written in plain ASCII, as ACLED and press files often are
# ("Bogota", "Cucuta", "Medellin"), name the places GeoNames writes with
# accents ("Bogotá", "Cúcuta", "Medellín"): one label each, the site's.
"$incmap" render "$data/colombia-ascii.json" --size 1200x675 -o "$tmp/ascii.png" \
  --dump-layout "$tmp/ascii.json" 2>"$tmp/ascii.err" ||
  { echo "FAIL: render colombia-ascii: $(cat "$tmp/ascii.err")"; exit 1; }
python3 - "$tmp/ascii.json" <<'PY' || status=1
import json, sys
d = json.load(open(sys.argv[1]))
sites = [it["text"] for it in d["items"] if it["kind"] == "site_label"]
places = [it["text"] for it in d["items"] if it["kind"] == "place_label"]
fail = []
for site, place in (("Bogota", "Bogotá"), ("Cucuta", "Cúcuta"), ("Medellin", "Medellín")):
    if site not in sites:
        fail.append("the site label %r is missing" % site)
    if place in places:
        fail.append("the place %r is labelled beside the site %r" % (place, site))
if not places:
    fail.append("no place labelled at all")
for f in fail:
    print("FAIL: colombia-ascii: %s" % f)
sys.exit(1 if fail else 0)
PY
exit $status
