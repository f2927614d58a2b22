/**
 * `--shard K/N|auto`, `--shards N` and `--device-id N|auto`, read from the flags and from the
 * variables the schedulers users already run set for each process: a Kubernetes Indexed Job
 * (JOB_COMPLETION_INDEX), a Slurm job array (SLURM_ARRAY_TASK_ID, _MIN, _COUNT), launchers
 * that start one process per GPU (LOCAL_RANK) and GPU binding (CUDA_VISIBLE_DEVICES).
 */
import { RUN_LIMITS } from "../api/defaults.js";
import { UsageError } from "../errors.js";
import type { ShardSpec } from "../runner/config.js";
import { intFlag } from "./args.js";

type Env = Readonly<Record<string, string | undefined>>;

/** Providers that run on a numbered device. */
const DEVICE_PROVIDERS = ["cuda", "tensorrt", "dml"];

function envInt(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`${name} must be a whole number, got "${raw}"`);
  return Number(raw.trim());
}

/** `count` is --shards, already checked to be a whole number from 1 by the flag table. */
export function parseShard(shard: string | undefined, count: number | undefined, env: Env = process.env): ShardSpec | undefined {
  if (shard === undefined) {
    if (count !== undefined) throw new UsageError("--shards goes with --shard auto (or give --shard K/N)");
    return undefined;
  }
  if (shard.trim() === "auto") return autoShard(count, env);
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(shard);
  if (match === null) throw new UsageError(`--shard must be K/N (shard K of N, from 0) or auto, got "${shard}"`);
  const spec = { index: Number(match[1]), count: Number(match[2]) };
  if (spec.count < 1) throw new UsageError(`--shard ${shard}: N must be at least 1`);
  if (spec.index >= spec.count) throw new UsageError(`--shard ${shard}: K counts from 0 and must be below N`);
  if (count !== undefined && count !== spec.count) throw new UsageError(`--shard ${shard} and --shards ${count} disagree on the number of shards`);
  return spec;
}

function autoShard(shards: number | undefined, env: Env): ShardSpec {
  const job = envInt(env, "JOB_COMPLETION_INDEX");
  const task = envInt(env, "SLURM_ARRAY_TASK_ID");
  let index: number;
  let from: string;
  if (job !== undefined) {
    index = job;
    from = `JOB_COMPLETION_INDEX ${job}`;
  } else if (task !== undefined) {
    const min = envInt(env, "SLURM_ARRAY_TASK_MIN") ?? 0;
    index = task - min;
    from = `SLURM_ARRAY_TASK_ID ${task} − SLURM_ARRAY_TASK_MIN ${min}`;
  } else {
    throw new UsageError(
      "--shard auto needs JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (a Slurm job array); elsewhere give --shard K/N",
    );
  }
  const count = shards ?? envInt(env, "SLURM_ARRAY_TASK_COUNT");
  if (count === undefined) throw new UsageError("--shard auto needs the number of shards: --shards N, or SLURM_ARRAY_TASK_COUNT in a Slurm job array");
  if (count < 1) throw new UsageError("SLURM_ARRAY_TASK_COUNT must be at least 1");
  if (index < 0 || index >= count) {
    throw new UsageError(
      `--shard auto: shard ${index} (${from}) is not one of the ${count} shards 0…${count - 1} (a Slurm array needs consecutive task ids, e.g. --array=0-${count - 1})`,
    );
  }
  return { index, count };
}

/**
 * `auto`: a launcher that gives each process its own GPU (CUDA_VISIBLE_DEVICES naming one
 * device) makes it device 0; else LOCAL_RANK picks among the visible devices; else the first
 * visible device.
 */
export function parseDeviceId(value: string | undefined, executionProvider: string, env: Env = process.env): number | undefined {
  if (value === undefined) return undefined;
  if (!DEVICE_PROVIDERS.includes(executionProvider)) {
    throw new UsageError(`--device-id applies to --execution-provider ${DEVICE_PROVIDERS.join(", ")}; this run uses ${executionProvider}`);
  }
  if (value.trim() !== "auto") return intFlag("device-id", value, 0, RUN_LIMITS.deviceId.min, RUN_LIMITS.deviceId.max);
  const visible = env.CUDA_VISIBLE_DEVICES?.trim();
  const devices = visible === undefined || visible === "" ? null : visible.split(",").length;
  const rank = envInt(env, "LOCAL_RANK");
  if (devices === 1) return 0;
  if (rank !== undefined) {
    if (devices !== null && rank >= devices)
      throw new UsageError(`--device-id auto: LOCAL_RANK ${rank} is past the ${devices} devices in CUDA_VISIBLE_DEVICES="${visible}"`);
    return rank;
  }
  if (devices !== null) return 0;
  throw new UsageError(
    "--device-id auto needs LOCAL_RANK (one process per GPU, as torchrun starts them) or CUDA_VISIBLE_DEVICES (as Slurm and Kubernetes set it)",
  );
}
