/**
 * buildFeeds writes int64 ids through 32-bit halves (a speed-up made for the bench); the
 * feeds must stay exactly what one BigInt per token gives.
 */
import { describe, expect, it } from "vitest";
import type { Batch } from "../../src/runner/batching.js";
import { buildFeeds } from "../../src/runner/tensors.js";
import type { Feature } from "../../src/tasks/interface.js";

function reference(features: readonly Feature[], batch: Batch, withTypes: boolean, padId: number): Record<string, bigint[]> {
  const rows = batch.members.map((m) => features[m] as Feature);
  const pad = (values: ArrayLike<number>, fill: number): bigint[] =>
    Array.from({ length: batch.length }, (_, j) => BigInt(j < values.length ? (values[j] as number) : fill));
  const out: Record<string, bigint[]> = {
    input_ids: rows.flatMap((f) => pad(f.ids, padId)),
    attention_mask: rows.flatMap((f) =>
      pad(
        Array.from(f.ids, () => 1),
        0,
      ),
    ),
  };
  if (withTypes) out.token_type_ids = rows.flatMap((f) => pad(f.typeIds, 0));
  return out;
}

const features: Feature[] = [
  { ids: [101, 7592, 102], typeIds: [0, 0, 0] },
  { ids: [101, 2023, 2003, 1037, 3231, 102, 2009, 102], typeIds: [0, 0, 0, 0, 0, 0, 1, 1] },
  { ids: [0, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, -1, -(2 ** 31)], typeIds: [0, 1, 0, 1, 0, 1] },
  { ids: [], typeIds: [] },
];

describe("buildFeeds", () => {
  it.each([
    ["BERT inputs, pad 0", ["input_ids", "attention_mask", "token_type_ids"], 0],
    ["RoBERTa inputs, pad 1", ["input_ids", "attention_mask"], 1],
  ])("%s", (_, inputs, padId) => {
    const batch: Batch = { members: [1, 0, 2, 3], length: 8 };
    const feeds = buildFeeds(features, batch, inputs, padId);
    const expected = reference(features, batch, inputs.includes("token_type_ids"), padId);
    expect(Object.keys(feeds).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, values] of Object.entries(expected)) {
      expect(feeds[name]?.dims).toEqual([4, 8]);
      expect(Array.from(feeds[name]?.data ?? [])).toEqual(values);
    }
  });
});
