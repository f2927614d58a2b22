/** SQuAD v1.1 / 2.0 as a Task: read, window, infer, decode (utils_qa.py), score (official scripts). */
import { join } from "node:path";
import { ModelError, UsageError } from "../../errors.js";
import { readSquadFile, requireAnswers, type SquadExample } from "../../data/squad.js";
import type { EvalContext, EvalOptions, Task, TaskRun } from "../types.js";
import { decodeQuestion, type DecodeOptions } from "./decode.js";
import { finishSquad } from "./finish.js";
import { mergeSquad } from "./merge.js";
import type { DecodedQuestion } from "./outputs.js";
import { goldQuestions } from "./score.js";
import { shardWindows } from "./slice.js";
import { type CodePointText, codePointText } from "./text.js";
import type { QaWindow } from "./windows.js";

export interface SquadDefinition {
  name: "squad" | "squad_v2";
  description: string;
  /** File inside `<dataDir>/squad/`. */
  file: string;
  version2: boolean;
}

const OUTPUTS = ["start_logits", "end_logits"] as const;

export function squadTask(def: SquadDefinition): Task {
  return { name: def.name, kind: "qa", description: def.description, outputs: OUTPUTS, evaluate: (ctx) => evaluateSquad(def, ctx), merge: (parts) => mergeSquad(def, parts) };
}

function checkOptions(options: Readonly<EvalOptions>): void {
  const positive = { "--max-seq-length": options.maxSeqLength, "--n-best-size": options.nBestSize, "--max-answer-length": options.maxAnswerLength };
  for (const [flag, value] of Object.entries(positive)) {
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a positive integer (got ${value})`);
  }
  if (!Number.isInteger(options.docStride) || options.docStride < 0) throw new UsageError(`--doc-stride must be a non-negative integer (got ${options.docStride})`);
  if (!Number.isFinite(options.nullScoreDiffThreshold)) throw new UsageError("--null-score-diff-threshold must be a number");
}

/** Runs decoding over the windows, which come grouped by question in question order. */
function decodeAll(examples: readonly SquadExample[], windows: readonly QaWindow[], starts: readonly Float32Array[], ends: readonly Float32Array[], options: DecodeOptions): DecodedQuestion[] {
  const grouped = examples.map(() => [] as { offsets: QaWindow["offsets"]; start: Float32Array; end: Float32Array }[]);
  windows.forEach((window, i) => {
    const start = starts[i];
    const end = ends[i];
    if (start === undefined || end === undefined) throw new ModelError("(inference)", `no logits for window ${i}`);
    grouped[window.exampleIndex]?.push({ offsets: window.offsets, start, end });
  });
  // A paragraph's questions come one after another and share its context: one code point view each.
  let source: CodePointText | null = null;
  return examples.map((example, i) => {
    if (source?.text !== example.context) source = codePointText(example.context);
    return { id: example.id, decoding: decodeQuestion(source, grouped[i] ?? [], options) };
  });
}

async function evaluateSquad(def: SquadDefinition, ctx: EvalContext): Promise<TaskRun> {
  const { options, model } = ctx;
  if (!OUTPUTS.every((name) => model.outputNames.includes(name))) {
    throw new ModelError(model.path, `this is not a question-answering model (outputs: ${model.outputNames.join(", ")}); ${def.name} needs start_logits and end_logits`);
  }
  if (options.split !== "dev") throw new UsageError(`${def.name} is evaluated on its dev set only (the test set is hidden)`);
  checkOptions(options);
  const data = await readSquadFile(join(options.dataDir, "squad", def.file));
  if (!def.version2) requireAnswers(data);
  const limited = options.limit === null ? data.examples : data.examples.slice(0, options.limit);

  const started = performance.now();
  const windowOptions = { maxSeqLength: options.maxSeqLength, docStride: options.docStride, file: data.file };
  const { examples, windows, slice } = await shardWindows(limited, ctx.tokenizer, ctx.onEncoded ? { ...windowOptions, onEncoded: ctx.onEncoded } : windowOptions, options.shard);
  const tokenizeSeconds = (performance.now() - started) / 1000;

  const outputs = windows.length === 0 ? new Map<string, Float32Array[]>() : await ctx.infer(windows, OUTPUTS);
  const decodeOptions = { nBestSize: options.nBestSize, maxAnswerLength: options.maxAnswerLength, version2: def.version2, nullScoreDiffThreshold: options.nullScoreDiffThreshold };
  const decoded = decodeAll(examples, windows, outputs.get("start_logits") ?? [], outputs.get("end_logits") ?? [], decodeOptions);
  const windowsPerQuestion = new Map<number, number>();
  for (const window of windows) windowsPerQuestion.set(window.exampleIndex, (windowsPerQuestion.get(window.exampleIndex) ?? 0) + 1);

  const config = {
    doc_stride: options.docStride,
    doc_stride_meaning: "overlap",
    question_first: ctx.tokenizer.padSide === "right",
    n_best_size: options.nBestSize,
    max_answer_length: options.maxAnswerLength,
    ...(def.version2 ? { null_score_diff_threshold: options.nullScoreDiffThreshold } : {}),
  };
  const truncated = [...windowsPerQuestion.values()].filter((count) => count > 1).length;
  return finishSquad(def, { decoded, gold: goldQuestions(examples), features: windows.length, truncated, dataFile: data.file, config, tokenizeSeconds }, slice);
}
