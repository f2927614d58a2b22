/**
 * One spelling per number: a metric is shown in points with two decimals in the terminal's
 * details, the markdown report, compare and score, and with the paper's one decimal in the
 * paper table; the JSON keeps the raw value.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { TaskResult } from "../../src/results/schema.js";
import { runCaptured } from "../factories/cli.js";
import { classifierGraph, writeModelFolder, writeSst2 } from "../factories/onnx.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-spelling-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("one spelling per number", () => {
  // Was: 0.6667 in the details, 66.7 in the paper table, 66.67 in the report and compare, 0.6666666666666666 from score.
  it("SST-2 accuracy 2/3: 66.67 everywhere but the paper table's 66.7, raw in JSON", async () => {
    const data = join(tmp, "data");
    writeSst2(data, [
      ["a good film", 0],
      ["not good", 0],
      ["bad", 1],
    ]);
    const model = join(tmp, "model");
    writeModelFolder(model, "model.onnx", classifierGraph({ weights: [0.25, -0.5, 1, 2] }));
    const out = join(tmp, "out");
    const report = join(tmp, "report.md");
    const run = await runCaptured([
      "--task",
      "sst2",
      "--model",
      model,
      "--data-dir",
      data,
      "--output-dir",
      out,
      "--no-progress",
      "--no-cache",
      "--report",
      report,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(out, "sst2.json"), "utf8")) as TaskResult;
    expect(result.metrics.accuracy).toBe(2 / 3);

    expect(run.stdout).toMatch(/│ model +│ +- +│ +- +│ +- +│ 66\.7 +│/);
    expect(run.stdout).toMatch(/│ accuracy 66\.67 +│/);
    expect(run.stdout).not.toContain("0.6667");
    expect(run.stdout).toContain("Metrics in points with two decimals");
    expect(readFileSync(report, "utf8")).toContain("| SST-2 | dev | 3 | accuracy | 66.67 |");

    const copy = join(tmp, "copy");
    cpSync(out, copy, { recursive: true });
    const compare = await runCaptured(["compare", out, copy, "--matrix"]);
    expect(compare.code, compare.stderr).toBe(0);
    expect(compare.stdout).toMatch(/│ accuracy +│ +66\.67 │/);

    const score = await runCaptured(["score", "--task", "sst2", "--predictions", join(out, "sst2.predictions.jsonl"), "--data-dir", data]);
    expect(score.code, score.stderr).toBe(0);
    expect(score.stdout).toBe("accuracy: 66.67\n");
    const json = await runCaptured(["score", "--task", "sst2", "--predictions", join(out, "sst2.predictions.jsonl"), "--data-dir", data, "--json"]);
    expect(JSON.parse(json.stdout)).toEqual({ accuracy: 2 / 3 });
  });
});
