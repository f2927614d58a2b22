/**
 * A task's worst errors, from its predictions file: the wrong predictions the model was
 * surest of (classification), the largest residuals (STS-B), the questions answered worst
 * (SQuAD: lowest F1, abstentions on answerable questions included). Each with its input,
 * so that a reader sees what the model got wrong, not only how often.
 */
import { softmaxConfidence } from "../metrics/calibration.js";
import { readJsonFloat } from "../floats.js";
import type { PredictionLine } from "../results/schema.js";
import { taskDefinition } from "../tasks/catalogue/index.js";
import { inputText } from "./excerpt.js";

export interface ReportError {
  index: string | number;
  /** The input (GLUE: the sentence or pair; SQuAD: the question); null when the predictions file does not hold it. */
  text: string | null;
  /** GLUE: the gold label or score; SQuAD: the distinct gold answers ([] when unanswerable). */
  gold: string | number | string[] | null;
  prediction: string | number;
  /** What ranks it: the top softmax probability (classification), |prediction − gold| (STS-B), F1 0..1 (SQuAD). */
  score: number;
}

export const WORST_ERRORS = 5;

function ranked(kind: string, line: PredictionLine): number | null {
  if (kind === "classification") {
    if (line.label === null || line.label === undefined || String(line.label) === String(line.prediction)) return null;
    const confidence = Array.isArray(line.logits) ? softmaxConfidence(line.logits.map((v) => readJsonFloat(v) ?? Number.NaN)) : Number.NaN;
    return Number.isNaN(confidence) ? null : confidence;
  }
  if (kind === "regression") {
    const residual = Math.abs(Number(line.prediction) - Number(line.label));
    return line.label === null || line.label === undefined || !Number.isFinite(residual) || residual === 0 ? null : residual;
  }
  return typeof line.f1 === "number" && line.exact !== 1 ? line.f1 : null;
}

/** The `count` worst errors, worst first; ties keep file order. Empty for an unknown task or a split without gold labels. */
export function worstErrors(task: string, lines: readonly PredictionLine[], count = WORST_ERRORS): ReportError[] {
  const kind = taskDefinition(task)?.kind;
  if (kind === undefined || count <= 0) return [];
  const found: { line: PredictionLine; score: number; at: number }[] = [];
  lines.forEach((line, at) => {
    const score = ranked(kind, line);
    if (score !== null) found.push({ line, score, at });
  });
  // SQuAD's worst have the lowest F1; the others the highest confidence or residual.
  const sign = kind === "qa" ? 1 : -1;
  found.sort((x, y) => sign * (x.score - y.score) || x.at - y.at);
  return found.slice(0, count).map(({ line, score }) => ({
    index: line.index,
    text: inputText(line),
    // Annotators often give the same answer: each is shown once.
    gold: kind === "qa" ? (line.answers === undefined ? null : [...new Set(line.answers)]) : (line.label ?? null),
    prediction: line.prediction,
    score,
  }));
}
