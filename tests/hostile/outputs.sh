#!/usr/bin/env bash
# Never destroy what the user has: outputs that are inputs are refused,
# standard output, FIFOs and devices are written through (never renamed
# over), symbolic links are written through to their target, and a batch
# removes only temporaries it named itself and resolves links before the
# output-root check. Run as root in CI, where permissions stop nothing.
# Usage: outputs.sh INCMAP DATA_DIR TESTS_DIR SCRATCH
set -uo pipefail
incmap=$1 data=$2 scratch=$4
rm -rf "$scratch" && mkdir -p "$scratch" && cd "$scratch" || exit 1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
run() { "$incmap" "$@" --basemap none --size 400x300 2>err; }
is_png() { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; }

cp "$data/iraq-2021.json" in.json
cp "$data/style.json" style.json
cp in.json orig.json

# 1. An output that is an input: by its own name, a symbolic link, a hard
#    link, "./", and a style file; exit 2 and the input untouched.
ln -s in.json link.png
ln in.json hard.png
for out in in.json link.png hard.png ./in.json "$scratch/in.json"; do
  run render in.json --format png -o "$out"; rc=$?
  [ $rc -eq 2 ] || fail "-o $out (the input): exit $rc, expected 2"
  grep -q "also an input" err || fail "-o $out: no message saying it is an input"
  cmp -s in.json orig.json || { fail "-o $out: the input was overwritten"; cp orig.json in.json; }
done
cp style.json style.orig
run render in.json --style style.json --format png -o style.json; rc=$?
[ $rc -eq 2 ] || fail "-o on the --style file: exit $rc, expected 2"
cmp -s style.json style.orig || fail "the style file was overwritten"
[ -L link.png ] || fail "the link to the input was replaced"

# 2. "-o -" and /dev/stdout write to standard output; nothing named "-" appears.
run render in.json --format png -o - > stdout.png; rc=$?
[ $rc -eq 0 ] && is_png stdout.png || fail "-o -: exit $rc, no PNG on stdout"
[ -e ./- ] && fail "-o - created a file named -"
# Without --format a stream gets PNG (it has no extension to go by).
run render in.json -o - > noformat.png; rc=$?
[ $rc -eq 0 ] && is_png noformat.png || fail "-o - without --format: exit $rc, no PNG on stdout"
# /dev/stdout is a link to /proc/self/fd/1: first through a link of our own
# (a broken build replaces only that), then the real one.
ln -s /dev/stdout my-stdout
run render in.json --format png -o my-stdout > mystdout.png; rc=$?
if [ $rc -eq 0 ] && [ -L my-stdout ] && is_png mystdout.png; then
  run render in.json --format png -o /dev/stdout > devstdout.png; rc=$?
  [ $rc -eq 0 ] && is_png devstdout.png || fail "-o /dev/stdout: exit $rc, no PNG on stdout"
  [ -L /dev/stdout ] || fail "/dev/stdout is no longer a link"
  run render in.json --format png -o /dev/stdout | cat > devstdout-pipe.png
  is_png devstdout-pipe.png || fail "-o /dev/stdout into a pipe: no PNG came through"
else
  fail "-o LINK-TO-/dev/stdout: exit $rc, the link replaced or no PNG on stdout (the real /dev/stdout is not tried)"
fi
# A map is not sent to a terminal (script(1) gives the command one).
if command -v script >/dev/null; then
  script -qc "'$incmap' render in.json --basemap none --size 400x300 --format png -o -" /dev/null > tty.txt 2>&1
  grep -q "standard output is a terminal" tty.txt || fail "-o - on a terminal: not refused"
fi
# stdout into a pipe, as in "incmap ... -o - | consumer"
run render in.json --format svg -o - | cat > pipe.svg
grep -q "<svg" pipe.svg || fail "-o - into a pipe: no SVG came through"
# A world file cannot go with standard output: refused before anything is written.
run render in.json --format png --world-file -o - > wf.png; rc=$?
[ $rc -eq 2 ] || fail "--world-file with -o -: exit $rc, expected 2"
[ -s wf.png ] && fail "--world-file with -o -: bytes were written before the refusal"

# 3. "-" as an input reads standard input (and is bounded like a file).
run render - -o fromstdin.png < in.json; rc=$?
[ $rc -eq 0 ] && is_png fromstdin.png || fail "render - < in.json: exit $rc"
"$incmap" info in.json > info-file.txt
"$incmap" info - < in.json > info.txt || fail "info - < in.json failed"
cmp -s info.txt info-file.txt || fail "info - and info in.json differ"
head -c 300000 /dev/zero | "$incmap" info --max-file-size 100K - 2>err; rc=$?
[ $rc -eq 3 ] || fail "300 KB on stdin over --max-file-size 100K: exit $rc, expected 3"
grep -q "over the limit of 102400 bytes.*--max-file-size" err || fail "stdin over the limit: message does not name the limit and option"

# 4. A FIFO is opened and written, not replaced by a regular file.
mkfifo fifo
timeout 30 cat fifo > fromfifo.png &
reader=$!
timeout 30 "$incmap" render in.json --basemap none --size 400x300 --format png -o fifo 2>err; rc=$?
wait $reader
[ $rc -eq 0 ] || fail "-o fifo: exit $rc"
[ -p fifo ] || fail "the FIFO was replaced"
is_png fromfifo.png || fail "the reader of the FIFO did not get a PNG"

