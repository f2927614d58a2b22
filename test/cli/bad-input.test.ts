/**
 * The bad-input corpus through the real CLI as a subprocess: one line on stderr naming the
 * file (and line and field where there is one), exit 1 (2 for usage), no stack trace, no
 * output file. CRLF, a BOM and quote characters must work.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, ensureBuilt, runCliProcess } from "../cli-process.js";
import { hasShared, sharedPath } from "../shared.js";

const BAD = join(ROOT, "test", "fixtures", "bad");
const tmp = mkdtempSync(join(tmpdir(), "glue-eval-bad-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => ensureBuilt());

let counter = 0;
/** A data dir holding one corpus file at the place a task reads it. */
function dataDir(corpusFile: string, target: string): string {
  const dir = join(tmp, `data-${counter++}`);
  mkdirSync(join(dir, target, ".."), { recursive: true });
  copyFileSync(join(BAD, corpusFile), join(dir, target));
  return dir;
}

/** A copy of a fixture model folder, changed by `edit`. */
function modelCopy(name: string, edit: (dir: string) => void): string {
  const dir = join(tmp, `model-${counter++}`);
  cpSync(sharedPath("fixtures", "models", name), dir, { recursive: true });
  edit(dir);
  return dir;
}

const sst2Model = (): string => sharedPath("fixtures", "models", "bert-tiny-sst2");
const squadModel = (): string => sharedPath("fixtures", "models", "bert-tiny-squad");

interface Case {
  title: string;
  args: () => string[];
  exit: number;
  message: RegExp;
}

const sst2Data = (file: string): string[] => ["--task", "sst2", "--model", sst2Model(), "--data-dir", dataDir(file, "glue/SST-2/dev.tsv")];
const squadData = (file: string, extra: string[] = []): string[] => [
  "--task",
  "squad",
  "--model",
  squadModel(),
  "--data-dir",
  dataDir(file, "squad/dev-v1.1.json"),
  ...extra,
];
const real = (): string[] => ["--data-dir", sharedPath("data")];

