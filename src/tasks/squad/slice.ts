/** The questions and windows of one shard of a SQuAD task (all of them without a shard). */
import type { SquadExample } from "../../data/squad.js";
import type { TokenizerFile } from "../../model/tokenizer.js";
import { type ShardRequest, type ShardSlice, sliceBounds } from "../shard.js";
import { buildWindows, type QaWindow, type WindowOptions } from "./windows.js";

export interface ShardWindows {
  examples: readonly SquadExample[];
  windows: QaWindow[];
  slice?: ShardSlice;
}

/**
 * Cut by questions, so that all windows of a question stay in one shard. Length-sorted
 * batches do not depend on their neighbours, so a shard windows its own questions only; in
 * file order the cuts must also fall where the unsharded run begins a batch, which needs the
 * window count of every question first.
 */
export async function shardWindows(
  all: readonly SquadExample[],
  tokenizer: TokenizerFile,
  options: WindowOptions,
  shard?: ShardRequest,
): Promise<ShardWindows> {
  if (shard === undefined) return { examples: all, windows: await buildWindows(all, tokenizer, options) };
  if (shard.align === 1) {
    const slice = sliceBounds(all.length, shard);
    const examples = all.slice(slice.start, slice.end);
    return { examples, windows: await buildWindows(examples, tokenizer, options), slice };
  }
  const every = await buildWindows(all, tokenizer, options);
  const before = new Int32Array(all.length + 1);
  for (const window of every) before[window.exampleIndex + 1] = (before[window.exampleIndex + 1] as number) + 1;
  for (let e = 0; e < all.length; e++) before[e + 1] = (before[e + 1] as number) + (before[e] as number);
  const slice = sliceBounds(all.length, shard, (e) => before[e] as number);
  const windows = every.slice(before[slice.start], before[slice.end]).map((w) => ({ ...w, exampleIndex: w.exampleIndex - slice.start }));
  return { examples: all.slice(slice.start, slice.end), windows, slice };
}
