import { describe, expect, it } from "vitest";
import { type CliCase, evaluateArgs, shardPlans, shardRatios } from "../../../bench/shards/args.js";

const qqp: CliCase = { model: "/m/bert-tiny-qqp", task: "qqp", limit: null, batchSize: 32, maxSeqLength: null, dataDir: "/d" };

describe("evaluateArgs", () => {
  it("one process on the whole task", () => {
    expect(evaluateArgs(qqp, { outputDir: "/o", cacheDir: "/c", threads: 2, shard: null })).toEqual([
      "--task",
      "qqp",
      "--model",
      "/m/bert-tiny-qqp",
      "--data-dir",
      "/d",
      "--output-dir",
      "/o",
      "--cache-dir",
      "/c",
      "--threads",
      "2",
      "--batch-size",
      "32",
      "--no-progress",
    ]);
  });

  it("a shard: the same command with --shard K/N, and --limit / --max-seq-length when set", () => {
    const args = evaluateArgs({ ...qqp, limit: 200, maxSeqLength: 64 }, { outputDir: "/o", cacheDir: "/c", threads: 1, shard: { index: 1, count: 2 } });
    expect(args.slice(-6)).toEqual(["--limit", "200", "--max-seq-length", "64", "--shard", "1/2"]);
    expect(args[args.indexOf("--threads") + 1]).toBe("1");
  });
});

describe("shardPlans", () => {
  it("N shards, one thread each, sharing one results folder and one cache", () => {
    expect(shardPlans(3, "/o", "/c")).toEqual([0, 1, 2].map((index) => ({ outputDir: "/o", cacheDir: "/c", threads: 1, shard: { index, count: 3 } })));
  });
});

describe("shardRatios", () => {
  it("ratios of the medians: sharded over single, merge over sharded", () => {
    const r = shardRatios({ single: [10, 12, 8], sharded: [6, 5, 7], merge: [0.3, 0.2, 0.4] });
    expect(r.ratio).toBeCloseTo(0.6, 12);
    expect(r.mergeFraction).toBeCloseTo(0.05, 12);
    expect(r.repetitions).toBe(3);
    expect(r.single).toMatchObject({ median: 10, min: 8, max: 12 });
  });
});
