/**
 * One shard of a run (`--shard K/N`): the request each task gets, the folder the shard writes
 * in, and the `shard` block its results carry for `glue-eval merge`.
 */
import { join } from "node:path";
import { UsageError } from "../errors.js";
import { graphPrecisionOf } from "../model/inspect.js";
import type { Precision } from "../precision.js";
import type { TaskResult } from "../results/schema.js";
import type { ShardRequest, ShardSlice } from "../tasks/shard.js";
import { resolveBatchOrder, type RunConfig, type ShardSpec } from "./config.js";
import type { InferStats } from "./infer.js";

/** Beside the merged results: `<output dir>/shards/<K>-of-<N>/`, one folder per shard, so no two shards write the same path. */
export const SHARDS_FOLDER = "shards";

export function shardFolder(outputDir: string, shard: ShardSpec): string {
  return join(outputDir, SHARDS_FOLDER, `${shard.index}-of-${shard.count}`);
}

/**
 * Before any work: `--batch-order length` on a graph whose outputs depend on the batch (dynamic
 * int8) gives a shard other batches, so other logits, than the unsharded run; the default
 * (file order for such graphs) cuts on the unsharded run's batches instead.
 */
export async function checkShardOrder(config: Pick<RunConfig, "shard" | "batchOrder">, graphPaths: readonly string[]): Promise<void> {
  if (config.shard === undefined || config.batchOrder !== "length") return;
  for (const graph of graphPaths) {
    if ((await graphPrecisionOf(graph)).batchDependent) {
      throw new UsageError(
        `--shard cannot reproduce --batch-order length on ${graph}: its outputs depend on which examples share a batch (dynamic quantization); leave --batch-order at auto or use file`,
      );
    }
  }
}

/**
 * The task option for a sharded run. Batches cut in file order may depend on their
 * neighbours (dynamic int8 ranges span the batch), so the cuts fall on the unsharded run's
 * batch boundaries; length-sorted batches give every example the same outputs whatever its
 * neighbours, so any cut will do.
 */
export function shardOption(
  config: Pick<RunConfig, "shard" | "batchOrder" | "options">,
  precision: Pick<Precision, "batchDependent">,
): { shard?: ShardRequest } {
  if (config.shard === undefined) return {};
  const align = resolveBatchOrder(config, precision) === "file" ? config.options.batchSize : 1;
  return { shard: { ...config.shard, align } };
}

/** A shard's results: the run's, plus which examples it holds and the tokens it fed. */
export function shardResult(result: TaskResult, slice: ShardSlice | undefined, stats: Pick<InferStats, "realTokens" | "fedTokens">): TaskResult {
  if (slice === undefined) throw new Error(`task ${result.task} did not evaluate the shard it was asked for`);
  const { index, count, start, end, total } = slice;
  return { ...result, shard: { index, count, start, end, total, fedTokens: stats.fedTokens, realTokens: stats.realTokens } };
}
