#!/usr/bin/env bash
# check.sh INCMAP DIR - every real-world-shaped file loads with the options
# expected.tsv gives, and incmap's count equals the count make.py recorded.
# The counts are also recomputed here, independently of incmap and make.py:
# CSV and JSON with python3's csv and json modules (rows minus HDX hashtag
# rows minus the deliberately broken ones), GIS files with ogrinfo.
# Files that need GDAL are skipped when incmap was built without it.
set -u
incmap=$1 dir=$2
fail=0 ran=0 skipped=0
declare -A indep
if command -v python3 >/dev/null; then
  while read -r f n; do indep[$f]=$n; done < <(python3 - "$dir" <<'PY'
import csv, json, os, sys
d = sys.argv[1]
def rows(name, enc="utf-8-sig"):
    t = open(os.path.join(d, name), encoding=enc, newline="").read()
    lines = t.splitlines()
    if lines[0].startswith("sep="):                                     # Excel's delimiter line
        delim, lines = lines[0][4], lines[1:]
    else:
        first = lines[0]
        delim = "\t" if first.count("\t") > first.count(",") else \
            ";" if first.count(";") > first.count(",") else ","
    r = list(csv.reader(lines, delimiter=delim))
    return r[0], r[1:]
for name in sorted(os.listdir(d)):
    if name.endswith(".csv") or name.endswith(".txt"):
        enc = "cp1252" if name.startswith("gtd") or "1252" in name else \
            "utf-16" if name.endswith(".txt") else "utf-8-sig"
        head, body = rows(name, enc)
        body = [x for x in body if len(x) == len(head)]                  # a cut-short row
        body = [x for x in body if not all(c.startswith("#") or not c for c in x)]  # HDX
        if "latitude" in head:
            i, j = head.index("latitude"), head.index("longitude")
            body = [x for x in body if x[i] and x[j]]                       # no coordinates
        print(name, len(body))
    elif name.endswith(".json"):
        v = json.load(open(os.path.join(d, name)))
        print(name, len(v if isinstance(v, list) else v["data"] if "data" in v else v["Result"]))
    elif name.endswith(".xlsx"):
        # The last sheet's rows (SpreadsheetML, read with zipfile and
        # ElementTree) below the one naming a date column; rows Excel
        # leaves out are the empty ones.
        import re, zipfile, xml.etree.ElementTree as ET
        z = zipfile.ZipFile(os.path.join(d, name))
        ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
        sst = [si.findtext(".//m:t", "", ns) for si in
               ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
        last = max((n for n in z.namelist() if n.startswith("xl/worksheets/sheet")),
                   key=lambda n: int(re.sub(r"\D", "", n)))
        sheet_rows = ET.fromstring(z.read(last)).findall(".//m:row", ns)
        def texts(row):
            return [sst[int(c.findtext("m:v", "0", ns))].lower() for c in row.findall("m:c", ns)
                    if c.get("t") == "s"]
        top = next(i for i, r in enumerate(sheet_rows)
                   if {"date", "event_date", "date_start", "iyear", "timestamp"} & set(texts(r)))
        print(name, len(sheet_rows) - top - 1)
        if os.path.exists(os.path.join(d, name[:-1])):  # its Excel 97-2003 copy (make.py)
            print(name[:-1], len(sheet_rows) - top - 1)
    elif name.endswith(".ods") and name.startswith("analyst"):
        # OpenDocument's content.xml (zipfile, ElementTree): the rows with
        # text below the one naming a date column.
        import zipfile, xml.etree.ElementTree as ET
        t = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
        rows_x = ET.fromstring(zipfile.ZipFile(os.path.join(d, name)).read("content.xml")) \
            .iter(t + "table-row")
        cells = [["".join(c.itertext()).strip().lower() for c in r.iter(t + "table-cell")]
                 for r in rows_x]
        top = next(i for i, c in enumerate(cells) if "date" in c)
        print(name, sum(1 for c in cells[top + 1:] if any(c)))
    elif name.endswith(".gpkg"):
        # The rows of the GeoPackage's point tables (sqlite3).
        import sqlite3
        db = sqlite3.connect(os.path.join(d, name))
        print(name, sum(db.execute('SELECT count(*) FROM "%s"' % t).fetchone()[0] for (t,) in
                        db.execute("SELECT table_name FROM gpkg_geometry_columns WHERE "
                                   "geometry_type_name IN ('POINT', 'MULTIPOINT')")))
PY
)
fi
while IFS=$'\t' read -r file count opts; do
  case $file in ''|'#'*) continue ;; esac
  # shellcheck disable=SC2086
  out=$("$incmap" info --json -q "$dir/$file" $opts 2>&1)
  rc=$?
  if [ $rc -ne 0 ] && grep -q "needs incmap built with GDAL" <<<"$out"; then
    echo "SKIP $file (no GDAL)"; skipped=$((skipped + 1)); continue
  fi
  got=$(sed -n 's/^  "records": \([0-9]*\),*$/\1/p' <<<"$out")
  if [ $rc -ne 0 ] || [ "$got" != "$count" ]; then
    echo "FAIL $file $opts: exit $rc, records ${got:-?}, expected $count"; echo "$out" | head -5
    fail=1; continue
  fi
  other=${indep[$file]:-}
  if [ -z "$other" ] && command -v ogrinfo >/dev/null; then
    layer=""; case $opts in *--layer-name*) layer=${opts#*--layer-name }; layer=${layer%% *} ;; esac
    # shellcheck disable=SC2086
    # A KML's folders are all read (the counts summed); a ZIP through /vsizip/.
    path=$dir/$file sum="head -1" oo=""
    case $file in *.gml) oo="-oo WRITE_GFS=NO" ;; esac  # no .gfs schema left beside it
    case $file in *.zip) path=/vsizip/$dir/$file/$(python3 -c 'import sys, zipfile; print(next(n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.endswith(".shp") and "MACOSX" not in n))' "$dir/$file") ;; *.kml|*.kmz) [ -z "$layer" ] && sum="awk '{s += \$1} END {print s}'" ;; esac
    # shellcheck disable=SC2086
    other=$(ogrinfo -ro -so -al --config OGR_XLSX_HEADERS FORCE --config OGR_ODS_HEADERS FORCE \
            $oo "$path" $layer 2>/dev/null | sed -n 's/^Feature Count: //p' | eval "$sum")
  fi
  if [ -n "$other" ] && [ "$other" != "$count" ]; then
    echo "FAIL $file: the independent count is $other, expected.tsv says $count"; fail=1; continue
  fi
  echo "ok   $file: $got records${other:+ (independent count $other)}"
  ran=$((ran + 1))
