#!/usr/bin/env bash
# Outputs that travel together: on a full disk a map and its world file,
# .prj and .aux.xml appear together or not at all, exit 1, no temporaries
# left, and an existing set is left as it was. The disk is a small tmpfs
# filled to leave room for the map but not for all its sidecars (as root;
# skipped where tmpfs cannot be mounted).
# Usage: fulldisk.sh INCMAP DATA_DIR TESTS_DIR SCRATCH
set -uo pipefail
incmap=$1 data=$2 scratch=$4
umount "$scratch/disk" 2>/dev/null
rm -rf "$scratch" && mkdir -p "$scratch/disk" "$scratch/ref" || exit 1
cd "$scratch" || exit 1
if [ "$(id -u)" -ne 0 ] || ! mount -t tmpfs -o size=512k tmpfs disk 2>/dev/null; then
  echo "SKIP: cannot mount a tmpfs here"; exit 77
fi
trap 'umount "$scratch/disk" 2>/dev/null' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
args=(render "$data/iraq-2021.json" --basemap none --size 400x300 --world-file)

# The sizes on this machine: the map alone, rounded up to tmpfs pages.
"$incmap" "${args[@]}" -o ref/map.png || { echo "FAIL: the reference render"; exit 1; }
page=4096
map_pages=$(( ($(stat -c %s ref/map.png) + page - 1) / page ))

# Fill the disk to leave `room` pages free.
fill_to() {
  rm -f disk/filler
  local total free
  free=$(( $(stat -f -c %a disk) * $(stat -f -c %S disk) ))
  dd if=/dev/zero of=disk/filler bs=$page count=$(( free / page - $1 )) status=none 2>/dev/null
}

# (a) room for the map and one sidecar: before, the map stayed and the
# world file was missing; now nothing appears.
for room in $map_pages $((map_pages + 1)) $((map_pages + 2)); do
  rm -f disk/map.* disk/.map.*
  fill_to "$room"
  "$incmap" "${args[@]}" -o disk/map.png 2>err; rc=$?
  [ $rc -eq 1 ] || fail "room for $room pages: exit $rc, expected 1"
  grep -q "No space left" err || fail "room for $room pages: the message does not say the disk is full"
  left=$(ls -A disk | grep -v '^filler$')
  [ -z "$left" ] || fail "room for $room pages: left behind: $left"
done

# (b) an existing set survives a failed rerun untouched.
rm -f disk/filler
"$incmap" "${args[@]}" -o disk/map.png --title "yesterday" || fail "the first render on the tmpfs"
sum_before=$(cd disk && cat map.png map.pgw map.prj map.png.aux.xml | md5sum)
fill_to 1
"$incmap" "${args[@]}" -o disk/map.png --title "today" 2>err; rc=$?
[ $rc -eq 1 ] || fail "rerun on a full disk: exit $rc, expected 1"
sum_after=$(cd disk && cat map.png map.pgw map.prj map.png.aux.xml | md5sum)
[ "$sum_before" = "$sum_after" ] || fail "rerun on a full disk changed yesterday's files"
left=$(ls -A disk | grep -v -e '^filler$' -e '^map\.')
[ -z "$left" ] || fail "rerun on a full disk left: $left"

# (c) with room, all four appear.
rm -f disk/filler disk/map.*
"$incmap" "${args[@]}" -o disk/map.png || fail "render with room"
for f in map.png map.pgw map.prj map.png.aux.xml; do [ -s "disk/$f" ] || fail "$f missing"; done

[ $failures -eq 0 ] || { echo "$failures failure(s)"; cat err; exit 1; }
echo "all full-disk checks passed"
