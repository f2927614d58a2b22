/** Unlabelled splits: AX (diagnostic.tsv, MNLI model) and GLUE test files with their own index column. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { PredictionLine, TaskResult } from "../../../src/results/schema.js";
import { runCaptured } from "../../factories/cli.js";
import { hasShared, sharedPath } from "../../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-unlabelled-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const read = (dir: string, task: string) => ({
  result: JSON.parse(readFileSync(join(dir, `${task}.json`), "utf8")) as TaskResult,
  lines: readFileSync(join(dir, `${task}.predictions.jsonl`), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as PredictionLine),
});

describe.skipIf(!hasShared)("unlabelled splits", () => {
  it("ax writes predictions for every diagnostic row and scores nothing without labels", async () => {
    const out = join(tmp, "ax");
    const run = await runCaptured([
      "--task",
      "ax",
      "--model",
      sharedPath("fixtures", "models", "bert-tiny-mnli"),
      "--data-dir",
      sharedPath("data"),
      "--output-dir",
      out,
      "--no-cache",
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/has no labels; predictions only/);
    const { result, lines } = read(out, "ax");
    expect(result.n).toBe(1104);
    expect(result.metrics).toEqual({});
    expect(lines.map((l) => l.index)).toEqual(Array.from({ length: 1104 }, (_, i) => i));
    expect(new Set(lines.map((l) => l.prediction))).toEqual(new Set(["entailment", "neutral", "contradiction"]));

    // With a labelled copy (here: labels equal to the predictions) ax reports Matthews correlation.
    const labelled = join(tmp, "diagnostic-full.tsv");
    writeFileSync(labelled, `index\tLabel\n${lines.map((l) => `${l.index}\t${l.prediction}`).join("\n")}\n`);
    const scored = join(tmp, "ax-scored");
    const again = await runCaptured([
      "--task",
      "ax",
      "--model",
      sharedPath("fixtures", "models", "bert-tiny-mnli"),
      "--data-dir",
      sharedPath("data"),
      "--output-dir",
      scored,
      "--no-cache",
      "--labels-file",
      labelled,
      "--json",
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(read(scored, "ax").result.metrics).toEqual({ matthews_correlation: 1 });
  });

  it("--split test reads test.tsv and keeps the file's own index", async () => {
    const data = join(tmp, "data");
    mkdirSync(join(data, "glue", "SST-2"), { recursive: true });
    writeFileSync(join(data, "glue", "SST-2", "test.tsv"), "index\tsentence\n7\tit is a wonderful film .\n3\ta dull , lifeless mess .\n");
    const out = join(tmp, "sst2-test");
    const run = await runCaptured([
      "--task",
      "sst2",
      "--split",
      "test",
      "--model",
      sharedPath("fixtures", "models", "bert-tiny-sst2"),
      "--data-dir",
      data,
      "--output-dir",
      out,
      "--no-cache",
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const { result, lines } = read(out, "sst2");
    expect(result.split).toBe("test");
    expect(result.metrics).toEqual({});
    expect(lines.map((l) => [l.index, l.label])).toEqual([
      [7, null],
      [3, null],
    ]);
    expect(lines.every((l) => l.prediction === "0" || l.prediction === "1")).toBe(true);
  });
});
