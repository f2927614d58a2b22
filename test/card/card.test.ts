/**
 * `glue-eval card` on the demo model's results: the `.eval_results` files and the model-index
 * block hold what the hub reads, under the field names huggingface_hub reads them by, with the
 * scores of the run (the SST-2 accuracy is the Python reference's), and say how the run was made.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskResult } from "../../src/results/schema.js";
import { ensureBuilt, runCliProcess } from "../cli-process.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL, EXAMPLE_REF } from "../examples.js";
import { runCaptured } from "../factories/cli.js";
import { modelIndexToEvalResults, parseEvalResultEntries, readYaml } from "./read-card.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-card-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const full = join(tmp, "full");
const limited = join(tmp, "limited");
const sharded = join(tmp, "sharded");
const resultOf = (dir: string, task: string): TaskResult => JSON.parse(readFileSync(join(dir, `${task}.json`), "utf8")) as TaskResult;
const reference = JSON.parse(readFileSync(EXAMPLE_REF, "utf8")) as { splits: { dev: { metrics: { accuracy: number } } } };

beforeAll(async () => {
  ensureBuilt();
  const run = async (...args: string[]): Promise<void> => {
    const done = await runCliProcess([...args, "--model", EXAMPLE_MODEL, "--data-dir", EXAMPLE_DATA, "--cache-dir", join(tmp, "cache"), "--no-progress"]);
    expect(done.code, done.stderr).toBe(0);
  };
  await run("--task", "sst2", "--output-dir", full);
  await run("--task", "mrpc", "--label-map", "not_equivalent,equivalent", "--output-dir", full);
  await run("--task", "sst2", "--limit", "50", "--output-dir", limited);
  await run("--task", "sst2", "--shard", "1/2", "--output-dir", sharded);
}, 60_000);

describe("glue-eval card on the demo model's SST-2 and MRPC results", () => {
  const out = join(tmp, "card");
  let stdout = "";
  beforeAll(async () => {
    const run = await runCaptured(["card", full, "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    stdout = run.stdout;
  });

  it("writes one .eval_results file per task and model-index.yaml, nothing else", () => {
    expect(readdirSync(join(out, ".eval_results")).sort()).toEqual(["mrpc.yaml", "sst2.yaml"]);
    expect(readdirSync(out).sort()).toEqual([".eval_results", "model-index.yaml"]);
  });

  it("sst2.yaml: nyu-mll/glue, config sst2, the accuracy of the Python reference, the run's date", () => {
    const sst2 = resultOf(full, "sst2");
    const [entry, ...more] = parseEvalResultEntries(readYaml(join(out, ".eval_results", "sst2.yaml")), "sst2.yaml");
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ dataset_id: "nyu-mll/glue", task_id: "sst2", dataset_revision: undefined, date: sst2.date, source_url: undefined });
    expect(entry?.value).toBe(reference.splits.dev.metrics.accuracy);
    expect(entry?.value).toBe(sst2.metrics.accuracy);
  });

  it("the notes name the glue-eval version, the whole set, the precision and the device", () => {
    const [entry] = parseEvalResultEntries(readYaml(join(out, ".eval_results", "sst2.yaml")), "sst2.yaml");
    const { runtime, model } = resultOf(full, "sst2");
    expect(entry?.notes).toBe(
      `glue-eval ${runtime.glueEval}; accuracy on the SST-2 dev set (data sha256 54a9c12c77e4), all 872 examples; ` +
        `ONNX graph onnx/model.onnx (--dtype fp32: float32 activations, weights not quantized), sha256 ${model.sha256.slice(0, 12)}; ` +
        `max_seq_length 128; onnxruntime ${runtime.onnxruntime} cpu`,
    );
  });

  it("quotes the date, which YAML 1.1 (PyYAML) would otherwise read as a datetime", () => {
    const text = readFileSync(join(out, ".eval_results", "sst2.yaml"), "utf8");
    expect(text).toMatch(/^ {2}date: "\d{4}-\d\d-\d\dT[\d:.]+Z"$/m);
    expect(text.startsWith("- dataset:\n    id: nyu-mll/glue\n    task_id: sst2\n  value: ")).toBe(true);
  });

  it("model-index: what model_index_to_eval_results reads, every metric with its hub type and name", () => {
    const doc = readYaml(join(out, "model-index.yaml")) as { "model-index": unknown };
    const mrpc = resultOf(full, "mrpc").metrics;
    const glue = (config: string, name: string) => ({
      name: "bert-tiny-sst2",
      task_type: "text-classification",
      task_name: "Text Classification",
      dataset_type: "nyu-mll/glue",
      dataset_name: name,
      dataset_config: config,
      dataset_split: "validation",
    });
    expect(modelIndexToEvalResults(doc["model-index"], "model-index.yaml")).toEqual([
      { ...glue("sst2", "GLUE SST-2"), metric_type: "accuracy", metric_value: reference.splits.dev.metrics.accuracy, metric_name: "Accuracy" },
      { ...glue("mrpc", "GLUE MRPC"), metric_type: "accuracy", metric_value: mrpc.accuracy, metric_name: "Accuracy" },
      { ...glue("mrpc", "GLUE MRPC"), metric_type: "f1", metric_value: mrpc.f1, metric_name: "F1" },
    ]);
  });

  it("prints the model-index block, the text of model-index.yaml", () => {
    expect(stdout).toBe(readFileSync(join(out, "model-index.yaml"), "utf8"));
    expect(stdout.startsWith("model-index:\n  - name: bert-tiny-sst2\n")).toBe(true);
  });
});

describe("what a card says about runs that are not the whole set", () => {
  it("a --limit run: the notes say partial, the model-index split is the slice it scored", async () => {
    const run = await runCaptured(["card", limited]);
    expect(run.code, run.stderr).toBe(0);
    const [entry] = parseEvalResultEntries(readYaml(join(limited, ".eval_results", "sst2.yaml")), "sst2.yaml");
    expect(entry?.value).toBe(resultOf(limited, "sst2").metrics.accuracy);
    expect(entry?.notes).toContain("partial run: only the first 50 examples in file order (--limit 50), not the whole set");
    const [row] = modelIndexToEvalResults((readYaml(join(limited, "model-index.yaml")) as { "model-index": unknown })["model-index"], "model-index.yaml");
    expect(row?.dataset_split).toBe("validation[:50]");
  });

  it("refuses one shard's results: one line naming the file and glue-eval merge; nothing written", async () => {
    const shard = join(sharded, "shards", readdirSync(join(sharded, "shards"))[0] as string);
    const run = await runCaptured(["card", shard, "--out", join(tmp, "shard-card")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^glue-eval: error: .*sst2\.json \(field "shard"\): one shard \(--shard 1\/2\) of a run: join the shards with glue-eval merge, .*\n$/,
    );
    expect(existsSync(join(tmp, "shard-card"))).toBe(false);
  });

  it("leaves out a task without a score, with a warning; refuses a folder where none has one", async () => {
    const dir = join(tmp, "unscored");
    cpSync(full, dir, { recursive: true, filter: (src) => !src.includes(".eval_results") && !src.endsWith(".yaml") });
    const mrpc = resultOf(dir, "mrpc");
    writeFileSync(join(dir, "mrpc.json"), JSON.stringify({ ...mrpc, metrics: { accuracy: null, f1: null } }));
    const some = await runCaptured(["card", dir]);
    expect(some.code, some.stderr).toBe(0);
    expect(some.stderr).toContain("glue-eval: warning: left out mrpc: no accuracy in");
    expect(readdirSync(join(dir, ".eval_results"))).toEqual(["sst2.yaml"]);
    const sst2 = resultOf(dir, "sst2");
    writeFileSync(join(dir, "sst2.json"), JSON.stringify({ ...sst2, metrics: { accuracy: null } }));
    const none = await runCaptured(["card", dir, "--out", join(tmp, "none")]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^glue-eval: error: .*: nothing to put on a card: no task has a score/);
    expect(existsSync(join(tmp, "none"))).toBe(false);
  });
});

describe("glue-eval card: usage", () => {
  it.each([
    [[], "card: give one model's results folder"],
    [[full, full], "card: give one model's results folder"],
    [[full, "--push", "not-a-repo"], '--push must be a model repository id, org/name; got "not-a-repo"'],
    [[full, "--out", ""], "--out must be a file path"],
  ])("glue-eval card %j exits 2", async (args, message) => {
    const run = await runCaptured(["card", ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith(`glue-eval: error: ${message}`)).toBe(true);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});
