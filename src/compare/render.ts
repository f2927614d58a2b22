/** The comparison as terminal text. Pure: data in, text out; every name and value from the files escaped for the terminal. */
import Table from "cli-table3";
import { terminalText } from "../util/escape-terminal.js";
import { describePrecision } from "../precision.js";
import type { Comparison, RunSummary } from "./runs.js";
import type { TaskComparison } from "./paired-task.js";
import { oneLine } from "../report/excerpt.js";
import { fixed, formatMetric, formatP, formatShare, formatSigned, toPoints } from "../report/format.js";
import type { MetricDiff } from "../report/report-data.js";
import { SUBSET_MARK } from "../report/table.js";

const PLAIN = { head: [], border: [], "padding-left": 1, "padding-right": 1 };

function side(name: "A" | "B", run: RunSummary): string {
  const models = run.models
    .map((m) => `${m.file} ${m.dtype}${m.precision === undefined ? "" : ` (${describePrecision(m.precision)})`} sha256 ${m.sha256.slice(0, 12)}`)
    .join("; ");
  return terminalText(`${name}: ${run.label} (${run.dir}) — ${models}`);
}

function signedPoints(value: number | null, metric: MetricDiff): string {
  return value === null ? "-" : formatSigned(metric.unit === "fraction" || metric.unit === "percent" ? toPoints(value, metric.unit) : value);
}

/** A bootstrap p-value of 0 means no resample reversed the sign: p < 1/resamples. */
function bootstrapP(p: number | null, resamples: number): string {
  return p === 0 ? `< ${fixed(1 / resamples, 4)}` : formatP(p);
}

function metricsTable(task: TaskComparison, comparison: Comparison): string {
  const level = `${fixed(comparison.ci.level * 100, 0)}% CI`;
  const table = new Table({
    head: ["metric", "A", "B", "B − A", level, "p (bootstrap)"],
    colAligns: ["left", "right", "right", "right", "right", "right"],
    style: PLAIN,
  });
  for (const m of task.metrics) {
    const ci = m.low === null || m.high === null ? "-" : `${signedPoints(m.low, m)} … ${signedPoints(m.high, m)}`;
    table.push([
      terminalText(m.tunedOnDev ? `${m.key} (tuned on dev)` : m.crossFitted === true ? `${m.key} (cross-fitted)` : m.key),
      formatMetric(m.a, m.unit),
      formatMetric(m.b, m.unit),
      signedPoints(m.diff, m),
      ci,
      bootstrapP(m.pValue, comparison.ci.resamples),
    ]);
  }
  return table.toString();
}

/** Widths that keep a flip on one line of a wide terminal: the text gets the most, a SQuAD answer a little. */
const TEXT_WIDTH = 70;
const ANSWER_WIDTH = 24;

function flipsTable(task: TaskComparison): string {
  const withText = task.flips.some((f) => f.text !== null);
  const table = new Table({ head: ["index", "gold", "A", "B", ...(withText ? ["input"] : [])], style: PLAIN });
  const cell = (value: string | number | null): string => (value === null ? "-" : terminalText(oneLine(String(value), ANSWER_WIDTH)));
  for (const f of task.flips)
    table.push([
      terminalText(String(f.index)),
      cell(f.gold),
      cell(f.a),
      cell(f.b),
      ...(withText ? [f.text === null ? "-" : terminalText(oneLine(f.text, TEXT_WIDTH))] : []),
    ]);
  return table.toString();
}

function taskSection(task: TaskComparison, comparison: Comparison): string[] {
  const n = task.partial === undefined ? `n = ${task.n}` : `n = ${task.n} of ${task.partial.of} ${SUBSET_MARK}, a subset of the split: not the dev-set scores`;
  const out = [terminalText(`${task.title} (${task.task}, ${task.split}, ${n})`)];
  if (task.metrics.length > 0) out.push(metricsTable(task, comparison));
  else out.push("No metrics (the split has no gold labels).");
  if (task.mcnemar !== null) {
    const { b, c, pValue } = task.mcnemar;
    out.push(`McNemar exact test: b = ${b} (A right, B wrong), c = ${c} (A wrong, B right), p = ${formatP(pValue)}`);
  }
  const identical = task.n - task.differing;
  out.push(`Agreement: ${formatShare(task.agreement)} (${identical} of ${task.n} predictions identical)`);
  if (task.meanAbsDiff !== null) out.push(`Mean |B − A| of the predicted scores: ${fixed(task.meanAbsDiff, 4)}`);
  if (task.flips.length > 0) {
    out.push(`First ${task.flips.length} of ${task.differing} differing predictions:`, flipsTable(task));
  }
  return out;
}

export function renderComparison(comparison: Comparison): string {
  const out = [side("A", comparison.a), side("B", comparison.b), ""];
  for (const task of comparison.tasks) out.push(...taskSection(task, comparison), "");
  if (comparison.onlyA.length > 0) out.push(terminalText(`Only in A (not compared): ${comparison.onlyA.join(", ")}`));
  if (comparison.onlyB.length > 0) out.push(terminalText(`Only in B (not compared): ${comparison.onlyB.join(", ")}`));
  const { resamples, seed, level } = comparison.ci;
  out.push(
    `Differences are B − A in points (×100 for GLUE). Intervals and p-values: paired bootstrap over examples, ${resamples} resamples, seed ${seed}, ${fixed(level * 100, 0)}% percentile interval.`,
  );
  return `${out.join("\n")}\n`;
}
