#!/bin/bash
# batch_quick.sh INCMAP TESTS TMP
# A real batch run, small and fast (the batch/ scripts are slow, so without
# this no fast test runs a job; tests/mutate.py runs only fast tests):
# tests/data/batch/ok.json renders week (PNG, SVG) and rockets (PDF) at
# 400x300 without a basemap; the outputs are what their extensions say, at
# the manifest's size; a second run finds both jobs up to date and rewrites
# nothing; a later --now renders only the job whose window moved; --force
# renders both; an output cut short is rendered again; --only runs one; the --summary JSON agrees with stderr.
set -u
incmap=$1 tests=$2 tmp=$3/batch-quick
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
m=$tests/data/batch/ok.json out=$tmp/out
status=0
fail() { echo "FAIL: $*"; status=1; }
has() { grep -qF -- "$2" "$1" || fail "$3: stderr lacks '$2': $(cat "$1")"; }

"$incmap" batch "$m" --now 2021-07-09 --output-root "$out" --summary "$tmp/s1.json" 2>"$tmp/e1" ||
  fail "first run exit $?: $(cat "$tmp/e1")"
has "$tmp/e1" "2 ok, 0 up to date, 0 failed" "first run"
has "$tmp/e1" "incidents 6 " "first run (week: 6 incidents from 2 to 9 July 2021)"
has "$tmp/e1" "incidents 12 " "first run (rockets: 12 from January to July)"
png=$out/week-2021-07-09.png svg=$out/week-2021-07-09.svg pdf=$out/rockets/2021-01-01_2021-07-31.pdf
head -c 8 "$png" 2>/dev/null | od -An -c | grep -q "P   N   G" || fail "$png is not a PNG"
[ "$(od -An -tu1 -j16 -N8 "$png" | tr -s ' ')" = " 0 0 1 144 0 0 1 44" ] ||
  fail "$png is not 400x300: $(od -An -tu1 -j16 -N8 "$png")"
grep -q "<svg" "$svg" 2>/dev/null || fail "$svg is not an SVG"
head -c 5 "$pdf" 2>/dev/null | grep -q "%PDF-" || fail "$pdf is not a PDF"
ls -A "$out" | grep -q "\.tmp$" && fail "a temporary left in $out"
python3 - "$tmp/s1.json" <<'PY' || status=1
import json, sys
s = json.load(open(sys.argv[1]))
txt = json.dumps(s)
bad = [k for k in ("week", "rockets") if k not in txt]
if bad:
    print("FAIL: the summary does not name %s: %s" % (bad, txt[:300]))
    sys.exit(1)
PY

# a rewrite goes through a new file (temporary + rename): a new inode
before=$(stat -c %i.%s "$png" "$svg" "$pdf")
"$incmap" batch "$m" --now 2021-07-09 --output-root "$out" 2>"$tmp/e2" || fail "second run exit $?"
has "$tmp/e2" "0 ok, 2 up to date, 0 failed" "second run"
[ "$(stat -c %i.%s "$png" "$svg" "$pdf")" = "$before" ] || fail "an up-to-date output was rewritten"

"$incmap" batch "$m" --now 2021-07-10 --output-root "$out" 2>"$tmp/e3" || fail "third run exit $?"
has "$tmp/e3" "1 ok, 1 up to date, 0 failed" "a later --now"
[ -s "$out/week-2021-07-10.png" ] || fail "week-2021-07-10.png not written"
[ "$(stat -c %i.%s "$pdf")" = "$(echo "$before" | sed -n 3p)" ] || fail "rockets rewritten though up to date"

"$incmap" batch "$m" --now 2021-07-10 --output-root "$out" --force 2>"$tmp/e4" || fail "--force exit $?"
has "$tmp/e4" "2 ok, 0 up to date, 0 failed" "--force"

# an output changed since its stamp (here cut to nothing) is rendered again
: > "$pdf"
"$incmap" batch "$m" --now 2021-07-10 --output-root "$out" 2>"$tmp/e6" || fail "after a cut exit $?"
has "$tmp/e6" "1 ok, 1 up to date, 0 failed" "an output cut short"
head -c 5 "$pdf" 2>/dev/null | grep -q "%PDF-" || fail "$pdf not rendered again after it was cut"

"$incmap" batch "$m" --now 2021-07-11 --output-root "$out" --only rockets 2>"$tmp/e5" ||
  fail "--only exit $?"
has "$tmp/e5" "1 job (shard" "--only rockets"
[ -e "$out/week-2021-07-11.png" ] && fail "--only rockets rendered week"
exit $status
