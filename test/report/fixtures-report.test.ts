/** A report built from runs of every shared fixture model fills every column of the paper's table, with intervals. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ReportJson } from "../../src/report/render/json.js";
import { runCaptured } from "../factories/cli.js";
import { hasShared, sharedPath } from "../shared.js";

const RUNS: Array<[model: string, tasks: string, dtype: "fp32" | "q8"]> = [
  ["bert-tiny-cola", "cola", "fp32"],
  ["bert-tiny-sst2", "sst2", "fp32"],
  ["bert-tiny-mrpc", "mrpc", "fp32"],
  ["bert-tiny-stsb", "stsb", "fp32"],
  ["bert-tiny-qqp", "qqp", "fp32"],
  ["bert-tiny-mnli", "mnli,mnli-mm", "fp32"],
  ["bert-tiny-qnli", "qnli", "fp32"],
  ["bert-tiny-rte", "rte", "fp32"],
  ["bert-tiny-wnli", "wnli", "fp32"],
  ["bert-tiny-squad", "squad", "fp32"],
  ["bert-tiny-squad2", "squad_v2", "fp32"],
  ["roberta-tiny-squad", "squad", "fp32"],
  ["deberta-v3-tiny-squad2", "squad_v2", "q8"],
];

const root = mkdtempSync(join(tmpdir(), "glue-eval-fixtures-report-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(!hasShared)("report over the fixture models", () => {
  it("shows every column that has data, each metric with a 95% interval", async () => {
    for (const [model, tasks, dtype] of RUNS) {
      const argv = ["--task", tasks, "--model", sharedPath("fixtures", "models", model), "--dtype", dtype, "--data-dir", sharedPath("data")];
      const run = await runCaptured([...argv, "--output-dir", join(root, "results", model), "--limit", "300", "--no-progress", "--json"]);
      expect(run.code, `${model}: ${run.stderr}`).toBe(0);
    }
    const json = join(root, "report.json");
    const report = await runCaptured(["report", join(root, "results"), "--out", join(root, "report.md"), "--json", json]);
    expect(report.code, report.stderr).toBe(0);
    const data = JSON.parse(readFileSync(json, "utf8")) as ReportJson;
    const runRows = data.table.rows.filter((r) => r.source === "run");
    expect(runRows).toHaveLength(RUNS.length);
    for (const column of data.table.columns) {
      const filled = runRows.some((r) => (r.values[column.id] ?? []).every((v) => v !== null));
      expect(filled, `column ${column.title} has data`).toBe(true);
    }
    for (const run of data.runs) {
      for (const task of run.tasks) {
        for (const [key, metric] of Object.entries(task.metrics)) {
          if (metric.tunedOnDev || metric.crossFitted === true || key.endsWith("_total") || key === "total" || metric.value === null) continue;
          expect(metric.low, `${run.label} ${task.task} ${key}`).not.toBeNull();
          expect((metric.low ?? 0) <= metric.value && metric.value <= (metric.high ?? 0), `${run.label} ${task.task} ${key} inside its interval`).toBe(true);
        }
      }
    }
    const markdown = readFileSync(join(root, "report.md"), "utf8");
    expect(markdown).toContain("xychart-beta");
    expect(markdown).toMatch(/tuned on dev/);
  });
});
