#!/usr/bin/env bash
# A read-only and a full output folder fail only the job that writes there,
# with a message and exit 1, leaving no partial file and the old file intact.
# As root, permissions do not stop writes, so the folders are tmpfs mounts
# (read-only, and 64 KiB); without mounts, a read-only folder is tested as
# the user nobody; what cannot be set up is skipped with a message.
# Usage: faults.sh INCMAP DATA_DIR TESTS_DIR SCRATCH
set -euo pipefail
incmap=$1 data=$2 scratch=$4
mounts=()
cleanup() { for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || true; done; }
trap cleanup EXIT
for m in "$scratch"/out/ro "$scratch"/out/full; do umount "$m" 2>/dev/null || true; done
rm -rf "$scratch" && mkdir -p "$scratch/out/ro" "$scratch/out/full"
fail() { echo "FAIL: $*"; exit 1; }
cat > "$scratch/manifest.json" <<JSON
{
  "output_root": "out",
  "defaults": {"inputs": ["$data/iraq-2021.json"], "basemap": "none", "size": "2000x1500"},
  "jobs": [
    {"name": "read-only", "output": "ro/map.png"},
    {"name": "full", "output": "full/map.png"},
    {"name": "fine", "output": "fine.png"}
  ]
}
JSON
as=()
tested=()
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k tmpfs "$scratch/out/full" 2>/dev/null; then
  mounts+=("$scratch/out/full")
  echo "yesterday" > "$scratch/out/full/map.png"   # the old map, which must survive
  mount -t tmpfs -o ro,size=64k tmpfs "$scratch/out/ro"
  mounts+=("$scratch/out/ro")
  tested+=(read-only full)
elif [ "$(id -u)" -ne 0 ]; then
  chmod 555 "$scratch/out/ro"
  tested+=(read-only)
elif command -v setpriv >/dev/null && setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
  chmod 777 "$scratch" "$scratch/out" "$scratch/out/full"
  chmod 555 "$scratch/out/ro"
  as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
  setpriv --reuid=nobody --regid=nogroup --clear-groups test -x "$incmap" \
    || { echo "SKIP: the user nobody cannot run $incmap"; exit 77; }
  tested+=(read-only)
  echo "note: cannot mount tmpfs; the full-folder case is skipped"
else
  echo "SKIP: running as root without mount or setpriv: no way to make a folder unwritable"
  exit 77
fi

set +e
"${as[@]}" "$incmap" batch "$scratch/manifest.json" --jobs 3 --now 2021-07-09 2> "$scratch/err"
rc=$?
set -e
cat "$scratch/err"
[ $rc -eq 1 ] || fail "exit $rc, expected 1"
[ -s "$scratch/out/fine.png" ] || fail "the job with a good folder did not write its map"
grep -q "read-only: error: .*ro/map.png.*\(Read-only file system\|Permission denied\)" "$scratch/err" \
  || fail "no message for the read-only folder"
[ -z "$(ls -A "$scratch/out/ro")" ] || fail "something was written into the read-only folder"
if [[ " ${tested[*]} " == *" full "* ]]; then
  grep -q "full: error: .*full/map.png.*No space left on device" "$scratch/err" \
    || fail "no message for the full folder"
  [ "$(cat "$scratch/out/full/map.png")" = yesterday ] || fail "the old map in the full folder was changed"
  [ "$(ls -A "$scratch/out/full")" = map.png ] || fail "a partial file was left: $(ls -A "$scratch/out/full")"
fi
grep -q "failed  read-only" "$scratch/err" || fail "no summary line for the failed job"
echo "ok: tested ${tested[*]}"