const CASES: Case[] = [
  { title: "TSV with a missing column", args: () => sst2Data("missing-column.tsv"), exit: 1, message: /dev\.tsv:1 \(field "label"\): missing column/ },
  {
    title: "TSV row with a missing field",
    args: () => sst2Data("missing-field.tsv"),
    exit: 1,
    message: /dev\.tsv:3: expected 2 tab-separated fields, found 1/,
  },
  { title: "TSV row with an extra tab", args: () => sst2Data("extra-tab.tsv"), exit: 1, message: /dev\.tsv:3: expected 2 tab-separated fields, found 3/ },
  { title: "TSV with an unknown label", args: () => sst2Data("unknown-label.tsv"), exit: 1, message: /dev\.tsv:3 \(field "label"\): unknown label "positive"/ },
  { title: "empty TSV", args: () => sst2Data("empty.tsv"), exit: 1, message: /dev\.tsv: the file is empty/ },
  { title: "binary garbage", args: () => sst2Data("binary.tsv"), exit: 1, message: /dev\.tsv: binary data/ },
  { title: "TSV with a header only", args: () => sst2Data("header-only.tsv"), exit: 1, message: /dev\.tsv: no data rows/ },
  { title: "SQuAD JSON truncated", args: () => squadData("squad-truncated.json"), exit: 1, message: /dev-v1\.1\.json.*(JSON|json)/ },
  { title: "SQuAD JSON without data", args: () => squadData("squad-no-data.json"), exit: 1, message: /dev-v1\.1\.json.*data/ },
  { title: "SQuAD question without answers", args: () => squadData("squad-no-answers.json"), exit: 1, message: /dev-v1\.1\.json.*answers/ },
  { title: "SQuAD answer_start outside its context", args: () => squadData("squad-answer-outside.json"), exit: 1, message: /dev-v1\.1\.json.*answer_start/ },
  // Was exit 0 with exact_match NaN.
  { title: "SQuAD file without questions", args: () => squadData("squad-empty.json"), exit: 1, message: /dev-v1\.1\.json \(field "data"\): no questions/ },
  {
    title: "model folder without tokenizer.json",
    args: () => ["--task", "sst2", "--model", modelCopy("bert-tiny-sst2", (d) => rmSync(join(d, "tokenizer.json"))), ...real()],
    exit: 1,
    message: /tokenizer\.json is missing/,
  },
  {
    title: "corrupt .onnx",
    args: () => ["--task", "rte", "--model", modelCopy("bert-tiny-rte", (d) => writeFileSync(join(d, "model.onnx"), "not a graph")), ...real()],
    exit: 1,
    message: /model\.onnx: onnxruntime could not load the graph/,
  },
  {
    title: "config.json that is not JSON",
    args: () => ["--task", "rte", "--model", modelCopy("bert-tiny-rte", (d) => writeFileSync(join(d, "config.json"), "{ id2label: ")), ...real()],
    exit: 1,
    message: /config\.json: not valid JSON/,
  },
  // Was ignored without a word, and model_max_length with it.
  {
    title: "tokenizer_config.json that is not JSON",
    args: () => [
      "--task",
      "rte",
      "--model",
      modelCopy("bert-tiny-rte", (d) => writeFileSync(join(d, "tokenizer_config.json"), '{ "model_max_length": 64,')),
      ...real(),
    ],
    exit: 1,
    message: /tokenizer_config\.json: not valid JSON/,
  },
  {
    title: "num_labels that does not fit the task",
    args: () => [
      "--task",
      "rte",
      "--model",
      modelCopy("bert-tiny-rte", (d) => writeFileSync(join(d, "config.json"), JSON.stringify({ id2label: { 0: "a", 1: "b", 2: "c" } }))),
      ...real(),
    ],
    exit: 1,
    message: /has 3 output labels but rte has 2/,
  },
  {
    title: "id2label that cannot be mapped",
    args: () => [
      "--task",
      "rte",
      "--model",
      modelCopy("bert-tiny-rte", (d) => writeFileSync(join(d, "config.json"), JSON.stringify({ id2label: { 0: "yes", 1: "no" } }))),
      ...real(),
    ],
    exit: 1,
    message: /id2label \[yes, no\] cannot be mapped to the rte labels/,
  },
  {
    title: "graph without the expected output (GLUE task on a QA model)",
    args: () => ["--task", "sst2", "--model", squadModel(), ...real()],
    exit: 1,
    message: /sst2 needs a sequence-classification model with output logits/,
  },
  {
    title: "QA task on a classification model",
    args: () => ["--task", "squad", "--model", sst2Model(), ...real()],
    exit: 1,
    message: /squad needs a question-answering model with output start_logits, end_logits/,
  },
  {
    title: "--batch-size 0",
    args: () => ["--task", "sst2", "--model", sst2Model(), ...real(), "--batch-size", "0"],
    exit: 2,
    message: /--batch-size must be a whole number from 1/,
  },
  {
    title: "--max-seq-length 4",
    args: () => ["--task", "sst2", "--model", sst2Model(), ...real(), "--max-seq-length", "4"],
    exit: 2,
    message: /--max-seq-length must be a whole number from 16/,
  },
  {
    title: "a doc stride ≥ the context room",
    args: () => ["--task", "squad", "--model", squadModel(), ...real(), "--limit", "3", "--max-seq-length", "32", "--doc-stride", "30"],
    exit: 2,
    message: /--doc-stride 30 must be less than the 18 context tokens that fit beside question 56be4db0acb8001400a502ec/,
  },
  {
    title: "a question too long to leave room",
    args: () => squadData("squad-long-question.json", ["--max-seq-length", "64", "--doc-stride", "16"]),
    exit: 1,
    message: /question q1 has 80 tokens/,
  },
  {
    title: "an execution provider this build lacks",
    args: () => ["--task", "sst2", "--model", sst2Model(), ...real(), "--execution-provider", "cuda"],
    exit: 1,
    message:
      /execution provider "cuda" could not be loaded .*; install them with ONNXRUNTIME_NODE_INSTALL=cuda12 node ".*\/onnxruntime-node\/script\/install\.js"$/,
  },
  {
    title: "an unknown execution provider",
    args: () => ["--task", "sst2", "--model", sst2Model(), ...real(), "--execution-provider", "tpu"],
    exit: 2,
    message: /execution provider "tpu" is not in this onnxruntime-node build/,
  },
  {
    title: "an unknown task",
    args: () => ["--task", "mnlii", "--model", sst2Model(), ...real()],
    exit: 2,
    message: /unknown task "mnlii" — did you mean "mnli"/,
  },
  {
    title: "a missing data directory",
    args: () => ["--task", "sst2", "--model", sst2Model(), "--data-dir", join(tmp, "nowhere")],
    exit: 1,
    message: /nowhere: data directory not found \(use --data-dir, or `glue-eval download --task sst2 --data-dir \S+\/nowhere` to fetch the datasets\)$/,
  },
  {
    title: "a task whose data file is missing, before any task runs",
    args: () => ["--task", "sst2,mnli_mismatched,squad", "--model", sst2Model(), "--data-dir", dataDir("crlf.tsv", "glue/SST-2/dev.tsv")],
    exit: 1,
    message: /data-\d+\/glue\/MNLI\/dev_mismatched\.tsv: no such file; fetch the data with `glue-eval download --task mnli-mm,squad --data-dir \S+\/data-\d+`$/,
  },
  {
    title: "a missing model folder",
    args: () => ["--task", "sst2", "--model", join(tmp, "no-model"), ...real()],
    exit: 1,
    message: /no-model: not a folder, and not a hub model id/,
  },
  {
    title: "an unwritable output directory",
    args: () => {
      const file = join(tmp, `file-${counter++}`);
      writeFileSync(file, "");
      return ["--task", "sst2", "--model", sst2Model(), ...real(), "--output-dir", join(file, "out")];
    },
    exit: 1,
    message: /output directory is not writable \(a file is in the way of its folder\)/,
  },
];

describe.skipIf(!hasShared)("bad input through the CLI", () => {
  it.concurrent.each(CASES)("$title", async ({ args, exit, message }) => {
    const out = join(tmp, `out-${counter++}`);
    const argv = args();
    const withOut = argv.includes("--output-dir") ? argv : [...argv, "--output-dir", out];
    const result = await runCliProcess([...withOut, "--no-cache", "--no-progress"]);
    const lines = result.stderr.trim().split("\n");
    console.log(`[exit ${result.code}] ${lines.join(" | ")}`);
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^glue-eval: error: /);
    expect(lines[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(exit);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it.each(["crlf.tsv", "bom.tsv", "quotes.tsv"])("reads %s", async (file) => {
    const out = join(tmp, `ok-${counter++}`);
    const result = await runCliProcess([...sst2Data(file), "--output-dir", out, "--no-cache", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const lines = readFileSync(join(out, "sst2.predictions.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { label: string });
    expect(lines.map((l) => l.label)).toEqual(["1", "0"]);
  });
});
