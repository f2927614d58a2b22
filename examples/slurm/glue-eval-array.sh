#!/bin/bash
# One glue-eval run spread over a Slurm job array, then merged:
#
#   sbatch examples/slurm/glue-eval-array.sh
#   MODEL=models/other TASKS=squad_v2 sbatch --array=0-15 examples/slurm/glue-eval-array.sh
#
# Each array task evaluates one shard of every task: --shard auto takes K from
# SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN and N from SLURM_ARRAY_TASK_COUNT (use
# consecutive ids: --array=0-7, not 0-14:2). The first task queues the merge, which
# starts once every task of the array has succeeded. Failed tasks can be rerun alone, in one
# submission; Slurm then counts an array of just those, so give the whole array's size
# (ids from 0):
#
#   SHARDS=8 sbatch --array=2,5 examples/slurm/glue-eval-array.sh
#
# They reuse what they had cached, and the first of them queues the merge again. The results
# folder must be on a file system that all nodes share.
#
#SBATCH --job-name=glue-eval
#SBATCH --array=0-7
#SBATCH --cpus-per-task=8
#SBATCH --mem=16G
#SBATCH --time=04:00:00
#SBATCH --output=glue-eval-%A_%a.log
# GPUs: request one per task and set GPU=1 (Slurm sets CUDA_VISIBLE_DEVICES, which
# --device-id auto reads):
##SBATCH --gpus-per-task=1
set -euo pipefail

MODEL=${MODEL:-models/my-model}
TASKS=${TASKS:-glue}
DATA_DIR=${DATA_DIR:-data}
OUT=${OUT:-results/$(basename "$MODEL")}
CACHE_DIR=${CACHE_DIR:-${GLUE_EVAL_CACHE_DIR:-$HOME/.cache/glue-eval}}
GPU=${GPU:-0}

SHARD=auto
if [ -n "${SHARDS:-}" ]; then SHARD="$SLURM_ARRAY_TASK_ID/$SHARDS"; fi
device=()
if [ "$GPU" = 1 ]; then device=(--execution-provider cuda --device-id auto); fi

if [ "$SLURM_ARRAY_TASK_ID" = "$SLURM_ARRAY_TASK_MIN" ]; then
  sbatch --job-name=glue-eval-merge --dependency="afterok:$SLURM_ARRAY_JOB_ID" --kill-on-invalid-dep=yes \
    --output="glue-eval-%j-merge.log" --wrap "glue-eval merge '$OUT'"
fi

glue-eval --task "$TASKS" --model "$MODEL" --data-dir "$DATA_DIR" --output-dir "$OUT" \
  --cache-dir "$CACHE_DIR" --threads "${SLURM_CPUS_PER_TASK:-1}" --shard "$SHARD" --no-progress \
  ${device[@]+"${device[@]}"}