done < "$dir/expected.tsv"
# The same UCDP events read the same weapon classes (type_of_violence codes)
# from every format that carries them: CSV, GeoJSON (a property path) and a
# Shapefile (a column name cut to 10 characters).
weapons() { "$incmap" info --json -q "$@" 2>&1 | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["weapons"], sort_keys=True))' 2>&1; }
if command -v python3 >/dev/null; then
  ref=$(weapons "$dir/ucdp-ged-hdx.csv")
  case $ref in *non-state*) ;; *) echo "FAIL ucdp-ged-hdx.csv: no non-state class: $ref"; fail=1 ;; esac
  for f in ucdp-ged.geojson ucdp-ged-3857.geojson; do
    got=$(weapons "$dir/$f")
    [ "$got" = "$ref" ] || { echo "FAIL $f: weapon classes $got, the CSV gives $ref"; fail=1; }
    warn=$("$incmap" info "$dir/$f" 2>&1 >/dev/null | grep -c "unknown type")
    [ "$warn" = 0 ] || { echo "FAIL $f: $warn 'unknown type' warnings for UCDP codes"; fail=1; }
  done
fi
# An Excel re-save in a comma-decimal locale ("33,7856") reads the same
# coordinates as the one with decimal points.
extent() { "$incmap" info --json -q "$dir/$1" 2>&1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["extent"])' 2>&1; }
if command -v python3 >/dev/null; then
  a=$(extent acled-excel.csv) b=$(extent acled-excel-de.csv)
  case $a in '['*) ;; *) echo "FAIL acled-excel.csv: no extent: $a"; fail=1 ;; esac
  [ "$a" = "$b" ] || { echo "FAIL acled-excel-de.csv: extent $b, with decimal points $a"; fail=1; }
fi
# The same events with US slash dates (month first, the first rows all
# ambiguous) read the same dates as the day-first original.
dates() { "$incmap" info --json -q "$dir/$1" 2>&1 | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["first"], d["last"], json.dumps(d["months"], sort_keys=True))' 2>&1; }
if command -v python3 >/dev/null; then
  a=$(dates acled-excel.csv) b=$(dates acled-excel-us.csv)
  case $a in [12][0-9][0-9][0-9]-*) ;; *) echo "FAIL acled-excel.csv: no dates: $a"; fail=1 ;; esac
  [ "$a" = "$b" ] || { echo "FAIL acled-excel-us.csv: dates $b, the day-first file gives $a"; fail=1; }
fi
# Facts (facts.tsv, written by make.py): a file saved from another one by
# Excel, Google Sheets, QGIS or ogr2ogr reads the same records, dates,
# months, weapon classes, sites and extent (to 1e-4 degrees) as the
# original; a hand-written one the dates, extent and classes its generator
# computed.
if command -v python3 >/dev/null; then
  while IFS=$'\t' read -r file how what; do
    case $file in ''|'#'*) continue ;; esac
    a=$("$incmap" info --json -q "$dir/$file" 2>&1)
    if [ "$how" = same ]; then b=$("$incmap" info --json -q "$dir/$what" 2>&1); else b=$what; fi
    if grep -q "needs incmap built with GDAL" <<<"$a$b"; then continue; fi
    diff=$(python3 - "$how" "$a" "$b" <<'PY'
import json, sys
how, a, b = sys.argv[1], sys.argv[2], sys.argv[3]
try:
    a, b = json.loads(a), json.loads(b)
except ValueError as e:
    print("not JSON: %s" % e); sys.exit()
keys = ["records", "first", "last", "months", "weapons", "sites", "extent"] if how == "same" \
    else ["first", "last", "weapons", "extent"]
for k in keys:
    x, y = a.get(k), b.get(k)
    if k == "extent":
        x, y = [round(v, 4) for v in x or []], [round(v, 4) for v in y or []]
    if x != y:
        print("%s %s, expected %s" % (k, json.dumps(x, sort_keys=True), json.dumps(y, sort_keys=True)))
PY
)
    if [ -n "$diff" ]; then
      echo "FAIL $file (facts, $how ${what:0:40}):"; echo "$diff" | head -5; fail=1
    else
      echo "ok   $file: the same facts as ${what:0:60}"
    fi
  done < "$dir/facts.tsv"
fi
echo "$ran files ok, $skipped skipped"
exit $fail
