/**
 * Several dtypes in one run tokenize each task once (input-memo.ts): the rows after the first
 * write what a run of that dtype alone writes, byte for byte, and spend no time tokenizing.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskResult } from "../../src/results/schema.js";
import { ensureBuilt, runCliProcess } from "../cli-process.js";
import { hasShared, sharedPath } from "../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-inputs-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!hasShared)("tokenized inputs kept across the dtypes of one run", () => {
  const model = (): string => sharedPath("fixtures", "lowprec", "models", "bert-tiny-sst2-dtypes");
  const run = (dtype: string, out: string) =>
    runCliProcess([
      "--task",
      "sst2",
      "--model",
      model(),
      "--dtype",
      dtype,
      "--data-dir",
      sharedPath("data"),
      "--output-dir",
      join(tmp, out),
      "--no-cache",
      "--no-progress",
    ]);
  const result = (dir: string, task: string): TaskResult => JSON.parse(readFileSync(join(tmp, dir, `${task}.json`), "utf8")) as TaskResult;

  beforeAll(async () => {
    ensureBuilt();
    for (const [dtype, out] of [
      ["fp32,fp16", "matrix"],
      ["fp16", "alone"],
    ]) {
      const finished = await run(dtype as string, out as string);
      expect(finished.code, finished.stderr).toBe(0);
    }
  }, 120_000);

  it.each(["sst2"])("%s: the second row's predictions and results equal a run of its dtype alone", (task) => {
    const matrix = join("matrix", "bert-tiny-sst2-dtypes-fp16");
    expect(readFileSync(join(tmp, matrix, `${task}.predictions.jsonl`)).equals(readFileSync(join(tmp, "alone", `${task}.predictions.jsonl`)))).toBe(true);
    const { timing: _a, date: _b, command: _c, ...together } = result(matrix, task);
    const { timing: _d, date: _e, command: _f, ...alone } = result("alone", task);
    expect(together).toEqual(alone);
  });

  it("the second row spends no time tokenizing (the first row's inputs are reused)", () => {
    for (const task of ["sst2"]) {
      const first = result(join("matrix", "bert-tiny-sst2-dtypes"), task).timing.tokenizeSeconds;
      const second = result(join("matrix", "bert-tiny-sst2-dtypes-fp16"), task).timing.tokenizeSeconds;
      console.log(`${task}: tokenize ${first.toFixed(4)} s in the fp32 row, ${second.toFixed(4)} s in the fp16 row`);
      expect(second).toBeLessThan(first / 3);
    }
  });
});
