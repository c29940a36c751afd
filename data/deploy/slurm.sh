#!/usr/bin/env bash
# A Slurm job array: each array task runs one shard of the manifest.
#
#   sbatch --array=0-3 --export=ALL,NOW=$(date -u +%F) data/deploy/slurm.sh 4 /srv/maps/nightly.json
#
# The first argument is the number of shards N, given explicitly; array task
# i runs shard i+1 of N (--shard $((i+1))/N). So the split depends only on N,
# never on which array indices are running: rerunning the failed tasks of a
# night with
#   sbatch --array=1,3 --export=ALL,NOW=2021-07-09 data/deploy/slurm.sh 4 /srv/maps/nightly.json
# renders exactly the jobs tasks 1 and 3 had, and --array=0-6:2 with N = 7
# runs shards 1, 3, 5 and 7 of 7 (the others are left for another array).
# Array indices run from 0 to N-1; an index >= N is an error.
# Give NOW (the day the maps are for) at submission, and the same NOW for a
# rerun, so every task renders the same day even when it waits past midnight.
# The output root must be on a file system every node sees. INCMAP is the
# incmap command (default: incmap on PATH), INCMAP_BASEMAPS is passed on
# (sbatch --export=ALL).
#SBATCH --job-name=incmap-nightly
#SBATCH --array=0-3
#SBATCH --cpus-per-task=4
#SBATCH --mem=4G
#SBATCH --time=01:00:00
#SBATCH --output=incmap-%A_%a.log
set -euo pipefail
usage="usage: sbatch --array=0-(N-1) slurm.sh N MANIFEST [incmap batch options...]"
n=${1:?$usage}
manifest=${2:?$usage}
shift 2
case $n in '' | *[!0-9]* | 0) echo "slurm.sh: N must be a positive number: $n" >&2; exit 2 ;; esac
task=${SLURM_ARRAY_TASK_ID:?"slurm.sh: not an array task (submit with sbatch --array=0-$((n - 1)))"}
if [ "$task" -ge "$n" ]; then
  echo "slurm.sh: array index $task is outside 0-$((n - 1)) for $n shards" >&2
  exit 2
fi
exec "${INCMAP:-incmap}" batch "$manifest" --shard "$((task + 1))/$n" \
  --jobs "${SLURM_CPUS_PER_TASK:-1}" --now "${NOW:-$(date -u +%F)}" \
  --summary "incmap-summary-$((task + 1))-of-$n.json" "$@"
