import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataError } from "../../src/errors.js";
import { SUBMISSION_TASKS, type SubmissionTask, submissionTsv, zipSubmission } from "../../src/submit/leaderboard.js";
import { hasShared, sharedPath } from "../shared.js";
import { runCaptured } from "../factories/cli.js";
import { glueTask, writeRun } from "../factories/results.js";
import { SUBMISSION_TASK_NAMES, testTask } from "../factories/submission.js";

let root = "";
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "glue-eval-submit-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const taskInfo = (name: string): SubmissionTask | undefined => SUBMISSION_TASKS.find((t) => t.name === name);

const unzip = async (file: string): Promise<Record<string, string>> =>
  Object.fromEntries(Object.entries(unzipSync(new Uint8Array(await readFile(file)))).map(([name, data]) => [name, strFromU8(data)]));

describe("leaderboard files", () => {
  it("writes index<TAB>prediction with the file's own index, 0/1, label names, STS-B to 3 decimals", () => {
    const info = (name: string) => taskInfo(name) ?? expect.unreachable();
    expect(
      submissionTsv(
        info("cola"),
        [
          { index: 7, prediction: "1" },
          { index: 9, prediction: 0 },
        ],
        "f",
      ),
    ).toBe("index\tprediction\n7\t1\n9\t0\n");
    expect(submissionTsv(info("rte"), [{ index: "0", prediction: "not_entailment" }], "f")).toBe("index\tprediction\n0\tnot_entailment\n");
    expect(
      submissionTsv(
        info("stsb"),
        [
          { index: 0, prediction: 3.0004 },
          { index: 1, prediction: 1.23456 },
          { index: 2, prediction: 5 },
        ],
        "f",
      ),
    ).toBe("index\tprediction\n0\t3.000\n1\t1.235\n2\t5.000\n");
  });

  it("refuses values the leaderboard would not read, and repeated indices", () => {
    const mnli = taskInfo("mnli") ?? expect.unreachable();
    expect(() => submissionTsv(mnli, [{ index: 0, prediction: "1" }], "m.jsonl")).toThrow(
      /m\.jsonl:1 \(field "prediction"\).*entailment, neutral, contradiction/,
    );
    expect(() =>
      submissionTsv(
        mnli,
        [
          { index: 0, prediction: "neutral" },
          { index: 0, prediction: "neutral" },
        ],
        "m",
      ),
    ).toThrow(DataError);
    const stsb = taskInfo("stsb") ?? expect.unreachable();
    expect(() => submissionTsv(stsb, [{ index: 0, prediction: "high" }], "s")).toThrow(/STS-B score/);
  });

  it("zips the files at the top level, the same bytes for the same files", () => {
    const files = [{ name: "CoLA.tsv", data: "index\tprediction\n0\t1\n" }];
    const zip = zipSubmission(files);
    expect(Object.keys(unzipSync(zip))).toEqual(["CoLA.tsv"]);
    expect(zipSubmission(files)).toEqual(zip);
  });

  it("covers the eleven leaderboard files", () => {
    expect(SUBMISSION_TASKS.map((t) => t.submission.file)).toEqual([
      "CoLA.tsv",
      "SST-2.tsv",
      "MRPC.tsv",
      "STS-B.tsv",
      "QQP.tsv",
      "MNLI-m.tsv",
      "MNLI-mm.tsv",
      "QNLI.tsv",
      "RTE.tsv",
      "WNLI.tsv",
      "AX.tsv",
    ]);
  });
});

