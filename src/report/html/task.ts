/** One task of a run in the HTML report: metrics with error bars, the analysis's charts and tables, the worst errors. */
import type { TaskAnalysis } from "../../analysis.js";
import { taskDefinition } from "../../tasks/catalogue/index.js";
import type { ReportError } from "../errors.js";
import { oneLine } from "../excerpt.js";
import { fixed, formatMetric } from "../format.js";
import { labelName } from "../labels.js";
import type { ReportTask } from "../report-data.js";
import { answerLengthChart, calibrationChart, confusionChart, lengthChart, metricsChart, nullOddsChart, residualChart } from "./charts-task.js";
import { el, esc } from "./escape.js";
import { htmlTable } from "./tables.js";

/** A chart with its caption; `kind` and `task` let a reader (or a test) find it. */
export function figure(svg: string | null, kind: string, task: string, caption: string): string {
  if (svg === null) return "";
  return `<figure class="chart" data-chart="${esc(kind)}" data-task="${esc(task)}">${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

const pct = (x: number | null): string => (x === null ? "-" : fixed(x * 100, 1));
const num = (x: number | null, digits = 3): string => (x === null ? "-" : fixed(x, digits));

function metricsPart(task: ReportTask): string {
  const rows = task.metrics.map((m) => [
    esc(m.tunedOnDev ? `${m.key} (tuned on dev)` : m.key),
    esc(formatMetric(m.value, m.unit)),
    esc(m.low === null || m.high === null ? "-" : `${formatMetric(m.low, m.unit)} – ${formatMetric(m.high, m.unit)}`),
  ]);
  const notes = [task.ciNote, ...task.warnings.map((w) => `warning: ${w}`)].filter((n): n is string => n !== null).map((n) => el("p", n, 'class="note"'));
  return [
    htmlTable(["metric", "value", "95% CI"], rows, [1, 2]),
    ...notes,
    figure(metricsChart(task), "metrics", task.task, "Scores in points; bars: 95% bootstrap intervals."),
  ].join("\n");
}

function classificationPart(task: ReportTask, a: TaskAnalysis): string[] {
  const out: string[] = [];
  if (a.confusion !== undefined && a.perClass !== undefined) {
    const rows = a.confusion.labels.map((label) => {
      const s = a.perClass?.[label];
      return [esc(labelName(task.task, label)), pct(s?.precision ?? null), pct(s?.recall ?? null), pct(s?.f1 ?? null), String(s?.support ?? 0)];
    });
    out.push(htmlTable(["label", "precision", "recall", "F1", "support"], rows, [1, 2, 3, 4]));
    out.push(
      figure(confusionChart(task.task, a.confusion), "confusion", task.task, "Confusion matrix: rows gold, columns predicted; shade: share of the gold row."),
    );
  }
  if (a.calibration !== undefined) {
    const left = a.calibration.excluded > 0 ? ` ${a.calibration.excluded} examples with non-finite logits left out.` : "";
    const caption = `Reliability diagram, ${a.calibration.bins.length} bins: accuracy per bin of confidence; dashed: perfect calibration. ECE ${num(a.calibration.ece, 4)}.${left}`;
    out.push(figure(calibrationChart(a.calibration), "calibration", task.task, caption));
  }
  if (a.byLength !== undefined) out.push(figure(lengthChart(a.byLength.bins), "length", task.task, "Accuracy per quartile of the input length in tokens."));
  return out;
}

function otherParts(task: ReportTask, a: TaskAnalysis): string[] {
  const out: string[] = [];
  const r = a.residuals;
  if (r !== undefined) {
    const caption = `Residuals over ${r.n} examples: mean ${num(r.mean)}, sd ${num(r.sd)}, mean absolute ${num(r.meanAbs)}.${r.excluded > 0 ? ` ${r.excluded} non-finite predictions left out.` : ""}${r.outside > 0 ? ` ${r.outside} residuals beyond ±10 not drawn.` : ""}`;
    out.push(figure(residualChart(r), "residuals", task.task, caption));
  }
  if (a.answerLength !== undefined)
    out.push(figure(answerLengthChart(a.answerLength), "answer-length", task.task, "F1 per length of the gold answer in words (answerable questions)."));
  if (a.noAnswer !== undefined) {
    const caption = "Rows: whether the question has an answer; columns: whether the model gave one (predicted no answer: it abstained).";
    out.push(figure(confusionChart(task.task, a.noAnswer.confusion), "confusion", task.task, caption));
    out.push(
      figure(
        nullOddsChart(a.noAnswer),
        "null-odds",
        task.task,
        `Null odds per question; dashed: the threshold ${num(a.noAnswer.threshold)} above which the answer is "".`,
      ),
    );
  }
  return out;
}

function goldText(gold: ReportError["gold"]): string {
  if (gold === null) return "-";
  return Array.isArray(gold) ? (gold.length === 0 ? "(no answer)" : gold.join(" | ")) : String(gold);
}

const SCORE_NAME = { classification: "confidence", regression: "|error|", qa: "F1" } as const;

function errorsPart(task: ReportTask): string {
  if (task.errors.length === 0) return "";
  const kind = taskDefinition(task.task)?.kind ?? "classification";
  const label = (value: string): string => (kind === "qa" ? value : labelName(task.task, value));
  const rows = task.errors.map((e) => [
    esc(String(e.index)),
    esc(oneLine(label(goldText(e.gold)), 60)),
    esc(oneLine(kind === "qa" && e.prediction === "" ? "(no answer)" : label(String(e.prediction)), 60)),
    num(e.score),
    e.text === null ? "-" : `<span class="input">${esc(oneLine(e.text, 160))}</span>`,
  ]);
  return `<h4>Worst errors</h4>\n${htmlTable(["index", "gold", "predicted", SCORE_NAME[kind], "input"], rows, [3])}`;
}

export function taskSection(task: ReportTask): string {
  const a = task.analysis;
  const parts = a === null ? [] : [...classificationPart(task, a), ...otherParts(task, a)];
  return [
    `<section class="task" data-task="${esc(task.task)}">`,
    el("h3", `${task.title} (${task.split}, n = ${task.n})`),
    metricsPart(task),
    ...parts,
    errorsPart(task),
    "</section>",
  ].join("\n");
}
