#!/usr/bin/env bash
# The man pages generated from the --help texts: one per command, each with
# the environment variables and the exit status, and incmap-render(1)
# naming every option of the option table (src/options_table.c) and
# incmap-batch(1) every option batch accepts.
# Usage: man.sh MAN_DIR SOURCE_DIR
set -euo pipefail
man_dir=$1 src=$2
fail() { echo "FAIL: $*"; exit 1; }
text() { sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$man_dir/$1.1"; }
for page in incmap incmap-render incmap-validate incmap-info incmap-batch; do
  [ -s "$man_dir/$page.1" ] || fail "no $page.1 in $man_dir"
  t=$(text "$page")
  for want in '.SH NAME' '.SH SYNOPSIS' '.SH ENVIRONMENT' 'INCMAP_BASEMAPS' 'INCMAP_SHARD_COUNT' \
              '.SH "EXIT STATUS"' '.SH FILES'; do
    grep -qF -- "$want" <<<"$t" || fail "$page.1 lacks $want"
  done
  grep -q "^$page \\\\- " "$man_dir/$page.1" || fail "$page.1: NAME is not \"$page - ...\""
done
# Every render option of the table is documented.
names=$(sed -n '/im_option table\[\] = {/,/^};/p' "$src/src/options_table.c" | grep -o '[({]"[a-z][-a-z]*"' | tr -d '({"')
[ "$(wc -w <<<"$names")" -gt 20 ] || fail "could not read the option table"
t=$(text incmap-render)
for n in $names; do
  grep -qF -- "--$n" <<<"$t" || fail "incmap-render.1 does not document --$n (add it to render's --help)"
done
# Every option batch accepts is documented.
t=$(text incmap-batch)
for n in jobs shard shard-count now only dry-run force output-root summary quiet verbose; do
  grep -qF -- "--$n" <<<"$t" || fail "incmap-batch.1 does not document --$n"
done
echo "ok: 5 man pages; every render option ($(wc -w <<<"$names")) documented"
