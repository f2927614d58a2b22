import { describe, expect, it } from "vitest";
import { enoughRepetitions } from "../../bench/case.js";
import { SHORT_CASE } from "../../bench/types.js";
import { DEFAULT_CASES, parseBenchArgs } from "../../bench/plan.js";

describe("parseBenchArgs", () => {
  it("runs the default cases into reports/ with five repetitions and a warm-up", () => {
    const plan = parseBenchArgs([]);
    expect(plan?.cases).toEqual(DEFAULT_CASES);
    expect(plan).toMatchObject({ runs: 5, warmup: true, outDir: "reports", survey: true, measureRss: true });
  });

  it("smoke: one tiny case, 64 examples, one repetition, a temporary report folder", () => {
    const plan = parseBenchArgs(["--smoke"]);
    expect(plan?.cases).toEqual([{ model: "bert-tiny-sst2", task: "sst2", limit: 64, batchSize: 32, maxSeqLength: null }]);
    expect(plan).toMatchObject({ runs: 1, warmup: false, outDir: null, survey: false });
  });

  it("one case from --model/--task, with the overrides applied", () => {
    const plan = parseBenchArgs(["--model", "bert-tiny-mrpc", "--task", "mrpc", "--limit", "100", "--runs", "7", "--batch-size", "8", "--no-rss"]);
    expect(plan?.cases).toEqual([{ model: "bert-tiny-mrpc", task: "mrpc", limit: 100, batchSize: 8, maxSeqLength: null }]);
    expect(plan).toMatchObject({ runs: 7, survey: false, measureRss: false });
  });

  it.each([
    ["an unknown task", ["--task", "sts"]],
    ["zero runs", ["--runs", "0"]],
    ["an unknown flag", ["--fast"]],
  ])("rejects %s", (_, argv) => {
    expect(() => parseBenchArgs(argv)).toThrow(/--|unknown/i);
  });

  it("prints help for --help", () => {
    expect(parseBenchArgs(["--help"])).toBeNull();
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
