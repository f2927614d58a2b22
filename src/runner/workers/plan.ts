/**
 * How `--nproc` splits a run over worker processes: how many, the onnxruntime threads and GPU of
 * each, and the slice of every task each one evaluates. Pure: what it decides from is measured
 * by auto.ts.
 */
import { UsageError } from "../../errors.js";
import type { RunConfig, ShardSpec } from "../config.js";

/** The split of one run, recorded in its results (`timing.workers`). */
export interface WorkerPlan {
  count: number;
  /** onnxruntime intra-op threads of each worker. */
  threads: number;
  /** Worker i's GPU (`--device-id` of the visible devices, as LOCAL_RANK picks them); absent on the CPU. */
  devices?: number[];
  /** Why this many: the flag, or what `auto` measured and the part of its rule that decided. */
  rule: string;
}

/** What `auto` decides from (auto.ts measures it). */
export interface Measured {
  /** Cores for onnxruntime: --threads when given, else os.availableParallelism(). */
  cores: number;
  /** os.freemem(): memory the workers' copies of the weights must fit in. */
  freeBytes: number;
  /** GPUs visible to this process (CUDA_VISIBLE_DEVICES, else the driver's list); null when unknown. */
  gpus: number | null;
  /** Examples of every task (GLUE rows, SQuAD questions), after --limit. */
  examples: number;
  /** The largest model row's graph and external-data files, in bytes. */
  weightBytes: number;
  /** A graph whose outputs depend on the batch, batched by length: workers cannot reproduce one process's batches. */
  unshardable: boolean;
}

/** Providers that run on a numbered device. */
const DEVICE_PROVIDERS = ["cuda", "tensorrt", "dml"];

/**
 * Weights above this keep every thread of one process busy: BERT-base (418 MB) ran no faster as
 * 2 processes than as 1 with 2 threads, tiny BERT (4 MiB) 27% faster (docs/scale-out.md).
 */
export const LARGE_WEIGHTS = 100 * 1024 * 1024;
/**
 * Fewer examples than this per worker, and a worker's start (a Node.js process, the addons, the
 * session, the join) outweighs what it saves: about 0.4 s against 27% of tiny BERT's 0.11 ms a
 * QQP pair on 2 cores, even at about 13,000 pairs for 2 workers (docs/scale-out.md).
 */
export const MIN_EXAMPLES_PER_WORKER = 5000;
/** Per worker besides its weights: Node.js, the tokenizer, onnxruntime's arenas (the bench's peak RSS of tiny BERT is under 300 MiB). */
export const WORKER_BYTES = 300 * 1024 * 1024;
/** Left free for the parent and the rest of the machine. */
export const MEMORY_MARGIN = 1024 * 1024 * 1024;

const usesDevice = (config: Pick<RunConfig, "executionProvider">): boolean => DEVICE_PROVIDERS.includes(config.executionProvider);
const threadsEach = (cores: number, count: number): number => Math.max(1, Math.floor(cores / count));
const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MiB`;

/** `--nproc N`: checked against the flags it goes with; `cores` is --threads, else the machine's. */
export function fixedPlan(count: number, config: Pick<RunConfig, "executionProvider" | "deviceId">, cores: number, gpus: number | null): WorkerPlan {
  const rule = `--nproc ${count}`;
  if (!usesDevice(config) || count === 1) return { count, threads: threadsEach(cores, count), rule };
  if (config.deviceId !== undefined) throw new UsageError(`--device-id picks one GPU; with --nproc ${count} worker i runs on GPU i of the visible devices`);
  if (gpus !== null && count > gpus) throw new UsageError(`--nproc ${count}: worker i runs on GPU i, and ${gpus} GPU${gpus === 1 ? " is" : "s are"} visible`);
  return { count, threads: threadsEach(cores, count), devices: Array.from({ length: count }, (_, i) => i), rule };
}

/**
 * `--nproc auto`. On a GPU provider: one worker per visible GPU (one when --device-id names
 * one). On the CPU, the least of: the cores; the workers whose copies of the weights fit in
 * free memory (weights + 300 MiB each, 1 GiB left over); one per 5,000 examples. One worker
 * for weights above 100 MiB, and where one process's batches cannot be reproduced.
 */
export function autoPlan(config: Pick<RunConfig, "executionProvider" | "deviceId">, m: Measured): WorkerPlan {
  const one = (why: string): WorkerPlan => ({ count: 1, threads: m.cores, rule: `auto: 1 (${why})` });
  if (m.unshardable) return one("--batch-order length on a graph whose outputs depend on the batch");
  if (usesDevice(config)) {
    if (config.deviceId !== undefined) return one("--device-id names one GPU");
    if (m.gpus === null || m.gpus < 2) return one(`${m.gpus ?? "no count of"} visible GPU${m.gpus === 1 ? "" : "s"}`);
    return { ...fixedPlan(m.gpus, config, m.cores, m.gpus), rule: `auto: ${m.gpus} (one per visible GPU)` };
  }
  if (m.weightBytes > LARGE_WEIGHTS) return one(`weights ${mb(m.weightBytes)}, above ${mb(LARGE_WEIGHTS)}: one process keeps the cores busy`);
  const fit = Math.floor((m.freeBytes - MEMORY_MARGIN) / (m.weightBytes + WORKER_BYTES));
  const byExamples = Math.floor(m.examples / MIN_EXAMPLES_PER_WORKER);
  const count = Math.max(1, Math.min(m.cores, fit, byExamples));
  const measured = `${m.cores} cores, ${m.examples} examples, weights ${mb(m.weightBytes)}, ${mb(m.freeBytes)} free`;
  return { count, threads: threadsEach(m.cores, count), rule: `auto: ${count} (${measured})` };
}

/**
 * Worker i of `count`: shard K·count + i of N·count within `--shard K/N` (else shard i of
 * count). The cuts of shard k of n fall nearest k / n of the features, so the workers' slices
 * tile the node's shard exactly, cut as `--shard` cuts (on the same batch boundaries in file order).
 */
export function workerShard(node: ShardSpec | undefined, index: number, count: number): ShardSpec {
  return node === undefined ? { index, count } : { index: node.index * count + index, count: node.count * count };
}

/**
 * A worker's run: its slice, threads and device, into its own folder, no bar of its own. The
 * overlap of tasks is decided for the machine: on where the workers leave cores free.
 */
export function workerConfig(config: RunConfig, plan: WorkerPlan, index: number, outputDir: string, cores: number): RunConfig {
  // A worker writes its slice into its folder whatever the run writes; the join gives the records and the predictions.
  const { nproc: _, deviceId: __, write: _write, keepPredictions: _keep, overwrite: _overwrite, ...rest } = config;
  const device = plan.devices?.[index];
  const free = config.executionProvider !== "cpu" || plan.threads * plan.count < cores;
  return {
    ...rest,
    threads: plan.threads,
    outputDir,
    progress: false,
    overlap: config.overlap === "auto" ? (free ? "on" : "off") : config.overlap,
    shard: workerShard(config.shard, index, plan.count),
    ...(device === undefined ? (config.deviceId === undefined ? {} : { deviceId: config.deviceId }) : { deviceId: device }),
  };
}
