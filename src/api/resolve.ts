/**
 * The one function that turns evaluate's options into the frozen run configuration, defaults
 * filled in (defaults.ts); `glue-eval run` reads its flags into the same options and resolves
 * them here too.
 */
import { UsageError } from "../errors.js";
import { parseDtypeList } from "../model/variants.js";
import { DTYPES } from "../precision.js";
import { defaultCacheDir } from "../runner/cache/store.js";
import type { RunConfig } from "../runner/config.js";
import { resolveTaskList } from "../tasks/catalogue/resolve.js";
import { equivalentCommand } from "./command.js";
import { type LimitedOption, RUN_DEFAULTS, RUN_LIMITS } from "./defaults.js";
import type { EvaluateOptions } from "./options.js";

const list = <T>(value: T | readonly T[]): readonly T[] => (Array.isArray(value) ? (value as readonly T[]) : [value as T]);

/** A whole number in its range, or the option's default; a bad one is a UsageError naming the option. */
function whole(name: LimitedOption, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const { min, max } = RUN_LIMITS[name] as { min: number; max?: number };
  if (!Number.isSafeInteger(value) || value < min || (max !== undefined && value > max)) {
    throw new UsageError(`${name} must be a whole number from ${min}${max === undefined ? " up" : ` to ${max}`}, got ${value}`);
  }
  return value;
}

function oneOf<const T extends string>(name: string, value: T | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) throw new UsageError(`${name} must be ${allowed.join(", ")}, got "${String(value)}"`);
  return value;
}

function dtypeOf(value: EvaluateOptions["dtype"]): RunConfig["dtype"] {
  if (value === undefined) return RUN_DEFAULTS.dtype;
  const parsed = parseDtypeList(list(value).join(","));
  if ("bad" in parsed) throw new UsageError(`dtype: unknown "${parsed.bad}" (use ${DTYPES.join(", ")}, a list of them, or all)`);
  const [only] = parsed.dtypes;
  return parsed.dtypes.length === 1 && only !== undefined && only !== "all" ? only : Object.freeze(parsed.dtypes);
}

/** Absent for one process, so that a run in one process is configured as before there were workers. */
function nprocOf(nproc: EvaluateOptions["nproc"]): { nproc?: number | "auto" } {
  if (nproc === "auto") return { nproc };
  const n = whole("nproc", nproc, RUN_DEFAULTS.nproc);
  return n === 1 ? {} : { nproc: n };
}

function shardOf(shard: EvaluateOptions["shard"]): { shard?: { index: number; count: number } } {
  if (shard === undefined) return {};
  const count = whole("shards", shard.count, 1);
  if (!Number.isSafeInteger(shard.index) || shard.index < 0 || shard.index >= count) {
    throw new UsageError(`shard.index counts from 0 and must be below shard.count (${count}), got ${shard.index}`);
  }
  return { shard: { index: shard.index, count } };
}

/** The options checked, defaults filled in, frozen: what the runner evaluates. */
export function resolveRunConfig(options: EvaluateOptions): RunConfig {
  const models = list(options.model);
  if (models.length === 0 || models.some((m) => typeof m !== "string" || m === "")) throw new UsageError("model: give a model folder or hub id");
  const names = options.names ?? [];
  if (names.length > 0 && names.length !== models.length)
    throw new UsageError(`names: ${names.length} given for ${models.length} models; give one per model, or none`);
  const write = options.write ?? options.outputDir !== undefined;
  const nullScore = options.nullScoreDiffThreshold ?? RUN_DEFAULTS.nullScoreDiffThreshold;
  if (!Number.isFinite(nullScore)) throw new UsageError(`nullScoreDiffThreshold must be a finite number, got ${nullScore}`);
  const limit = options.limit ?? null;
  const maxSeqLength = options.maxSeqLength ?? null;
  const config: RunConfig = {
    models: [...models],
    names: models.map((_, i) => names[i] ?? null),
    tasks: resolveTaskList(list(options.tasks).join(",")),
    dtype: dtypeOf(options.dtype),
    ...(options.revision === undefined ? {} : { revision: options.revision }),
    outputDir: options.outputDir ?? null,
    threads: whole("threads", options.threads, RUN_DEFAULTS.threads),
    ...nprocOf(options.nproc),
    overlap: oneOf("overlap", options.overlap, ["auto", "on", "off"], RUN_DEFAULTS.overlap),
    executionProvider: options.executionProvider ?? RUN_DEFAULTS.executionProvider,
    maxSeqLength: maxSeqLength === null ? null : whole("maxSeqLength", maxSeqLength, 0),
    options: {
      dataDir: options.dataDir ?? RUN_DEFAULTS.dataDir,
      split: oneOf("split", options.split, ["dev", "test"], RUN_DEFAULTS.split),
      limit: limit === null ? null : whole("limit", limit, 0),
      batchSize: whole("batchSize", options.batchSize, RUN_DEFAULTS.batchSize),
      labelMap: options.labelMap === undefined || options.labelMap === null ? null : [...options.labelMap],
      docStride: whole("docStride", options.docStride, RUN_DEFAULTS.docStride),
      nBestSize: whole("nBestSize", options.nBestSize, RUN_DEFAULTS.nBestSize),
      maxAnswerLength: whole("maxAnswerLength", options.maxAnswerLength, RUN_DEFAULTS.maxAnswerLength),
      nullScoreDiffThreshold: nullScore,
      labelsFile: options.labelsFile ?? null,
    },
    batchOrder: oneOf("batchOrder", options.batchOrder, ["auto", "length", "file"], RUN_DEFAULTS.batchOrder),
    cacheDir: options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir,
    command: [],
    progress: options.logProgress ?? false,
    ...shardOf(options.shard),
    ...(options.deviceId === undefined ? {} : { deviceId: whole("deviceId", options.deviceId, 0) }),
    // Absent on the command line, which always writes: only the library's departures are spelled out.
    ...(write ? {} : { write: false }),
    ...(options.predictions === true ? { keepPredictions: true } : {}),
    ...(options.overwrite === true ? { overwrite: true } : {}),
  };
  config.command = options.command === undefined ? equivalentCommand(config) : [...options.command];
  return Object.freeze(config);
}
