/**
 * A SQuAD 2.0 run reports crossfit_exact / crossfit_f1 beside best_*, labelled, in the results,
 * the terminal, the report and compare; the merge of two shards gives the same figures.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { crossfitV2 } from "../../src/metrics/squad/crossfit.js";
import type { TaskResult } from "../../src/results/schema.js";
import { goldQuestions } from "../../src/tasks/squad/score-file.js";
import { runCaptured } from "../factories/cli.js";
import { hasShared, sharedPath } from "../shared.js";
import { devExamples } from "../tasks/squad/helpers.js";
import { stableResult } from "./shard-helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-crossfit-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const LIMIT = 400;

describe.skipIf(!hasShared)("crossfit_* through the CLI", () => {
  it("the tiny SQuAD 2.0 fixture, unsharded and as 2 merged shards", async () => {
    const args = (out: string, extra: string[] = []) => [
      "--task",
      "squad_v2",
      "--model",
      sharedPath("fixtures", "models", "bert-tiny-squad2"),
      "--data-dir",
      sharedPath("data"),
      "--output-dir",
      out,
      "--limit",
      String(LIMIT),
      "--null-score-diff-threshold",
      "3.64",
      "--no-progress",
      "--no-cache",
      ...extra,
    ];
    const whole = join(tmp, "whole");
    const report = join(tmp, "report.md");
    const run = await runCaptured(args(whole));
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(whole, "squad_v2.json"), "utf8")) as TaskResult;

    // The figures follow from the files the run wrote: its answers, its null odds and the gold answers.
    const predictions = new Map(Object.entries(JSON.parse(readFileSync(join(whole, "squad_v2.predictions.json"), "utf8")) as Record<string, string>));
    const nullOdds = new Map(Object.entries(JSON.parse(readFileSync(join(whole, "squad_v2.null_odds.json"), "utf8")) as Record<string, number>));
    const expected = crossfitV2(goldQuestions((await devExamples("squad_v2")).slice(0, LIMIT)), predictions, nullOdds);
    expect(result.crossfit).toEqual({
      crossfit_exact: expected?.exact,
      crossfit_f1: expected?.f1,
      naProb: "null_odds",
      seed: 20260101,
      halves: [LIMIT / 2, LIMIT / 2],
      thresholds: expected?.thresholds,
    });
    // The official keys are unchanged: parity with the reference's metrics holds key for key.
    expect(Object.keys(result.metrics)).not.toContain("crossfit_exact");

    // In the details table, the lines right after best_*.
    const lines = run.stdout.split("\n");
    const at = (pattern: RegExp): number => lines.findIndex((l) => pattern.test(l));
    const best = at(/best_f1_thresh .*\(tuned on dev\)/);
    expect(best).toBeGreaterThan(0);
    expect([at(/crossfit_exact [\d.]+ \(cross-fitted\)/), at(/crossfit_f1 [\d.]+ \(cross-fitted\)/)]).toEqual([best + 1, best + 2]);
    expect((await runCaptured(["report", whole, "--out", report])).code).toBe(0);
    const markdown = readFileSync(report, "utf8");
    expect(markdown).toMatch(/\| {2}\| {2}\| {2}\| crossfit_exact \(cross-fitted\) \| [\d.]+ \| - \|/);
    expect(markdown).toContain("crossfit_* have no interval");

    const sharded = join(tmp, "sharded");
    for (const k of [0, 1]) expect((await runCaptured(args(sharded, ["--shard", `${k}/2`]))).code).toBe(0);
    expect((await runCaptured(["merge", sharded])).code).toBe(0);
    expect(stableResult(join(sharded, "squad_v2.json"), [sharded])).toBe(stableResult(join(whole, "squad_v2.json"), [whole]));

    const compare = await runCaptured(["compare", whole, sharded]);
    expect(compare.code, compare.stderr).toBe(0);
    expect(compare.stdout).toMatch(/crossfit_exact \(cross-fitted\)/);
  });
});