# 5. A character device is written through, never replaced: devices of our
#    own (null and full, made with mknod), so a broken build cannot replace
#    the machine's /dev/null.
if mknod devnull c 1 3 2>/dev/null && mknod devfull c 1 7 2>/dev/null; then
  run render in.json --format png -o devnull; rc=$?
  [ $rc -eq 0 ] || fail "-o a null device: exit $rc"
  [ -c devnull ] || fail "the null device is no longer a character device"
  # A full device: its error comes back as a write failure, exit 1.
  run render in.json --format png -o devfull; rc=$?
  [ $rc -eq 1 ] || fail "-o a full device: exit $rc, expected 1"
  grep -q "No space left" err || fail "-o a full device: the message does not say why"
  [ -c devfull ] || fail "the full device is no longer a character device"
else
  echo "note: mknod is not allowed here; the device cases are skipped"
fi

# 6. A symbolic link is written through to its target, atomically there;
#    the sidecars go beside the name given, and the link stays a link.
mkdir real
echo yesterday > real/target.png
ln -s real/target.png sl.png
run render in.json -o sl.png --world-file; rc=$?
[ $rc -eq 0 ] || fail "-o symlink: exit $rc"
[ -L sl.png ] || fail "the symbolic link was replaced by a file"
is_png real/target.png || fail "the link's target did not receive the map"
for s in sl.pgw sl.prj sl.png.aux.xml; do [ -s "$s" ] || fail "$s missing"; done
[ -z "$(ls -A real | grep -v '^target.png$')" ] || fail "temporaries left beside the target: $(ls -A real)"
# A dangling link names the file to create.
ln -s real/new.png dangling.png
run render in.json -o dangling.png; rc=$?
[ $rc -eq 0 ] && [ -L dangling.png ] && is_png real/new.png || fail "-o dangling link: exit $rc, or the link was not followed"
# A link loop is an error, not a hang.
ln -s loop1.png loop2.png; ln -s loop2.png loop1.png
run render in.json -o loop1.png; rc=$?
[ $rc -eq 1 ] || fail "-o link loop: exit $rc, expected 1"

# 7. Batch: a user's ".ok0.png.backup" beside an output survives; a real
#    temporary left by a killed run (the program's own pattern) is removed.
mkdir -p broot/out elsewhere
ln -s ../../elsewhere broot/out/sub
cat > broot/manifest.json <<JSON
{
  "output_root": "out",
  "defaults": {"inputs": ["$scratch/in.json"], "basemap": "none", "size": "400x300"},
  "jobs": [{"name": "ok0", "output": "ok0.png", "world-file": true}]
}
JSON
cat > broot/escape.json <<JSON
{
  "output_root": "out",
  "defaults": {"inputs": ["$scratch/in.json"], "basemap": "none", "size": "400x300"},
  "jobs": [{"name": "through-link", "output": "sub/escape.png"}]
}
JSON
echo mine > broot/out/.ok0.png.backup
echo mine > broot/out/.ok0.png.abcdef
echo mine > broot/out/.ok0.png.incmap-a1b2c3d4e5f6.tmp.keep
echo stale > broot/out/.ok0.png.incmap-a1b2c3d4e5f6.tmp
echo stale > broot/out/.ok0.pgw.incmap-0123456789ab.tmp
"$incmap" batch broot/manifest.json --now 2021-07-09 2>err; rc=$?
[ $rc -eq 0 ] || fail "batch: exit $rc"
[ -f broot/out/.ok0.png.backup ] || fail "batch deleted the user's .ok0.png.backup"
[ -f broot/out/.ok0.png.abcdef ] || fail "batch deleted the user's .ok0.png.abcdef"
[ -f broot/out/.ok0.png.incmap-a1b2c3d4e5f6.tmp.keep ] || fail "batch deleted a file that only starts like its temporaries"
[ -e broot/out/.ok0.png.incmap-a1b2c3d4e5f6.tmp ] && fail "batch left its own stale temporary"
[ -e broot/out/.ok0.pgw.incmap-0123456789ab.tmp ] && fail "batch left its own stale temporary of a world file"
"$incmap" batch broot/escape.json --now 2021-07-09 2>err; rc=$?
[ $rc -eq 3 ] || fail "batch with an output through a link out of the root: exit $rc, expected 3"
grep -q "outside the output root" err || fail "batch: no message for the output through a link"
[ -z "$(ls -A elsewhere)" ] || fail "batch wrote outside the output root through a link: $(ls -A elsewhere)"
# The summary to standard output with "--summary -".
"$incmap" batch broot/manifest.json --now 2021-07-09 --force --summary - > summary.txt 2>err
grep -q '"name": "ok0"' summary.txt || fail "batch --summary -: no summary on standard output"
{ [ -e broot/- ] || [ -e ./- ]; } && fail "batch --summary - created a file named -"

# A new output is an ordinary file, 0644 whatever the umask (src/output.c
# chmods the temporary before it is linked in).
(umask 077 && run render in.json -o mode.png) || fail "render under umask 077 failed"
[ "$(stat -c %a mode.png 2>/dev/null)" = 644 ] ||
  fail "an output made under umask 077 has mode $(stat -c %a mode.png 2>/dev/null), expected 644"

[ $failures -eq 0 ] || { echo "$failures failure(s)"; cat err; exit 1; }
echo "all output checks passed"
