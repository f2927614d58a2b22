/**
 * Builders for results folders as `glue-eval run` writes them: `<task>.json` (TaskResult) and
 * `<task>.predictions.jsonl`, with metrics consistent with the predictions.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { computeGlueMetrics } from "../../src/metrics/glue.js";
import type { Precision } from "../../src/precision.js";
import { createRng } from "../../src/report/stats/random.js";
import { type ModelInfo, type PredictionLine, RESULT_SCHEMA, type TaskResult } from "../../src/results/schema.js";
import { taskDefinition } from "../../src/tasks/catalogue/index.js";
import { glueAnalysis } from "../../src/tasks/glue/analysis.js";
import { sha256 } from "../../src/util/hash.js";

export interface BuiltTask {
  result: TaskResult;
  predictions: PredictionLine[];
}

export interface ModelSpec {
  name: string;
  dtype?: "fp32" | "q8" | "fp16" | "q4";
  /** The model folder as given (default models/<name>); runs of one folder in several dtypes share it. */
  path?: string;
}

const PRECISION: Record<NonNullable<ModelSpec["dtype"]>, Precision> = {
  fp32: { activations: "float32", weights: "none", quantizationOps: [], batchDependent: false },
  fp16: { activations: "float16", weights: "none", quantizationOps: [], batchDependent: false },
  q8: { activations: "float32", weights: "dynamic-int8", quantizationOps: ["DynamicQuantizeLinear", "MatMulInteger"], batchDependent: true },
  q4: { activations: "float32", weights: "int4", quantizationOps: ["MatMulNBits"], batchDependent: false },
};
const FILE = { fp32: "model.onnx", fp16: "onnx/model_fp16.onnx", q8: "onnx/model_quantized.onnx", q4: "onnx/model_q4.onnx" } as const;
const BYTES = { fp32: 4_122_988, fp16: 2_083_423, q8: 1_101_853, q4: 4_041_777 } as const;

function modelInfo({ name, dtype = "fp32", path }: ModelSpec): ModelInfo {
  const file = FILE[dtype];
  const digest = sha256(`model ${name} ${dtype}`);
  return {
    path: path ?? `models/${name}`,
    name,
    file,
    sha256: digest,
    files: [{ file, bytes: BYTES[dtype], sha256: digest }],
    dtype,
    precision: PRECISION[dtype],
    layout: "optimum",
    inputs: ["input_ids", "attention_mask", "token_type_ids"],
    outputs: ["logits"],
    id2label: null,
    labelMapping: null,
    labelMappingSource: null,
  };
}

export function baseResult(task: string, model: ModelSpec, n: number, split = "dev"): TaskResult {
  return {
    schema: RESULT_SCHEMA,
    task,
    split,
    n,
    features: n,
    metrics: {},
    tunedOnEval: [],
    warnings: [],
    model: modelInfo(model),
    tokenizer: { file: "tokenizer.json", sha256: sha256(`tokenizer ${model.path ?? model.name}`) },
    data: { file: `data/${task}/${split}.tsv`, sha256: sha256(`data ${task} ${split}`) },
    config: { max_seq_length: 128, batch_size: 32 },
    truncated: 0,
    runtime: { glueEval: "0.1.0", onnxruntime: "1.30.0", node: "v20.20.2", threads: 2, executionProvider: "cpu" },
    command: ["glue-eval", "--task", task, "--model", `models/${model.name}`, "--dtype", model.dtype ?? "fp32"],
    date: "2026-01-02T03:04:05.000Z",
    timing: {
      seconds: n / 100,
      examplesPerSecond: 100,
      tokenizeSeconds: 0.01,
      inferSeconds: n / 100,
      batches: Math.ceil(n / 32),
      cachedBatches: 0,
      paddingFraction: 0.25,
    },
  };
}

/** A numeric label for the metric functions: integers stand for themselves, names by first appearance. */
function coder(): (v: string | number) => number {
  const names = new Map<string, number>();
  return (v) => {
    if (typeof v === "number") return v;
    if (/^-?\d+$/.test(v)) return Number(v);
    if (!names.has(v)) names.set(v, 100 + names.size);
    return names.get(v) as number;
  };
}

export interface GlueTaskSpec {
  task: string;
  model: ModelSpec;
  /** Gold labels as GLUE writes them; null for an unlabelled (test) split. */
  gold: readonly (string | number)[] | null;
  pred: readonly (string | number)[];
  /** The rows' own index (default 0..n−1). */
  indices?: readonly (string | number)[];
  split?: string;
  /** Input texts (GLUE's first sentence) and the second sentences of pairs, written into the lines as a run does. */
  texts?: readonly string[];
  pairs?: readonly string[];
  /** Logits per example, written into the lines as a run does. */
  logits?: readonly (readonly number[])[];
  /** Input tokens per example, written into the lines as a run does. */
  tokens?: readonly number[];
}

