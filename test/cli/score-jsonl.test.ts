/** `glue-eval score` reads a run's own `<task>.predictions.jsonl`, and its missing-file error says where the data should come from. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskResult } from "../../src/results/schema.js";
import { runCaptured } from "../factories/cli.js";
import { classifierGraph, writeModelFolder, writeSst2 } from "../factories/onnx.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-score-jsonl-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const data = join(tmp, "data");
const model = join(tmp, "model");

beforeAll(() => {
  const sentences = ["a good film", "not good", "bad", "very very good film"];
  writeSst2(
    data,
    Array.from({ length: 8 }, (_, i) => [sentences[i % 4] as string, ((i >> 1) % 2) as 0 | 1]),
  );
  writeModelFolder(model, "model.onnx", classifierGraph({ weights: [0.25, -0.5, 1, 2] }));
});

const evaluate = async (out: string, extra: string[] = []): Promise<TaskResult> => {
  const r = await runCaptured(["--task", "sst2", "--model", model, "--data-dir", data, "--output-dir", out, "--no-progress", "--no-cache", ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(readFileSync(join(out, "sst2.json"), "utf8")) as TaskResult;
};

const score = (task: string, predictions: string, dataDir = data) =>
  runCaptured(["score", "--task", task, "--predictions", predictions, "--data-dir", dataDir, "--json"]);

describe("score reads <task>.predictions.jsonl", () => {
  // Was: `expected the header "index<TAB>prediction", found "{"index":0,...`.
  it("GLUE: the run's own file gives the run's metrics", async () => {
    const out = join(tmp, "out");
    const result = await evaluate(out);
    const r = await score("sst2", join(out, "sst2.predictions.jsonl"));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(result.metrics);
  });

  it("a subset's file (--limit) is refused with one line that says so", async () => {
    const out = join(tmp, "out-limit");
    await evaluate(out, ["--limit", "3"]);
    const r = await score("sst2", join(out, "sst2.predictions.jsonl"));
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/sst2\.predictions\.jsonl: holds 3 predictions for the 8 rows of .*dev\.tsv \(score takes the whole dev set/),
    ]);
  });

  it("a line whose index is not the dev row's is refused, naming the line", async () => {
    const out = join(tmp, "out");
    const lines = readFileSync(join(out, "sst2.predictions.jsonl"), "utf8").trim().split("\n");
    const file = join(tmp, "swapped.predictions.jsonl");
    writeFileSync(file, `${[lines[1], lines[0], ...lines.slice(2)].join("\n")}\n`);
    const r = await score("sst2", file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/swapped\.predictions\.jsonl:1 \(field "index"\): is 1, but row 1 of .* is 0/);
  });
});

describe("the missing-file error", () => {
  // Was: "<dir>/glue/SST-2/dev.tsv: cannot read the file (ENOENT)".
  it("names --data-dir and glue-eval download --task <task>", async () => {
    const nowhere = join(tmp, "nowhere");
    const r = await score("sst2", join(tmp, "out", "sst2.predictions.jsonl"), nowhere);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      `glue-eval: error: ${join(nowhere, "glue", "SST-2", "dev.tsv")}: no such file; fetch the data with \`glue-eval download --task sst2 --data-dir ${nowhere}\``,
    ]);
  });

  it("names the predictions file when that is missing", async () => {
    const r = await score("sst2", join(tmp, "none.jsonl"));
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`glue-eval: error: ${join(tmp, "none.jsonl")}: not found`);
  });
});

describe("score reads a SQuAD run's predictions file", () => {
  const context = "Paris is the capital of France and Rome the capital of Italy.";
  const qas = [
    { id: "q1", question: "Capital of France?", answers: [{ text: "Paris", answer_start: 0 }], is_impossible: false },
    { id: "q2", question: "Capital of Mars?", answers: [], is_impossible: true },
    { id: "q3", question: "Capital of Italy?", answers: [{ text: "Rome", answer_start: 34 }], is_impossible: false },
  ];
  const answers: Record<string, string> = { q1: "Paris", q2: "", q3: "Italy" };

  it("SQuAD 2.0: the same metrics as the official JSON of the same answers", async () => {
    const squadData = join(tmp, "squad-data");
    mkdirSync(join(squadData, "squad"), { recursive: true });
    writeFileSync(join(squadData, "squad", "dev-v2.0.json"), JSON.stringify({ version: "v2.0", data: [{ title: "t", paragraphs: [{ context, qas }] }] }));
    const official = join(tmp, "squad_v2.predictions.json");
    writeFileSync(official, JSON.stringify(answers));
    const jsonl = join(tmp, "squad_v2.predictions.jsonl");
    writeFileSync(
      jsonl,
      Object.entries(answers)
        .map(([index, prediction]) => `${JSON.stringify({ index, prediction })}\n`)
        .join(""),
    );
    const a = await score("squad_v2", official, squadData);
    const b = await score("squad_v2", jsonl, squadData);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
    expect(JSON.parse(b.stdout)).toMatchObject({ exact: (100 * 2) / 3, total: 3, HasAns_total: 2, NoAns_exact: 100 });

    // A subset's file would put the absent questions' gold into best_* (the official script does): refused.
    writeFileSync(jsonl, `${JSON.stringify({ index: "q1", prediction: "Paris" })}\n`);
    const partial = await score("squad_v2", jsonl, squadData);
    expect(partial.code).toBe(1);
    expect(partial.stderr).toMatch(
      /squad_v2\.predictions\.jsonl: answers 1 of the 3 questions of .*dev-v2\.0\.json \(not q2\) \(score takes the whole dev set/,
    );
  });
});
