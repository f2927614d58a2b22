/** Degenerate outputs warn through the CLI, in the results and in the report. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { TaskResult } from "../../src/results/schema.js";
import { runCaptured } from "../factories/cli.js";
import { classifierGraph, writeModelFolder, writeSst2 } from "../factories/onnx.js";
import { hasShared, sharedPath } from "../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-degenerate-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const result = (out: string, task: string): TaskResult => JSON.parse(readFileSync(join(out, `${task}.json`), "utf8")) as TaskResult;

describe("a classifier that predicts one label", () => {
  it("warns with the task, the label and the count, in the results and the report", async () => {
    const data = join(tmp, "data");
    const sentences = ["a good film", "not good", "bad", "very very good film"];
    writeSst2(
      data,
      Array.from({ length: 24 }, (_, i) => [sentences[i % 4] as string, (i % 2) as 0 | 1]),
    );
    // logit 0 − logit 1 = 0.75 Σ ids − 5 Σ mask < 0 on every row: "positive" for all 24.
    const model = join(tmp, "all-positive");
    writeModelFolder(model, "model.onnx", classifierGraph({ weights: [0.25, -0.5, -3, 2] }));
    const out = join(tmp, "out-glue");
    const report = join(tmp, "glue.md");
    const r = await runCaptured([
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
    expect(r.code, r.stderr).toBe(0);
    const warning =
      "sst2: the model predicts one label, positive, for 24 of 24 examples (100.0%); its scores measure how often that label is right, not the model";
    expect(r.stderr).toContain(`glue-eval: warning: ${warning}\n`);
    expect(result(out, "sst2").warnings).toEqual([warning]);
    expect(readFileSync(report, "utf8")).toContain(`### Warnings\n\n- SST-2: ${warning}\n`);
  });
});

describe.skipIf(!hasShared)("the tiny SQuAD 2.0 fixture", () => {
  const model = sharedPath("fixtures", "models", "bert-tiny-squad2");
  const run = (out: string, extra: string[]) =>
    runCaptured([
      "--task",
      "squad_v2",
      "--model",
      model,
      "--data-dir",
      sharedPath("data"),
      "--output-dir",
      out,
      "--limit",
      "200",
      "--no-progress",
      "--no-cache",
      ...extra,
    ]);

  // Was: "no answer" to every question, NoAns_exact 100 and HasAns_exact 0, with warnings [].
  it('warns at the default threshold, where it answers "no answer" to every question', async () => {
    const out = join(tmp, "out-squad2-default");
    const report = join(tmp, "squad2.md");
    const r = await run(out, ["--report", report]);
    expect(r.code, r.stderr).toBe(0);
    const warning = result(out, "squad_v2").warnings.find((w) => w.includes('"no answer"'));
    expect(warning).toBe(
      'squad_v2: the model answers "no answer" to 200 of 200 questions (100.0%), so it scores the unanswerable questions and nothing else; a higher --null-score-diff-threshold makes it answer more',
    );
    expect(readFileSync(report, "utf8")).toContain(`- SQuAD 2.0: ${warning}\n`);
  });

  it("does not warn at the references' threshold, where it answers about half", async () => {
    const out = join(tmp, "out-squad2-ref");
    const r = await run(out, ["--null-score-diff-threshold", "3.64"]);
    expect(r.code, r.stderr).toBe(0);
    expect(result(out, "squad_v2").warnings.filter((w) => w.includes('"no answer"'))).toEqual([]);
  });
});
