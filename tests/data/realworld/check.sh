#!/usr/bin/env bash
# check.sh INCMAP DIR - every real-world-shaped file loads with the options
# expected.tsv gives, and incmap's count equals the count make.py recorded.
# For the CSV files the count is also recomputed here with python3's csv
# module (rows minus HDX hashtag rows minus the deliberately broken ones),
# and for the GIS files with ogrinfo, when those tools are present.
# Files that need GDAL are skipped when incmap was built without it.
set -u
incmap=$1 dir=$2
fail=0 ran=0 skipped=0
while IFS=$'\t' read -r file count opts; do
  case $file in ''|'#'*) continue ;; esac
  # shellcheck disable=SC2086
  out=$("$incmap" info --json -q "$dir/$file" $opts 2>&1)
  rc=$?
  if [ $rc -ne 0 ] && grep -q "needs incmap built with GDAL" <<<"$out"; then
    echo "SKIP $file (no GDAL)"; skipped=$((skipped + 1)); continue
  fi
  got=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["records"])' <<<"$out" 2>/dev/null)
  if [ $rc -ne 0 ] || [ "$got" != "$count" ]; then
    echo "FAIL $file $opts: exit $rc, records ${got:-?}, expected $count"; echo "$out" | head -5
    fail=1; continue
  fi
  # An independent count of the file itself.
  indep=""
  case $file in
    gtd-no-coordinates.csv)
      indep=$(python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1],encoding="cp1252"))); print(sum(1 for x in r if x["latitude"] and x["longitude"]))' "$dir/$file") ;;
    gtd*.csv)
      indep=$(python3 -c 'import csv,sys; print(len(list(csv.DictReader(open(sys.argv[1],encoding="cp1252")))))' "$dir/$file") ;;
    acled-excel-truncated.csv)
      indep=$(python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1],encoding="utf-8-sig"),delimiter=";")); print(sum(1 for x in r[1:] if len(x)==len(r[0])))' "$dir/$file") ;;
    *.csv)
      indep=$(python3 -c 'import csv,sys
t=open(sys.argv[1],encoding="utf-8-sig").read(); d=";" if t.split("\n")[0].count(";")>t.split("\n")[0].count(",") else ","
r=list(csv.reader(t.splitlines(),delimiter=d)); print(sum(1 for x in r[1:] if not all(c.startswith("#") or not c for c in x)))' "$dir/$file") ;;
    *.json)
      indep=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d if isinstance(d,list) else d["data"]))' "$dir/$file") ;;
    *)
      if command -v ogrinfo >/dev/null; then
        layer=""; case $opts in *--layer-name*) layer=${opts#*--layer-name }; layer=${layer%% *} ;; esac
        indep=$(ogrinfo -ro -so -al --config OGR_XLSX_HEADERS FORCE --config OGR_ODS_HEADERS FORCE "$dir/$file" $layer 2>/dev/null | sed -n 's/^Feature Count: //p' | head -1)
      fi ;;
  esac
  if [ -n "$indep" ] && [ "$indep" != "$count" ]; then
    echo "FAIL $file: the independent count is $indep, expected.tsv says $count"; fail=1; continue
  fi
  echo "ok   $file: $got records${indep:+ (independent count $indep)}"
  ran=$((ran + 1))
done < "$dir/expected.tsv"
echo "$ran files ok, $skipped skipped"
exit $fail
