/**
 * The command line a library evaluation records in its results (`command` in <task>.json): the
 * `glue-eval` call that evaluates the same, so that a reader can rerun it without the program
 * that made it. Flags at their default are left out.
 */
import type { RunConfig } from "../runner/config.js";
import { defaultCacheDir } from "../runner/cache/store.js";
import { RUN_DEFAULTS } from "./defaults.js";

export function equivalentCommand(config: RunConfig): string[] {
  const argv = ["glue-eval", "--task", config.tasks.join(",")];
  for (const model of config.models) argv.push("--model", model);
  for (const name of config.names) if (name !== null) argv.push("--name", name);
  const flag = (name: string, value: string | number | null | undefined, fallback?: string | number): void => {
    if (value !== null && value !== undefined && value !== fallback) argv.push(`--${name}`, String(value));
  };
  const { options } = config;
  flag("dtype", typeof config.dtype === "string" ? config.dtype : config.dtype.join(","), RUN_DEFAULTS.dtype);
  flag("revision", config.revision);
  flag("data-dir", options.dataDir, RUN_DEFAULTS.dataDir);
  flag("output-dir", config.outputDir);
  flag("split", options.split, RUN_DEFAULTS.split);
  flag("max-seq-length", config.maxSeqLength);
  flag("batch-size", options.batchSize, RUN_DEFAULTS.batchSize);
  flag("batch-order", config.batchOrder, RUN_DEFAULTS.batchOrder);
  flag("limit", options.limit);
  flag("label-map", options.labelMap?.join(","));
  flag("labels-file", options.labelsFile);
  flag("doc-stride", options.docStride, RUN_DEFAULTS.docStride);
  flag("n-best-size", options.nBestSize, RUN_DEFAULTS.nBestSize);
  flag("max-answer-length", options.maxAnswerLength, RUN_DEFAULTS.maxAnswerLength);
  flag("null-score-diff-threshold", options.nullScoreDiffThreshold, RUN_DEFAULTS.nullScoreDiffThreshold);
  flag("threads", config.threads, RUN_DEFAULTS.threads);
  flag("nproc", config.nproc, RUN_DEFAULTS.nproc);
  flag("overlap", config.overlap, RUN_DEFAULTS.overlap);
  flag("execution-provider", config.executionProvider, RUN_DEFAULTS.executionProvider);
  flag("device-id", config.deviceId);
  flag("shard", config.shard === undefined ? undefined : `${config.shard.index}/${config.shard.count}`);
  if (config.cacheDir === null) argv.push("--no-cache");
  else flag("cache-dir", config.cacheDir, defaultCacheDir());
  return argv;
}
