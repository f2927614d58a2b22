/**
 * A mermaid `xychart-beta` block: each model's primary metric per task (×100 for GLUE, one
 * decimal). One model is drawn as bars; several as one line each (bars of several series
 * would overlap), with the order of the series given in a caption since the chart has no legend.
 */
import { shownValue } from "./table.js";
import { compareTaskNames, taskInfo } from "./tasks.js";

export interface ChartRun {
  label: string;
  /** Metric values per task as the results files hold them. */
  metrics: ReadonlyMap<string, Readonly<Record<string, number | null>>>;
}

export interface ChartParts {
  /** The fenced mermaid block; null when no task can be charted. */
  block: string | null;
  /** Lines that explain the chart (series order, primary metrics, tasks left out). */
  caption: string[];
}

const quote = (text: string): string => `"${text.replace(/"/g, "'")}"`;

export function primaryValue(run: ChartRun, task: string): number | null {
  const info = taskInfo(task);
  if (info === undefined) return null;
  return shownValue(task, info.primary, run.metrics.get(task)?.[info.primary]);
}

export function renderChart(runs: readonly ChartRun[]): ChartParts {
  const tasks = [...new Set(runs.flatMap((r) => [...r.metrics.keys()]))].filter((t) => taskInfo(t) !== undefined).sort(compareTaskNames);
  const charted = tasks.filter((t) => runs.every((r) => primaryValue(r, t) !== null));
  const left = tasks.filter((t) => !charted.includes(t));
  const caption: string[] = [];
  if (charted.length === 0) {
    if (runs.length > 0) caption.push("No task has a score for every model, so there is no chart.");
    return { block: null, caption };
  }
  const series = runs.map((r) => charted.map((t) => primaryValue(r, t) as number));
  const low = Math.min(0, ...series.flat().map((v) => Math.floor(v / 10) * 10));
  const mark = runs.length === 1 ? "bar" : "line";
  const lines = [
    "```mermaid",
    "xychart-beta",
    `  title "Primary metric per task (x100)"`,
    `  x-axis [${charted.map((t) => quote(taskInfo(t)?.title ?? t)).join(", ")}]`,
    `  y-axis "score" ${low} --> 100`,
    ...series.map((values) => `  ${mark} [${values.map((v) => v.toFixed(1)).join(", ")}]`),
    "```",
  ];
  if (runs.length > 1) caption.push(`Lines, in order: ${runs.map((r, i) => `${i + 1}. ${r.label}`).join("; ")}.`);
  const primaries = charted.map((t) => `${taskInfo(t)?.title ?? t} ${taskInfo(t)?.primary ?? ""}`);
  caption.push(`Primary metric per task: ${primaries.join(", ")}.`);
  if (left.length > 0) {
    caption.push(`Not charted (no score for every model): ${left.map((t) => taskInfo(t)?.title ?? t).join(", ")}.`);
  }
  return { block: lines.join("\n"), caption };
}