export function glueTask(spec: GlueTaskSpec): BuiltTask {
  const n = spec.pred.length;
  const result = baseResult(spec.task, spec.model, n, spec.split ?? (spec.gold === null ? "test" : "dev"));
  const def = taskDefinition(spec.task);
  const set = def?.format === "tsv" ? def.metrics : null;
  if (spec.gold !== null && set !== null) {
    const code = coder();
    const computed = computeGlueMetrics(set, spec.gold.map(code), spec.pred.map(code));
    result.metrics = computed.metrics;
    result.warnings = computed.warnings;
  }
  if (spec.gold !== null && def !== undefined && def.kind !== "qa") {
    // As a run computes it, from label indices in the task's order (STS-B: the scores).
    const labels = def.labels;
    const index = (v: string | number): number => (labels === null ? Number(v) : labels.findIndex((l) => l.value === String(v)));
    const logits = spec.logits ?? spec.pred.map(() => [Number.NaN]);
    result.analysis = glueAnalysis(def, { gold: spec.gold.map(index), pred: spec.pred.map(index), logits, lengths: spec.tokens ?? null });
  }
  const predictions = spec.pred.map((prediction, i): PredictionLine => {
    const line: PredictionLine = { index: spec.indices?.[i] ?? i, prediction };
    if (spec.gold !== null) line.label = spec.gold[i] ?? null;
    const logits = spec.logits?.[i];
    if (logits !== undefined) line.logits = [...logits];
    const tokens = spec.tokens?.[i];
    if (tokens !== undefined) line.tokens = tokens;
    const text = spec.texts?.[i];
    if (text !== undefined) line.text = text;
    const pair = spec.pairs?.[i];
    if (pair !== undefined) line.pair = pair;
    return line;
  });
  return { result, predictions };
}

export interface SquadQuestion {
  id: string;
  prediction: string;
  exact: number;
  f1: number;
  hasAnswer?: boolean;
  /** The question and its gold answers, written into the lines as a run does. */
  question?: string;
  answers?: string[];
}

export function squadTask(task: "squad" | "squad_v2", model: ModelSpec, questions: readonly SquadQuestion[]): BuiltTask {
  const n = questions.length;
  const result = baseResult(task, model, n);
  const mean = (values: number[]): number | null => (values.length === 0 ? null : (100 * values.reduce((a, b) => a + b, 0)) / values.length);
  const exact = mean(questions.map((q) => q.exact));
  const f1 = mean(questions.map((q) => q.f1));
  if (task === "squad") result.metrics = { exact_match: exact, f1 };
  else {
    const has = questions.filter((q) => q.hasAnswer === true);
    const no = questions.filter((q) => q.hasAnswer !== true);
    result.metrics = {
      exact,
      f1,
      total: n,
      HasAns_exact: mean(has.map((q) => q.exact)),
      HasAns_f1: mean(has.map((q) => q.f1)),
      HasAns_total: has.length,
      NoAns_exact: mean(no.map((q) => q.exact)),
      NoAns_f1: mean(no.map((q) => q.f1)),
      NoAns_total: no.length,
      best_exact: (exact ?? 0) + 1.5,
      best_exact_thresh: -0.25,
      best_f1: (f1 ?? 0) + 1.25,
      best_f1_thresh: -0.125,
    };
    result.tunedOnEval = ["best_exact", "best_exact_thresh", "best_f1", "best_f1_thresh"];
  }
  result.features = n + Math.floor(n / 4);
  result.truncated = Math.floor(n / 4);
  const predictions = questions.map((q): PredictionLine => {
    const line: PredictionLine = { index: q.id, prediction: q.prediction, exact: q.exact, f1: q.f1 };
    if (task === "squad_v2") line.hasAnswer = q.hasAnswer === true;
    if (q.question !== undefined) line.text = q.question;
    if (q.answers !== undefined) line.answers = [...q.answers];
    return line;
  });
  return { result, predictions };
}

/** n labels drawn from `values`, reproducibly. */
export function randomLabels<T>(n: number, values: readonly T[], seed: number): T[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => values[rng.nextInt(values.length)] as T);
}

/** `gold` with the labels at `positions` replaced by another value of `values`. */
export function flipAt<T>(gold: readonly T[], positions: readonly number[], values: readonly T[]): T[] {
  const out = [...gold];
  for (const p of positions) {
    const current = out[p] as T;
    out[p] = values.find((v) => v !== current) as T;
  }
  return out;
}

/** Writes `<task>.json` and `<task>.predictions.jsonl` for each task into `dir`. */
export async function writeRun(dir: string, tasks: readonly BuiltTask[], options: { predictions?: boolean } = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const { result, predictions } of tasks) {
    await writeFile(join(dir, `${result.task}.json`), `${JSON.stringify(result, null, 2)}\n`);
    if (options.predictions !== false) {
      await writeFile(join(dir, `${result.task}.predictions.jsonl`), predictions.map((p) => `${JSON.stringify(p)}\n`).join(""));
    }
  }
}
