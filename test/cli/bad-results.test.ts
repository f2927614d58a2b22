/**
 * Results, shard and prediction files that do not match their schema. Before, the loader checked
 * only `schema`, `task`, `split`, `n`, `metrics` and `model.name`: a `<task>.json` without
 * `runtime`, `data`, `tokenizer`, `timing`, `date`, `command` or `warnings`, or with
 * `model.sha256: null`, made report, compare and merge exit 70 with a stack trace. Now each is
 * one line naming the file and the first bad field, exit 1.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCaptured } from "../factories/cli.js";
import { glueTask, randomLabels, writeRun } from "../factories/results.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-bad-results-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BIN = ["0", "1"];
let folders = 0;

/** A model folder of MRPC results, `change` applied to mrpc.json; returns the folder and the file. */
async function resultsWith(change: (result: Record<string, unknown>) => void, shard = false): Promise<{ dir: string; file: string }> {
  const root = join(tmp, `run-${folders++}`);
  const built = glueTask({ task: "mrpc", model: { name: "alpha" }, gold: randomLabels(20, BIN, 1), pred: randomLabels(20, BIN, 2) });
  if (shard) Object.assign(built.result, { shard: { index: 0, count: 1, start: 0, end: 20, total: 20, fedTokens: 400, realTokens: 300 } });
  const dir = shard ? join(root, "shards", "0-of-1") : root;
  await writeRun(dir, [built]);
  const file = join(dir, "mrpc.json");
  const result = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  change(result);
  writeFileSync(file, JSON.stringify(result));
  return { dir: root, file };
}

const without = (field: string) => (result: Record<string, unknown>) => {
  delete result[field];
};

async function expectOneLine(argv: string[], line: string): Promise<void> {
  const run = await runCaptured(argv);
  expect(run.stderr).toBe(`glue-eval: error: ${line}\n`);
  expect(run.code).toBe(1);
}

describe("a results file that does not match its schema", () => {
  it.each(["runtime", "data", "tokenizer", "timing", "date", "command", "warnings"])(
    "without %s: report, compare and merge name the file and the field",
    async (field) => {
      const { dir, file } = await resultsWith(without(field));
      const line = `${file} (field "${field}"): is missing`;
      await expectOneLine(["report", dir, "--out", join(tmp, `${field}.md`)], line);
      await expectOneLine(["compare", dir, dir], line);
      const sharded = await resultsWith(without(field), true);
      await expectOneLine(["merge", sharded.dir], `${sharded.file} (field "${field}"): is missing`);
    },
  );

  it.each([
    [
      "model.sha256 null",
      (r: Record<string, unknown>) => Object.assign(r.model as object, { sha256: null }),
      `(field "model.sha256"): must be a string, not null`,
    ],
    [
      "a model file's size a string",
      (r: Record<string, unknown>) => Object.assign((r.model as { files: object[] }).files[0] as object, { bytes: "12" }),
      `(field "model.files[0].bytes"): must be a number, not "12"`,
    ],
    [
      "timing.seconds negative",
      (r: Record<string, unknown>) => Object.assign(r.timing as object, { seconds: -1 }),
      `(field "timing.seconds"): Too small: expected number to be >=0 (-1)`,
    ],
    [
      "metrics holding text",
      (r: Record<string, unknown>) => Object.assign(r.metrics as object, { f1: "0.9" }),
      `(field "metrics.f1"): must be a number, not "0.9"`,
    ],
  ])("with %s: one line naming the field", async (_, change, problem) => {
    const { dir, file } = await resultsWith(change);
    await expectOneLine(["report", dir, "--out", join(tmp, "x.md")], `${file} ${problem}`);
  });

  it("a shard whose shard block is not whole: merge names the field", async () => {
    const { dir, file } = await resultsWith((r) => delete (r.shard as Record<string, unknown>).end, true);
    await expectOneLine(["merge", dir], `${file} (field "shard.end"): is missing`);
  });

  it("a predictions line with a bad field: one line naming the file, the line and the field", async () => {
    const { dir } = await resultsWith(() => undefined);
    const predictions = join(dir, "mrpc.predictions.jsonl");
    const lines = readFileSync(predictions, "utf8").split("\n");
    lines[2] = JSON.stringify({ index: true, prediction: "1" });
    writeFileSync(predictions, lines.join("\n"));
    const file = join(dir, "mrpc.json");
    // The results list the predictions' sha256: list the changed file's, so that only its content is wrong.
    const result = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    delete result.files;
    writeFileSync(file, JSON.stringify(result));
    await expectOneLine(["report", dir, "--out", join(tmp, "z.md")], `${predictions}:3 (field "index"): must be a number or a string, not true`);
  });
});

describe("a folder that is not results", () => {
  it("a results file that is not JSON at all is one line", async () => {
    const dir = join(tmp, "not-json");
    mkdirSync(dir);
    writeFileSync(join(dir, "mrpc.json"), "{");
    const run = await runCaptured(["report", dir, "--out", join(tmp, "y.md")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^glue-eval: error: .*mrpc\.json: not valid JSON/);
  });
});
