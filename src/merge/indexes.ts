/**
 * The examples the shards' predictions hold, checked before a merge joins them: each example
 * of the task exactly once, and each inside the range its shard declares. A GLUE example's
 * index is its row number (the row's own index column where the file has one: GLUE's count
 * rows from 0), so it must lie in the shard's [start, end); a SQuAD question's id can only be
 * checked for being unique. With the count of lines per shard checked too, every example is
 * then there once.
 */
import { GlueEvalError } from "../errors.js";
import type { PredictionLine } from "../results/schema.js";
import type { ShardOf } from "./plan.js";

const refuse = (message: string): GlueEvalError => new GlueEvalError("DATA", `cannot merge: ${message}`);

export function checkIndexes(task: string, shards: readonly { shard: ShardOf; predictions: readonly PredictionLine[] }[]): void {
  const seen = new Map<string, string>();
  for (const { shard: s, predictions } of shards) {
    const { start, end, index, count } = s.shard;
    predictions.forEach((line, i) => {
      const where = `${s.predictionsFile}:${i + 1}`;
      if (typeof line.index === "number" && !(Number.isInteger(line.index) && line.index >= start && line.index < end)) {
        throw refuse(`${where} holds ${task} example ${line.index}, outside the examples [${start}, ${end}) of shard ${index}/${count}; run that shard again`);
      }
      const key = JSON.stringify(line.index);
      const first = seen.get(key);
      if (first !== undefined) throw refuse(`${where} holds ${task} example ${key} a second time (first at ${first}); run that shard again`);
      seen.set(key, where);
    });
  }
}