describe("glue-eval submit", () => {
  it("archives every task's test predictions, one model folder per task", async () => {
    const results = join(root, "all");
    for (const task of SUBMISSION_TASK_NAMES) await writeRun(join(results, `model-${task}`), [testTask(task, `model-${task}`, 12)]);
    // A dev result beside them is not part of the submission.
    await writeRun(join(results, "dev-model"), [glueTask({ task: "sst2", model: { name: "dev-model" }, gold: ["1"], pred: ["1"] })]);
    const out = join(root, "out", "submission.zip");
    const run = await runCaptured(["submit", results, "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/CoLA\.tsv: 12 rows, the GLUE test set has 1063/);
    const files = await unzip(out);
    expect(Object.keys(files).sort()).toEqual(SUBMISSION_TASKS.map((t) => t.submission.file).sort());
    for (const task of SUBMISSION_TASK_NAMES) {
      const built = testTask(task, `model-${task}`, 12);
      const name = taskInfo(task)?.submission.file as string;
      const lines = (files[name] ?? "").trimEnd().split("\n");
      expect(lines[0], name).toBe("index\tprediction");
      expect(
        lines.slice(1).map((l) => l.split("\t")[0]),
        name,
      ).toEqual(built.predictions.map((p) => String(p.index)));
    }
    expect(files["MNLI-mm.tsv"]).toMatch(/^index\tprediction\n0\t(entailment|neutral|contradiction)\n/);
    expect(files["STS-B.tsv"]?.split("\n")[1]).toMatch(/^0\t\d\.\d{3}$/);
  });

  it("lists the missing tasks, unless --allow-missing", async () => {
    const results = join(root, "some");
    await writeRun(join(results, "a"), [testTask("cola", "a", 5), testTask("rte", "a", 5)]);
    await writeRun(join(results, "b"), [glueTask({ task: "sst2", model: { name: "b" }, gold: ["1"], pred: ["1"] })]);
    const out = join(root, "some.zip");
    const refused = await runCaptured(["submit", results, "--out", out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/SST-2\.tsv \(sst2: no test-split results \(found dev in .*\)\)/);
    expect(refused.stderr).toMatch(/MRPC\.tsv \(mrpc: no results\)/);
    expect(refused.stderr).toMatch(/--allow-missing/);
    const allowed = await runCaptured(["submit", results, "--out", out, "--allow-missing"]);
    expect(allowed.code).toBe(0);
    expect(Object.keys(await unzip(out)).sort()).toEqual(["CoLA.tsv", "RTE.tsv"]);
  });

  it("refuses a task submitted twice", async () => {
    const results = join(root, "twice");
    await writeRun(join(results, "a"), [testTask("cola", "a", 5)]);
    await writeRun(join(results, "b"), [testTask("cola", "b", 5)]);
    const run = await runCaptured(["submit", results, "--out", join(root, "twice.zip"), "--allow-missing"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/test predictions for cola found twice/);
  });
});

describe.skipIf(!hasShared)("AX on the diagnostic set's own index", () => {
  it("writes one row per diagnostic.tsv row, in its order", async () => {
    const parsed = Papa.parse<string[]>(readFileSync(sharedPath("data", "glue", "diagnostic", "diagnostic.tsv"), "utf8"), {
      delimiter: "\t",
      quoteChar: "\u0000",
      skipEmptyLines: true,
    });
    const [header, ...rows] = parsed.data;
    expect(header?.[0]).toBe("index");
    const indices = rows.map((r) => Number(r[0]));
    expect(indices).toHaveLength(1104);
    const results = join(root, "ax");
    await writeRun(join(results, "mnli-model"), [testTask("ax", "mnli-model", 0, indices)]);
    const out = join(root, "ax.zip");
    const run = await runCaptured(["submit", results, "--out", out, "--allow-missing"]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/AX\.tsv: \d+ rows/);
    const ax = (await unzip(out))["AX.tsv"] ?? "";
    const lines = ax.trimEnd().split("\n");
    expect(lines).toHaveLength(1105);
    expect(lines.slice(1).map((l) => Number(l.split("\t")[0]))).toEqual(indices);
    expect(lines.slice(1).every((l) => /^\d+\t(entailment|neutral|contradiction)$/.test(l))).toBe(true);
  });
});
