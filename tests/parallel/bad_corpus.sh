#!/usr/bin/env bash
# The bad-input corpus's JSON and GeoJSON cases (tests/bad/*.case) run serially (INCMAP_THREADS=1)
# and with the records decoded on three threads in blocks of one element
# (INCMAP_PARSE_BLOCK=1, so even a small file crosses block boundaries):
# the same exit code, the same stdout and stderr byte for byte, the same
# files written.
# usage: bad_corpus.sh INCMAP DATA_DIR TESTS_DIR TMP_DIR
set -u
incmap=$1 data=$2 tests=$3 tmp=$4
rm -rf "$tmp" && mkdir -p "$tmp"
fail=0 n=0
run() { # run MODE ARGS...: outputs in $tmp/MODE.{out,err,rc,files}
  local mode=$1; shift
  rm -rf "$tmp/w" && mkdir -p "$tmp/w"
  if [ "$mode" = serial ]; then
    INCMAP_THREADS=1 "$incmap" "$@" >"$tmp/$mode.out" 2>"$tmp/$mode.err" </dev/null
  else
    INCMAP_THREADS=3 INCMAP_PARSE_BLOCK=1 "$incmap" "$@" >"$tmp/$mode.out" 2>"$tmp/$mode.err" </dev/null
  fi
  echo $? >"$tmp/$mode.rc"
  (cd "$tmp/w" && find . -type f -exec md5sum {} + | sort) >"$tmp/$mode.files"
}
for case in "$tests"/bad/*.case; do
  line=$(grep -m1 '^args:' "$case") || continue
  case $line in *.json*|*.geojson*) ;; *) continue ;; esac # the JSON readers' cases
  args=${line#args:}
  args=${args//\{data\}/$data}
  args=${args//\{tests\}/$tests}
  args=${args//\{tmp\}/$tmp/w}
  read -r -a argv <<<"$args"
  run serial "${argv[@]}"
  run parallel "${argv[@]}"
  n=$((n + 1))
  for part in rc out err files; do
    if ! cmp -s "$tmp/serial.$part" "$tmp/parallel.$part"; then
      echo "FAIL: $(basename "$case"): $part differs"
      diff "$tmp/serial.$part" "$tmp/parallel.$part" | head -6
      fail=1
    fi
  done
done
echo "bad_corpus: $n cases compared, serial and parallel"
[ "$n" -gt 30 ] || { echo "FAIL: only $n cases"; fail=1; }
exit $fail
