#!/usr/bin/env bash
# A Slurm job array: each array task runs one shard of the manifest.
#
#   sbatch --array=0-3 --export=ALL,NOW=$(date -u +%F) data/scaleout/slurm.sh /srv/maps/nightly.json
#
# incmap reads the shard from SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and
# SLURM_ARRAY_TASK_COUNT (--shard auto), so the array size is the number of
# shards: change --array and nothing else. Use a step of 1 (0-3 or 1-4).
# NOW is given at submission so every task renders the same day even when
# the array waits in the queue past midnight. The output root must be on a
# file system every node sees. INCMAP overrides the incmap command.
#SBATCH --job-name=incmap-nightly
#SBATCH --array=0-3
#SBATCH --cpus-per-task=4
#SBATCH --mem=4G
#SBATCH --time=01:00:00
#SBATCH --output=incmap-%A_%a.log
set -euo pipefail
manifest=${1:?usage: sbatch slurm.sh MANIFEST [incmap batch options...]}
shift
exec "${INCMAP:-incmap}" batch "$manifest" --shard auto --jobs "${SLURM_CPUS_PER_TASK:-1}" \
  --now "${NOW:-$(date -u +%F)}" --summary "incmap-summary-${SLURM_ARRAY_TASK_ID:-0}.json" "$@"
