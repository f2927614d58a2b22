import { describe, expect, it } from "vitest";
import { planBatches } from "../../src/runner/batching.js";
import { fixedBatches, padFraction } from "../../bench/raw.js";
import { spread } from "../../bench/stats.js";
import type { Feature } from "../../src/tasks/interface.js";

const feature = (length: number): Feature => ({ ids: new Array<number>(length).fill(1), typeIds: new Array<number>(length).fill(0) });

describe("fixed padding", () => {
  it("keeps file order and pads every row to max_seq_length", () => {
    expect(fixedBatches(5, 2, 128)).toEqual([
      { members: [0, 1], length: 128 },
      { members: [2, 3], length: 128 },
      { members: [4], length: 128 },
    ]);
  });

  it("counts pad tokens over all tokens fed", () => {
    const features = [feature(10), feature(30), feature(12), feature(28)];
    // fixed at 40: 80 real of 160 fed.
    expect(padFraction(features, fixedBatches(4, 2, 40))).toBeCloseTo(0.5);
    // length-sorted: [30, 28] and [12, 10] -> 60 + 24 fed, 80 real.
    expect(padFraction(features, planBatches(features, 2))).toBeCloseTo(1 - 80 / 84);
  });
});

describe("spread", () => {
  it.each([
    [[3, 1, 2], 2, 1, 3],
    [[4, 1, 3, 2], 2.5, 1, 4],
    [[5], 5, 5, 5],
  ])("%j -> median %d", (samples, median, min, max) => {
    expect(spread(samples)).toMatchObject({ median, min, max });
  });
});
