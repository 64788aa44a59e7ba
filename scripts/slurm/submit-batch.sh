#!/bin/bash
# Submits a recipe to Slurm: an array of SHARES tasks (insitu-batch.sbatch) and the merge as a
# job that starts when they have all ended. Extra arguments go to both sbatch calls
# (e.g. --partition=short --account=lab).
#   scripts/slurm/submit-batch.sh RECIPE.json SHARES [SBATCH OPTIONS...]
set -euo pipefail
recipe="${1:?usage: submit-batch.sh RECIPE.json SHARES [sbatch options]}"
shares="${2:?usage: submit-batch.sh RECIPE.json SHARES [sbatch options]}"
shift 2
script="$(dirname "${BASH_SOURCE[0]}")/insitu-batch.sbatch"
array=$(sbatch --parsable --array=0-$((shares - 1)) "$@" "$script" "$recipe")
array="${array%%;*}"
merge=$(sbatch --parsable --dependency=afterany:"$array" --job-name=insitu-merge \
    --output=insitu-merge-%j.out "$@" "$script" --merge "$recipe")
echo "array job $array ($shares tasks), merge job ${merge%%;*}"
