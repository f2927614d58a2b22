/** SQuAD v1.1 / 2.0 as a Task: read, window, infer, decode (utils_qa.py), score (official scripts). */
import { join } from "node:path";
import { ModelError, UsageError } from "../../errors.js";
import { firstNonFinite } from "../../floats.js";
import { readSquadFile, requireAnswers, type SquadExample } from "../../data/squad.js";
import type { SquadTaskDefinition } from "../catalogue/squad.js";
import type { Task, TaskContext, TaskOptions, TaskRun } from "../interface.js";
import { decodeQuestion, type DecodeOptions } from "./decode.js";
import { finishSquad } from "./finish.js";
import type { DecodedQuestion } from "./outputs.js";
import { goldQuestions } from "./score-file.js";
import { requireDataFiles } from "../data-files.js";
import { inputKey } from "../input-key.js";
import { shardWindows } from "./slice.js";
import { type CodePointText, codePointText } from "./text.js";
import type { QaWindow } from "./windows.js";

/** The task without its `merge`, which tasks/join-shards.ts supplies. */
export function squadTask(def: SquadTaskDefinition): Omit<Task, "merge"> {
  // The graph's output names are all a QA model needs to fit, and the runner checks those for every task.
  return { ...def, run: (ctx) => runSquad(def, ctx), fits: () => undefined };
}

/** Runs decoding over the windows, which come grouped by question in question order. */
function decodeAll(
  examples: readonly SquadExample[],
  windows: readonly QaWindow[],
  starts: readonly Float32Array[],
  ends: readonly Float32Array[],
  options: DecodeOptions,
): DecodedQuestion[] {
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
    const own = grouped[i] ?? [];
    const decoded: DecodedQuestion = { id: example.id, decoding: decodeQuestion(source, own, options) };
    if (own.some((w) => firstNonFinite(w.start) >= 0 || firstNonFinite(w.end) >= 0)) decoded.nonFinite = true;
    return decoded;
  });
}

async function runSquad(def: SquadTaskDefinition, ctx: TaskContext): Promise<TaskRun> {
  const { options } = ctx;
  if (options.split !== "dev") throw new UsageError(`${def.name} is evaluated on its dev set only (the test set is hidden)`);
  requireDataFiles([def], options.dataDir, "dev");
  const data = await readSquadFile(join(options.dataDir, "squad", def.file));
  if (!def.version2) requireAnswers(data);
  const limited = options.limit === null ? data.examples : data.examples.slice(0, options.limit);

  const started = performance.now();
  const windowOptions = { maxSeqLength: options.maxSeqLength, docStride: options.docStride, file: data.file };
  const key = (): string => inputKey("squad", [ctx.tokenizer.sha256, windowOptions, options.shard ?? null, limited.map((e) => [e.id, e.question, e.context])]);
  const { examples, windows, slice } = await ctx.inputs.get(key, () => shardWindows(limited, ctx.tokenizer, windowOptions, options.shard));
  const tokenizeSeconds = (performance.now() - started) / 1000;

  const outputs = windows.length === 0 ? new Map<string, Float32Array[]>() : await ctx.infer(windows);
  const decodeOptions = {
    nBestSize: options.nBestSize,
    maxAnswerLength: options.maxAnswerLength,
    version2: def.version2,
    nullScoreDiffThreshold: options.nullScoreDiffThreshold,
  };
  const decoded = decodeAll(examples, windows, outputs.get("start_logits") ?? [], outputs.get("end_logits") ?? [], decodeOptions);

  const finished = {
    decoded,
    gold: goldQuestions(examples),
    questions: examples.map((e) => e.question),
    features: windows.length,
    truncated: questionsOverSeveralWindows(windows),
    dataFile: data.file,
    config: recordedConfig(def, options, ctx.tokenizer.padSide === "right"),
    tokenizeSeconds,
    splitExamples: data.examples.length,
  };
  return finishSquad(def, finished, ctx.warn, slice);
}

/** Questions whose context did not fit in one window. */
function questionsOverSeveralWindows(windows: readonly QaWindow[]): number {
  const perQuestion = new Map<number, number>();
  for (const window of windows) perQuestion.set(window.exampleIndex, (perQuestion.get(window.exampleIndex) ?? 0) + 1);
  return [...perQuestion.values()].filter((count) => count > 1).length;
}

/** The SQuAD settings recorded in the results, as run_qa.py names them. */
function recordedConfig(def: SquadTaskDefinition, options: Readonly<TaskOptions>, questionFirst: boolean): TaskRun["config"] {
  return {
    doc_stride: options.docStride,
    doc_stride_meaning: "overlap",
    question_first: questionFirst,
    n_best_size: options.nBestSize,
    max_answer_length: options.maxAnswerLength,
    ...(def.version2 ? { null_score_diff_threshold: options.nullScoreDiffThreshold } : {}),
  };
}
