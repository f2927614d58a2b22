import { describe, expect, it } from "vitest";
import { enoughRepetitions } from "../../bench/case.js";
import { SHORT_CASE } from "../../bench/types.js";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { BENCH_OPTIONS, DEFAULT_CASES, DEFAULT_CLI, HELP, LARGE_CASE, NPROC_CASES, PRECISION_CASE, parseBenchArgs, SHARD_CASES } from "../../bench/plan.js";
import { ROOT } from "../cli-process.js";

describe("parseBenchArgs", () => {
  it("runs the default parts into reports/ with five repetitions and a warm-up: throughput, precision, shards, padding; not the large model", () => {
    const plan = parseBenchArgs([]);
    expect(plan?.cases).toEqual(DEFAULT_CASES);
    expect(plan?.precision).toEqual(PRECISION_CASE);
    expect(plan?.precision?.dtypes).toEqual(["fp32", "fp16", "q8", "q4", "q4f16"]);
    expect(plan?.precision?.model).toMatch(/lowprec\/models\/bert-tiny-sst2-dtypes$/);
    expect(plan?.shards).toEqual(SHARD_CASES);
    expect(plan?.shards.map((c) => [c.model, c.task, c.limit])).toEqual([
      ["bert-tiny-qqp", "qqp", null],
      ["bert-base-random-cls", "sst2", 200],
    ]);
    expect(plan?.nproc.map((c) => [c.model, c.task, c.limit])).toEqual([
      ["bert-tiny-qqp", "qqp", null],
      ["bert-tiny-squad", "squad", null],
      ["bert-base-random-cls", "sst2", 200],
    ]);
    expect(plan?.nproc).toEqual(NPROC_CASES);
    expect(plan?.large).toBeNull();
    expect(plan).toMatchObject({ runs: 5, warmup: true, outDir: "reports", survey: true, measureRss: true, cli: DEFAULT_CLI });
  });

  it("smoke: one tiny case, the precisions and the tiny model's shards on 64 examples, one repetition, a temporary report folder", () => {
    const plan = parseBenchArgs(["--smoke"]);
    expect(plan?.cases).toEqual([{ model: "bert-tiny-sst2", task: "sst2", limit: 64, batchSize: 32, maxSeqLength: null }]);
    expect(plan?.precision?.limit).toBe(64);
    expect(plan?.shards).toEqual([{ model: "bert-tiny-qqp", task: "qqp", limit: 64, batchSize: 32, maxSeqLength: null }]);
    expect(plan?.nproc).toEqual([{ model: "bert-tiny-qqp", task: "qqp", limit: 64, batchSize: 32, maxSeqLength: null }]);
    expect(plan).toMatchObject({ runs: 1, warmup: false, outDir: null, survey: false, large: null });
  });

  it("one case from --model/--task, with the overrides applied, and no other part", () => {
    const plan = parseBenchArgs(["--model", "bert-tiny-mrpc", "--task", "mrpc", "--limit", "100", "--runs", "7", "--batch-size", "8", "--no-rss"]);
    expect(plan?.cases).toEqual([{ model: "bert-tiny-mrpc", task: "mrpc", limit: 100, batchSize: 8, maxSeqLength: null }]);
    expect(plan).toMatchObject({ runs: 7, survey: false, measureRss: false, precision: null, shards: [], nproc: [], large: null });
  });

  it("--large adds the 1.5 B encoder on 32 MNLI pairs to the default parts", () => {
    const plan = parseBenchArgs(["--large"]);
    expect(plan?.large).toEqual(LARGE_CASE);
    expect(plan?.large).toMatchObject({ model: "encoder-1.5b-random-cls", task: "mnli", limit: 32 });
    expect(plan?.cases).toEqual(DEFAULT_CASES);
    expect(plan?.survey).toBe(true);
  });

  it("--only runs the parts it names; --limit, --batch-size and --max-seq-length apply to every case", () => {
    const plan = parseBenchArgs(["--only", "precision,shards", "--limit", "200", "--batch-size", "16", "--max-seq-length", "64", "--cli", "some/cli.js"]);
    expect(plan).toMatchObject({ cases: [], large: null, survey: false, cli: resolve("some/cli.js") });
    expect(plan?.precision).toMatchObject({ limit: 200, batchSize: 16, maxSeqLength: 64 });
    expect(plan?.shards.map((c) => [c.limit, c.batchSize, c.maxSeqLength])).toEqual([
      [200, 16, 64],
      [200, 16, 64],
    ]);
    expect(parseBenchArgs(["--only", "large"])).toMatchObject({ cases: [], precision: null, shards: [], nproc: [], survey: false, large: LARGE_CASE });
    expect(parseBenchArgs(["--only", "nproc", "--runs", "1"])).toMatchObject({ cases: [], precision: null, shards: [], nproc: NPROC_CASES, runs: 1 });
    expect(parseBenchArgs(["--only", "padding", "--large"])).toMatchObject({ cases: [], survey: true, large: LARGE_CASE });
  });

  it.each([
    ["an unknown task", ["--task", "sts"]],
    ["zero runs", ["--runs", "0"]],
    ["an unknown flag", ["--fast"]],
    ["an unknown part", ["--only", "precision,speed"]],
    ["an empty --only", ["--only", ","]],
    ["--model without the throughput part", ["--model", "bert-tiny-sst2", "--only", "shards"]],
  ])("rejects %s", (_, argv) => {
    expect(() => parseBenchArgs(argv)).toThrow(/--|unknown/i);
  });

  it("prints help for --help", () => {
    expect(parseBenchArgs(["--help"])).toBeNull();
  });

  it("has every flag in its help and in bench/README.md", () => {
    const readme = readFileSync(join(ROOT, "bench", "README.md"), "utf8");
    const flags = Object.keys(BENCH_OPTIONS).filter((f) => f !== "help");
    expect(flags.filter((f) => !HELP.includes(`--${f}`))).toEqual([]);
    expect(flags.filter((f) => !readme.includes(`\`--${f}`))).toEqual([]);
  });
});

describe("repetitions", () => {
  const passes = (count: number, seconds: number): number[] => new Array<number>(count).fill(seconds);

  it("stops after --runs when the passes are long enough, or when short cases are not extended", () => {
    expect(enoughRepetitions(passes(4, 2), 5, true)).toBe(false);
    expect(enoughRepetitions(passes(5, 2), 5, true)).toBe(true);
    expect(enoughRepetitions(passes(1, 0.01), 1, false)).toBe(true);
  });

  it("repeats a short case until glue-eval has run SHORT_CASE.seconds, at most maxFactor × runs times", () => {
    const short = 0.1;
    const needed = Math.ceil(SHORT_CASE.seconds / short - 1e-9);
    expect(enoughRepetitions(passes(5, short), 5, true)).toBe(needed <= 5);
    expect(enoughRepetitions(passes(Math.min(needed, 25) - 1, short), 5, true)).toBe(false);
    expect(enoughRepetitions(passes(5 * SHORT_CASE.maxFactor, 0.001), 5, true)).toBe(true);
    expect(enoughRepetitions(passes(5 * SHORT_CASE.maxFactor - 1, 0.001), 5, true)).toBe(false);
  });
});
