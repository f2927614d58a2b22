/**
 * Every task of a run is checked against the model before the first one runs, and the label
 * count message states the counts config.json gives.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCaptured } from "../factories/cli.js";
import { classifierGraph, writeModelFolder, writeSst2 } from "../factories/onnx.js";
import { hasShared, sharedPath } from "../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-preflight-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const data = join(tmp, "data");
const model = join(tmp, "two-labels");

beforeAll(() => {
  writeSst2(data, [
    ["a good film", 1],
    ["bad", 0],
  ]);
  mkdirSync(join(data, "glue", "STS-B"), { recursive: true });
  writeFileSync(join(data, "glue", "STS-B", "dev.tsv"), "sentence1\tsentence2\tscore\na good film\tgood film\t4.5\nbad\tvery good\t0.5\n");
  // id2label negative, positive: an SST-2 model.
  writeModelFolder(model, "model.onnx", classifierGraph({ weights: [0.25, -0.5, 1, 2] }));
});

const run = (tasks: string, modelDir: string, out: string, dataDir = data) =>
  runCaptured(["--task", tasks, "--model", modelDir, "--data-dir", dataDir, "--output-dir", out, "--no-progress", "--no-cache"]);

const written = (out: string): string[] => (existsSync(out) ? readdirSync(out).filter((f) => !f.startsWith(".")) : []);

describe("tasks checked against the model before any work", () => {
  // Was: "the graph's logits have 2 values per example, config.json says 1 labels", after tokenizing and running the model.
  it("--task stsb on a 2-label model states the counts config.json gives", async () => {
    const out = join(tmp, "out-stsb");
    const r = await run("stsb", model, out);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      `glue-eval: error: ${model}: stsb is a regression task and needs a model with 1 output; config.json says 2 labels (negative, positive)`,
    ]);
    expect(written(out)).toEqual([]);
  });

  // Was: SST-2 ran and wrote its results, then STS-B failed.
  it("a task that cannot fit stops the run before the first task runs", async () => {
    const out = join(tmp, "out-sst2-stsb");
    const r = await run("sst2,stsb", model, out);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("stsb is a regression task and needs a model with 1 output");
    expect(written(out)).toEqual([]);
  });

  it("the tasks that fit still run", async () => {
    const out = join(tmp, "out-sst2");
    const r = await run("sst2", model, out);
    expect(r.code, r.stderr).toBe(0);
    expect(written(out)).toEqual(["sst2.json", "sst2.predictions.jsonl"]);
  });
});

describe.skipIf(!hasShared)("--task glue on a one-task model", () => {
  // Was: CoLA, SST-2 and MRPC ran (a generic 2-label model fits each), then STS-B failed with exit 1 and no table.
  it("stops before CoLA, naming STS-B and transformers' default label count", async () => {
    const out = join(tmp, "out-glue");
    const mrpc = sharedPath("fixtures", "models", "bert-tiny-mrpc");
    const r = await run("glue", mrpc, out, sharedPath("data"));
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      `glue-eval: error: ${mrpc}: stsb is a regression task and needs a model with 1 output; config.json names no labels, which transformers reads as 2`,
    ]);
    expect(written(out)).toEqual([]);
  });
});
