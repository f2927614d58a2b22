/**
 * The markdown of a run's analysis: per task the per-class scores, the confusion matrix as
 * a table (markdown has no heatmap), calibration and accuracy by length, STS-B's residuals,
 * SQuAD's answer-length and no-answer views, then the worst errors with their inputs.
 * Pure: data in, text out.
 */
import type { TaskAnalysis } from "../../analysis.js";
import type { ReportError } from "../errors.js";
import { oneLine } from "../excerpt.js";
import { mdCell } from "../escape-markdown.js";
import { fixed, mdTable } from "../format.js";
import { labelName } from "../labels.js";
import type { ReportRun, ReportTask } from "../report-data.js";
import { taskDefinition } from "../../tasks/catalogue/index.js";

const pct = (x: number | null): string => (x === null ? "-" : fixed(x * 100, 1));
const num = (x: number | null, digits = 3): string => (x === null ? "-" : fixed(x, digits));
const bound = (x: number): string => (Number.isInteger(x) ? String(x) : fixed(x, 2));

function classTable(task: ReportTask, a: TaskAnalysis): string[] {
  if (a.perClass === undefined || a.confusion === undefined) return [];
  const predicted = a.confusion.matrix.reduce(
    (sum, row) => sum.map((s, j) => s + (row[j] ?? 0)),
    a.confusion.labels.map(() => 0),
  );
  const rows = a.confusion.labels.map((label, i) => {
    const s = a.perClass?.[label];
    return [
      mdCell(labelName(task.task, label)),
      pct(s?.precision ?? null),
      pct(s?.recall ?? null),
      pct(s?.f1 ?? null),
      String(s?.support ?? 0),
      String(predicted[i] ?? 0),
    ];
  });
  return [mdTable(["label", "precision", "recall", "F1", "support", "predicted"], rows, ["l", "r", "r", "r", "r", "r"]), ""];
}

function confusionTable(task: ReportTask, labels: readonly string[], matrix: readonly (readonly number[])[], corner: string): string[] {
  const names = labels.map((l) => mdCell(labelName(task.task, l)));
  const rows = matrix.map((row, i) => [`**${names[i] ?? ""}**`, ...row.map(String)]);
  return [mdTable([corner, ...names], rows, ["l", ...names.map(() => "r" as const)]), ""];
}

function classification(task: ReportTask, a: TaskAnalysis): string[] {
  const out = [...classTable(task, a)];
  if (a.confusion !== undefined) out.push(...confusionTable(task, a.confusion.labels, a.confusion.matrix, "gold \\ predicted"));
  if (a.calibration !== undefined) {
    const left = a.calibration.excluded > 0 ? `; ${a.calibration.excluded} examples with non-finite logits left out` : "";
    out.push(`Expected calibration error (${a.calibration.bins.length} bins of the top softmax probability): ${num(a.calibration.ece, 4)}${left}.`, "");
  }
  if (a.byLength !== undefined) {
    const rows = a.byLength.bins.map((b, i) => [`${i === 0 ? "[" : "("}${bound(b.low)}, ${bound(b.high)}]`, String(b.n), pct(b.accuracy)]);
    out.push(mdTable(["input tokens", "examples", "accuracy"], rows, ["l", "r", "r"]), "");
  }
  return out;
}

function regression(a: TaskAnalysis): string[] {
  const r = a.residuals;
  if (r === undefined) return [];
  const q = r.quantiles;
  const spread = q === null ? "" : `; percentiles 5/25/50/75/95: ${[q.p5, q.p25, q.p50, q.p75, q.p95].map((x) => num(x)).join(" / ")}`;
  const left = `${r.excluded > 0 ? `; ${r.excluded} non-finite predictions left out` : ""}${r.outside > 0 ? `; ${r.outside} residuals beyond ±10 not drawn` : ""}`;
  return [`Residuals (prediction − gold) over ${r.n} examples: mean ${num(r.mean)}, sd ${num(r.sd)}, mean absolute ${num(r.meanAbs)}${spread}${left}.`, ""];
}

function qa(task: ReportTask, a: TaskAnalysis): string[] {
  const out: string[] = [];
  if (a.answerLength !== undefined) {
    const rows = a.answerLength.map((b) => [
      b.high === null ? `${b.low}+` : b.low === b.high ? String(b.low) : `${b.low}–${b.high}`,
      String(b.n),
      num(b.exact, 1),
      num(b.f1, 1),
      num(b.predictedWords, 2),
    ]);
    out.push(mdTable(["gold answer words", "questions", "exact", "F1", "predicted words"], rows, ["l", "r", "r", "r", "r"]), "");
  }
  if (a.noAnswer !== undefined) {
    out.push(...confusionTable(task, a.noAnswer.confusion.labels, a.noAnswer.confusion.matrix, "gold \\ predicted"));
    out.push(`Predicted "no answer": the model abstained, as it does when a question's null odds exceed ${num(a.noAnswer.threshold)}.`, "");
  }
  return out;
}

function goldText(gold: ReportError["gold"]): string {
  if (gold === null) return "-";
  return Array.isArray(gold) ? (gold.length === 0 ? "(no answer)" : gold.join(" | ")) : String(gold);
}

const SCORE_NAME = { classification: "confidence", regression: "\\|error\\|", qa: "F1" } as const;

function errorsTable(task: ReportTask): string[] {
  const kind = taskDefinition(task.task)?.kind ?? "classification";
  const label = (value: string): string => (kind === "qa" ? value : labelName(task.task, value));
  const rows = task.errors.map((e) => [
    mdCell(String(e.index)),
    mdCell(oneLine(label(goldText(e.gold)), 40)),
    mdCell(oneLine(kind === "qa" && e.prediction === "" ? "(no answer)" : label(String(e.prediction)), 40)),
    num(e.score),
    e.text === null ? "-" : mdCell(oneLine(e.text, 100)),
  ]);
  return [mdTable(["index", "gold", "predicted", SCORE_NAME[kind], "input"], rows, ["l", "l", "l", "r", "l"]), ""];
}

/** The "Analysis" section of one run; empty when no task has an analysis or errors to show. */
export function renderAnalysisSection(run: ReportRun): string[] {
  const out: string[] = [];
  for (const task of run.tasks) {
    const a = task.analysis;
    const parts = a === null ? [] : [...classification(task, a), ...regression(a), ...qa(task, a)];
    if (task.errors.length > 0) parts.push("Worst errors, worst first:", "", ...errorsTable(task));
    if (parts.length > 0) out.push(`#### ${mdCell(task.title)}`, "", ...parts);
  }
  return out.length === 0 ? [] : ["### Analysis", "", ...out];
}
