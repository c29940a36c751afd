#!/usr/bin/env bash
# Run a manifest as N shards on several hosts with GNU parallel.
#
#   data/deploy/parallel.sh MANIFEST HOSTS N [incmap batch options...]
#   data/deploy/parallel.sh /srv/maps/nightly.json host1,host2,host3 6
#
# HOSTS are ssh logins as parallel's -S takes them (":" is this machine).
# Each host runs one shard at a time (PER_HOST=1), and incmap uses all of
# that host's CPUs for it. Every host needs incmap, the manifest and its
# inputs at the same absolute paths, and the output root on a shared file
# system; the shards write disjoint files, so nothing needs merging.
# INCMAP_BASEMAPS, when set here, is passed to every host (parallel --env),
# so remote hosts use the same basemap folder; when it is not set, each
# host's incmap uses its installed basemaps, and a host without them fails
# its shard (exit 3) instead of drawing maps without a basemap.
# Environment: INCMAP (the incmap command, default "incmap"), PER_HOST
# (shards at once per host, default 1), NOW (default: today, UTC, taken
# once here so shards started around midnight agree), SSH (parallel's
# --ssh, default ssh).
# Exit status: the number of failed shards (0 when all succeeded).
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 MANIFEST HOSTS N [incmap batch options...]" >&2
  exit 2
fi
manifest=$1 hosts=$2 n=$3
shift 3
incmap=${INCMAP:-incmap}
now=${NOW:-$(date -u +%F)}
envs=()
if [ -n "${INCMAP_BASEMAPS:-}" ]; then
  export INCMAP_BASEMAPS
  envs=(--env INCMAP_BASEMAPS)
fi
exec parallel --will-cite --halt never -S "$hosts" --ssh "${SSH:-ssh}" "${envs[@]}" \
  -j "${PER_HOST:-1}" --tag --line-buffer \
  "$incmap" batch "$manifest" --shard {}/"$n" --now "$now" "$@" ::: $(seq 1 "$n")
