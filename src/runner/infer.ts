/** Batched inference over length-sorted batches; results come back in feature order. */
import { GlueEvalError } from "../errors.js";
import type { ModelSession } from "../model/session.js";
import type { Feature, InferOutputs } from "../tasks/types.js";
import { type PaddingStats, paddingStats, planBatches } from "./batching.js";
import { buildFeeds } from "./tensors.js";

export interface InferOptions {
  batchSize: number;
  padId: number;
  onBatch?: (done: number, total: number) => void;
}

export interface InferStats extends PaddingStats {
  seconds: number;
  batches: number;
}

export async function inferAll(
  session: ModelSession,
  features: readonly Feature[],
  outputs: readonly string[],
  options: InferOptions,
  stats?: InferStats,
): Promise<InferOutputs> {
  const missing = outputs.filter((name) => !session.outputNames.includes(name));
  if (missing.length > 0) {
    throw new GlueEvalError("MODEL", `the graph has no output ${missing.join(", ")} (it has: ${session.outputNames.join(", ")})`);
  }
  const started = performance.now();
  const batches = planBatches(features, options.batchSize);
  const result: InferOutputs = new Map(outputs.map((name) => [name, new Array<Float32Array>(features.length)]));
  let done = 0;
  for (const batch of batches) {
    const out = await session.run(buildFeeds(features, batch, session.inputNames, options.padId));
    for (const name of outputs) {
      const tensor = out[name];
      const rows = result.get(name);
      if (tensor === undefined || rows === undefined) throw new GlueEvalError("MODEL", `inference returned no output ${name}`);
      const stride = tensor.data.length / batch.members.length;
      // `logits` is one row per sequence; other 2-D outputs sized by the batch's length
      // (start_logits, end_logits) are one value per token.
      const perToken = name !== "logits" && tensor.dims.length === 2 && tensor.dims[1] === batch.length;
      batch.members.forEach((m, r) => {
        // Per-token outputs (QA logits) are cut back to the feature's own length.
        const keep = perToken ? (features[m]?.ids.length ?? stride) : stride;
        rows[m] = tensor.data.slice(r * stride, r * stride + keep);
      });
    }
    done += batch.members.length;
    options.onBatch?.(done, features.length);
  }
  if (stats !== undefined) {
    const pad = paddingStats(features, batches);
    Object.assign(stats, { ...pad, seconds: (performance.now() - started) / 1000, batches: batches.length });
  }
  return result;
}
