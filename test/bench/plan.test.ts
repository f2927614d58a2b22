import { describe, expect, it } from "vitest";
import { DEFAULT_CASES, parseBenchArgs } from "../../src/bench/plan.js";

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
