#!/usr/bin/env bash
# Shell completion: the bash script completes commands, options (read from
# the help of the incmap given), option values and files; the zsh script
# parses (zsh -n) and lists the same options (skipped without zsh).
# Usage: completion.sh INCMAP COMPLETION_DIR SCRATCH
set -euo pipefail
incmap=$1 dir=$2 scratch=$3
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$scratch" && mkdir -p "$scratch/files/sub" && cd "$scratch/files"
touch a.json b.geojson c.csv notes.txt
ln -sf "$incmap" "$scratch/incmap"
export PATH=$scratch:$PATH

# complete WORDS...: what bash offers for the last word (@: an empty word).
complete_bash() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); [ "${COMP_WORDS[-1]}" = @ ] && COMP_WORDS[-1]=""; COMP_CWORD=$(($# - 1)); _incmap; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$dir/incmap.bash" "$@" | sort | tr '\n' ' '
}
expect() { # expect "WORDS" WANT...: every WANT is offered
  local words=$1; shift
  local got
  # shellcheck disable=SC2086
  got=$(complete_bash $words)
  for w in "$@"; do
    [[ " $got" == *" $w "* ]] || fail "bash: '$words' offers '$got', not $w"
  done
}
refuse() { # refuse "WORDS" NOT...: none of NOT is offered
  local words=$1; shift
  local got
  # shellcheck disable=SC2086
  got=$(complete_bash $words)
  for w in "$@"; do
    [[ " $got" != *" $w "* ]] || fail "bash: '$words' offers $w: '$got'"
  done
}
expect "incmap @" render validate info batch
expect "incmap -q b" batch
expect "incmap render --co" --color-by
expect "incmap render --no-" --no-legend --no-inset --no-uncertainty
expect "incmap render --" --output --stack-threshold --style --quiet --field
refuse "incmap render --" --shard --json
expect "incmap batch --sh" --shard --shard-count
expect "incmap -v batch --dry-run --o" --only --output-root
expect "incmap render --format @" png svg pdf
expect "incmap render a.json --legend-pos @" auto tl tr bl br
expect "incmap batch --shard a" auto
expect "incmap render @" a.json b.geojson c.csv sub
refuse "incmap render @" notes.txt
expect "incmap batch @" a.json
refuse "incmap batch @" c.csv
expect "incmap render -o @" notes.txt
echo "ok: bash completion"

if ! command -v zsh >/dev/null; then
  echo "SKIP: zsh is not installed; bash was checked"
  exit 0
fi
zsh -n "$dir/_incmap" || fail "zsh: _incmap does not parse"
got=$(zsh -c 'source "$1"; _incmap_list render incmap' _ "$dir/_incmap" | tr '\n' ' ')
for w in --output --color-by --no-legend --stack-threshold --quiet -o; do
  [[ " $got" == *" $w "* ]] || fail "zsh: render options lack $w: $got"
done
[[ " $got" != *" --shard "* ]] || fail "zsh: render options include batch's --shard"
got=$(zsh -c 'source "$1"; _incmap_values --units' _ "$dir/_incmap" | tr '\n' ' ')
[ "$got" = "km mi nmi " ] || fail "zsh: --units values: $got"
echo "ok: zsh completion script"
