import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataError, GlueEvalError } from "../../src/errors.js";
import { buildReport, reportTask } from "../../src/report/build.js";
import { loadRuns, loadSingleRun, runLabels } from "../../src/results/read.js";
import { bootstrapCI, REPORT_CI } from "../../src/report/stats/bootstrap.js";
import { renderMarkdown } from "../../src/report/render/markdown.js";
import { LabelCoder, resampledStatistic, samplesFor } from "../../src/report/stats/samples.js";
import { glueTask, writeRun } from "../factories/results.js";
import { alphaTasks, betaTasks } from "../factories/scenario.js";

let root = "";

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "glue-eval-report-"));
  await writeRun(join(root, "results", "alpha"), alphaTasks());
  await writeRun(join(root, "results", "beta"), betaTasks());
  // Outputs that are not task results sit beside them and are ignored.
  await writeFile(join(root, "results", "alpha", "squad_v2.nbest.json"), '{"q000": []}\n');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("loading results folders", () => {
  it("accepts a folder of model folders and a model folder alike", async () => {
    const all = await loadRuns([join(root, "results")]);
    expect(all.map((r) => r.name)).toEqual(["alpha", "beta"]);
    expect([...(all[0]?.tasks.keys() ?? [])]).toEqual(["squad_v2", "mnli", "mnli-mm", "sst2", "cola", "mrpc", "stsb"]);
    const one = await loadRuns([join(root, "results", "beta"), join(root, "results", "beta")]);
    expect(one.map((r) => r.name)).toEqual(["beta"]);
  });

  it("refuses folders without results, and several runs where one is expected", async () => {
    await expect(loadRuns([join(root, "nowhere")])).rejects.toBeInstanceOf(GlueEvalError);
    const empty = await mkdtemp(join(root, "empty-"));
    await expect(loadRuns([empty])).rejects.toThrow(/no results here/);
    await expect(loadSingleRun(join(root, "results"), "runA")).rejects.toThrow(/holds 2 \(alpha, beta\)/);
  });

  it("names the file and field of a malformed result", async () => {
    const dir = await mkdtemp(join(root, "bad-"));
    await writeFile(join(dir, "sst2.json"), JSON.stringify({ schema: "glue-eval/result@1", task: "sst2", split: "dev" }));
    const error = await loadRuns([dir]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toMatch(/sst2\.json \(field "n"\)/);
  });

  it("gives runs with the same model name distinct labels", async () => {
    const runs = [
      {
        dir: "a/x",
        name: "m",
        tasks: new Map([["sst2", { result: glueTask({ task: "sst2", model: { name: "m" }, gold: [1], pred: [1] }).result, file: "", predictionsFile: "" }]]),
      },
      {
        dir: "b/x",
        name: "m",
        tasks: new Map([
          ["sst2", { result: glueTask({ task: "sst2", model: { name: "m", dtype: "q8" }, gold: [1], pred: [1] }).result, file: "", predictionsFile: "" }],
        ]),
      },
      { dir: "c/x", name: "n", tasks: new Map() },
    ];
    expect(runLabels(runs)).toEqual(["m (fp32)", "m (q8)", "n"]);
    expect(runLabels([runs[0], runs[0]] as typeof runs)).toEqual(["m (fp32) [a/x]", "m (fp32) [a/x]"]);
  });
});

describe("building the report", () => {
  it("computes each interval with the bootstrap over the predictions", async () => {
    const data = await buildReport(await loadRuns([join(root, "results")]), { paperRows: true });
    const built = alphaTasks().find((t) => t.result.task === "mrpc");
    if (built === undefined) throw new Error("scenario has mrpc");
    const samples = samplesFor("mrpc", built.predictions, "mrpc.predictions.jsonl", new LabelCoder());
    if (samples === null) throw new Error("mrpc is labelled");
    const statistic = resampledStatistic(samples, "f1");
    if (statistic === null) throw new Error("f1 resamples");
    const expected = bootstrapCI(built.result.n, statistic, REPORT_CI);
    const f1 = data.runs[0]?.tasks.find((t) => t.task === "mrpc")?.metrics.find((m) => m.key === "f1");
    expect(f1?.value).toBe(built.result.metrics.f1);
    expect(expected.estimate).toBeCloseTo(built.result.metrics.f1 as number, 12);
    expect([f1?.low, f1?.high]).toEqual([expected.low, expected.high]);
    expect((f1?.low ?? 1) <= (f1?.value ?? 0) && (f1?.value ?? 0) <= (f1?.high ?? 0)).toBe(true);
  });

  it("averages per-question exact and F1 for SQuAD and leaves best_* without an interval", async () => {
    const built = alphaTasks()[0];
    if (built === undefined) throw new Error("scenario has squad_v2");
    const task = reportTask(built.result, built.predictions, "squad_v2.predictions.jsonl", REPORT_CI);
    const byKey = new Map(task.metrics.map((m) => [m.key, m]));
    for (const key of ["exact", "f1", "HasAns_exact", "HasAns_f1", "NoAns_exact", "NoAns_f1"]) {
      const m = byKey.get(key);
      expect(m?.low, key).not.toBeNull();
      expect((m?.low ?? 0) <= (m?.value ?? -1) && (m?.value ?? 0) <= (m?.high ?? -1), key).toBe(true);
    }
    for (const key of ["best_exact", "best_f1", "best_exact_thresh", "total", "HasAns_total"]) expect(byKey.get(key)?.low, key).toBeNull();
    expect(byKey.get("best_f1")?.tunedOnDev).toBe(true);
    expect(task.ciNote).toMatch(/tuned on dev/);
  });

  it("explains missing intervals: unlabelled split, predictions file missing", async () => {
    const test = glueTask({ task: "sst2", model: { name: "t" }, gold: null, pred: ["0", "1", "1"] });
    expect(reportTask(test.result, test.predictions, "f", REPORT_CI).ciNote).toMatch(/no gold labels/);
    const dev = glueTask({ task: "sst2", model: { name: "t" }, gold: ["0", "1", "1"], pred: ["0", "1", "0"] });
    const noPreds = reportTask(dev.result, null, "f", REPORT_CI);
    expect(noPreds.ciNote).toMatch(/predictions file missing/);
    expect(noPreds.metrics[0]).toMatchObject({ key: "accuracy", low: null, high: null });

    const dir = join(root, "nopreds", "t");
    await writeRun(dir, [dev], { predictions: false });
    const data = await buildReport(await loadRuns([dir]), { paperRows: false });
    expect(renderMarkdown(data)).toContain("- SST-2: no confidence intervals: predictions file missing");
  });

  it("lists the run's warnings", async () => {
    const constant = glueTask({ task: "stsb", model: { name: "w" }, gold: [1, 2, 3], pred: [2, 2, 2] });
    const data = await buildReport([], { paperRows: false });
    const task = reportTask(constant.result, constant.predictions, "f", REPORT_CI);
    const text = renderMarkdown({ ...data, runs: [{ label: "w", name: "w", dir: "results/w", tasks: [task] }] });
    expect(text).toContain("### Warnings");
    expect(text).toContain("- STS-B: pearson is undefined: every prediction is the same value");
  });
});
