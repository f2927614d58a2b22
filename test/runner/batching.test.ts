import { describe, expect, it } from "vitest";
import { readTokenizerFile } from "../../src/model/tokenizer.js";
import { createRng } from "../../src/report/stats/random.js";
import { CALL_COST_TOKENS, longestFirst, planBatches, paddingStats, type Batch } from "../../src/runner/batching.js";
import { glueDefinitions } from "../../src/tasks/catalogue/index.js";
import { encodeExamples } from "../../src/tasks/glue/encode.js";
import { readGlueSplit } from "../../src/tasks/glue/read.js";
import { CHUNK_TOKENS, planChunks } from "../../src/runner/infer.js";
import type { Feature } from "../../src/tasks/interface.js";
import { hasShared, sharedPath } from "../shared.js";

const feature = (length: number): Feature => ({ ids: new Array<number>(length).fill(1), typeIds: new Array<number>(length).fill(0) });
const cost = (batches: readonly Batch[]): number => batches.reduce((s, b) => s + CALL_COST_TOKENS + b.length * b.members.length, 0);

/** Every way to cut a longest-first list into consecutive runs of at most `size`: the cheapest. */
function bruteForceCost(sortedLengths: readonly number[], size: number): number {
  const best = (from: number): number => {
    if (from === sortedLengths.length) return 0;
    let min = Number.POSITIVE_INFINITY;
    for (let end = from + 1; end <= Math.min(sortedLengths.length, from + size); end++) {
      min = Math.min(min, CALL_COST_TOKENS + (end - from) * (sortedLengths[from] as number) + best(end));
    }
    return min;
  };
  return best(0);
}

describe("longestFirst", () => {
  it("orders as a stable sort by length, longest first (ties in input order)", () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 200; trial++) {
      const lengths = Array.from({ length: rng.nextInt(300) }, () => rng.nextInt(1 + rng.nextInt(40)));
      const expected = lengths.map((_, i) => i).sort((a, b) => (lengths[b] as number) - (lengths[a] as number) || a - b);
      expect(longestFirst(lengths), `trial ${trial}`).toEqual(expected);
    }
    expect(longestFirst([])).toEqual([]);
    expect(longestFirst([0, 3, 0, 3])).toEqual([1, 3, 0, 2]);
  });
});

describe("planBatches", () => {
  it("file order: consecutive runs of the batch size", () => {
    const features = [5, 9, 2, 7, 3].map(feature);
    expect(planBatches(features, 2, "file")).toEqual([
      { members: [0, 1], length: 9 },
      { members: [2, 3], length: 7 },
      { members: [4], length: 3 },
    ]);
  });

  it("length order: longest first, ties in input order, each feature once, no batch over the size", () => {
    const lengths = [5, 9, 2, 9, 3, 5, 5, 1];
    const batches = planBatches(lengths.map(feature), 3);
    const order = batches.flatMap((b) => b.members);
    expect(order).toEqual([1, 3, 0, 5, 6, 4, 2, 7]);
    for (const b of batches) {
      expect(b.members.length).toBeLessThanOrEqual(3);
      expect(b.length).toBe(Math.max(...b.members.map((m) => lengths[m] as number)));
    }
  });

  it("length order: a spread list is cut where padding costs more than a call", () => {
    // One long and many short: batching them together would pad 7 rows by 300 tokens.
    const features = [400, 100, 100, 100, 100, 100, 100, 100].map(feature);
    expect(planBatches(features, 8).map((b) => b.members.length)).toEqual([1, 7]);
    // Equal lengths: no reason for a second call.
    expect(planBatches([50, 50, 50, 50].map(feature), 8)).toHaveLength(1);
  });

  it("length order: the cut is the cheapest of all cuts (random lists against brute force)", () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 60; trial++) {
      const n = 1 + rng.nextInt(12);
      const size = 1 + rng.nextInt(5);
      const lengths = Array.from({ length: n }, () => 1 + rng.nextInt(trial % 2 === 0 ? 40 : 400));
      const batches = planBatches(lengths.map(feature), size);
      const sorted = [...lengths].sort((a, b) => b - a);
      expect(cost(batches)).toBe(bruteForceCost(sorted, size));
      expect(batches.flatMap((b) => b.members).sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
    }
  });

  it("handles no features", () => {
    expect(planBatches([], 32)).toEqual([]);
    expect(planBatches([], 32, "file")).toEqual([]);
  });
});

describe("planChunks", () => {
  it("closes a chunk at the first batch that brings it to CHUNK_TOKENS fed tokens", () => {
    const batch = (rows: number, length: number): Batch => ({ members: Array.from({ length: rows }, (_, i) => i), length });
    const quarter = batch(32, CHUNK_TOKENS / 128);
    const batches = [quarter, quarter, quarter, quarter, quarter, batch(1, 1)];
    expect(planChunks(batches).map((c) => c.length)).toEqual([4, 2]);
    expect(planChunks([batch(1, CHUNK_TOKENS * 2), batch(1, 1)]).map((c) => c.length)).toEqual([1, 1]);
    expect(planChunks([])).toEqual([]);
  });
});

describe.skipIf(!hasShared)("padding on GLUE dev sets (BERT tokenizer, batch 32, length 128)", () => {
  it.each(["sst2", "mrpc", "qnli", "rte"])("%s: padding is at most 5 percent of fed tokens", async (task) => {
    const file = await readTokenizerFile(sharedPath("tokenizers", "bert-base-uncased", "tokenizer.json"));
    const def = glueDefinitions.find((d) => d.name === task);
    if (def === undefined) throw new Error(task);
    const { examples } = await readGlueSplit(def, def.dev, sharedPath("data"), null);
    const { features } = await encodeExamples(file, examples, 128);
    const batches = planBatches(features, 32);
    const { realTokens, fedTokens } = paddingStats(features, batches);
    expect(1 - realTokens / fedTokens).toBeLessThanOrEqual(0.05);
  });
});
