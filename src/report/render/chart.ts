/**
 * A mermaid `xychart-beta` block: each model's primary metric per task (×100 for GLUE, one
 * decimal). One model is drawn as bars; several as one line each (bars of several series
 * would overlap), with the order of the series given in a caption since the chart has no legend.
 * When no task was run by every model (GLUE usually has one fine-tuned model per task), or
 * only one was, the chart is one bar per (task, model) pair instead. A chart of one point
 * says nothing the table does not, so there is none.
 */
import { taskDefinition } from "../../tasks/catalogue/index.js";
import type { PartialCount } from "../../results/schema.js";
import { mdCell, mermaidString } from "../escape-markdown.js";
import { compareTaskNames } from "../paper.js";
import { shownValue } from "../table.js";

export interface ChartRun {
  label: string;
  /** Metric values per task as the results files hold them. */
  metrics: ReadonlyMap<string, Readonly<Record<string, number | null>>>;
  /** Tasks over a subset of their split. */
  partial?: ReadonlyMap<string, PartialCount>;
}

/** The caption line for charted scores over a subset of the split; none when there are none. */
function subsetCaption(runs: readonly ChartRun[], tasks: readonly string[]): string[] {
  const lines = runs.flatMap((r) =>
    tasks.flatMap((t) =>
      r.partial?.has(t) === true && primaryValue(r, t) !== null
        ? [`${title(t)} of ${r.label} (${r.partial.get(t)?.n} of ${r.partial.get(t)?.of} examples)`]
        : [],
    ),
  );
  return lines.length === 0 ? [] : [`Over a subset of the dev set, not dev-set scores: ${lines.join("; ")}.`];
}

export interface ChartParts {
  /** The fenced mermaid block; null when no task can be charted. */
  block: string | null;
  /** Lines that explain the chart (series order, primary metrics, tasks left out). */
  caption: string[];
}

const quote = mermaidString;
const title = (task: string): string => taskDefinition(task)?.title ?? task;
const titleAndPrimary = (task: string): string => `${title(task)} ${taskDefinition(task)?.primary ?? ""}`;

export function primaryValue(run: ChartRun, task: string): number | null {
  const info = taskDefinition(task);
  if (info === undefined) return null;
  return shownValue(task, info.primary, run.metrics.get(task)?.[info.primary]);
}

export function renderChart(runs: readonly ChartRun[]): ChartParts {
  const tasks = [...new Set(runs.flatMap((r) => [...r.metrics.keys()]))].filter((t) => taskDefinition(t) !== undefined).sort(compareTaskNames);
  const charted = tasks.filter((t) => runs.every((r) => primaryValue(r, t) !== null));
  const left = tasks.filter((t) => !charted.includes(t));
  const caption: string[] = [];
  if (charted.length === 0 || (charted.length === 1 && runs.length > 1)) return pairChart(runs, tasks);
  if (charted.length === 1) return { block: null, caption: [] };
  const series = runs.map((r) => charted.map((t) => primaryValue(r, t) as number));
  const low = Math.min(0, ...series.flat().map((v) => Math.floor(v / 10) * 10));
  const mark = runs.length === 1 ? "bar" : "line";
  const lines = [
    "```mermaid",
    "xychart-beta",
    `  title "Primary metric per task (x100)"`,
    `  x-axis [${charted.map((t) => quote(title(t))).join(", ")}]`,
    `  y-axis "score" ${low} --> 100`,
    ...series.map((values) => `  ${mark} [${values.map((v) => v.toFixed(1)).join(", ")}]`),
    "```",
  ];
  if (runs.length > 1) caption.push(`Lines, in order: ${runs.map((r, i) => `${i + 1}. ${mdCell(r.label)}`).join("; ")}.`);
  const primaries = charted.map((t) => mdCell(titleAndPrimary(t)));
  caption.push(`Primary metric per task: ${primaries.join(", ")}.`);
  if (left.length > 0) {
    caption.push(`Not charted (no score for every model): ${left.map((t) => mdCell(title(t))).join(", ")}.`);
  }
  caption.push(...subsetCaption(runs, charted));
  return { block: lines.join("\n"), caption };
}

/** One bar per (task, model) that has a score, tasks in table order. */
function pairChart(runs: readonly ChartRun[], tasks: readonly string[]): ChartParts {
  const bars = tasks.flatMap((t) =>
    runs.flatMap((r) => {
      const value = primaryValue(r, t);
      return value === null ? [] : [{ label: `${title(t)} (${r.label})`, value }];
    }),
  );
  if (bars.length === 0) return { block: null, caption: runs.length > 0 ? ["No task has a score, so there is no chart."] : [] };
  if (bars.length === 1) return { block: null, caption: [] };
  const low = Math.min(0, ...bars.map((b) => Math.floor(b.value / 10) * 10));
  const block = [
    "```mermaid",
    "xychart-beta",
    `  title "Primary metric per task and model (x100)"`,
    `  x-axis [${bars.map((b) => quote(b.label)).join(", ")}]`,
    `  y-axis "score" ${low} --> 100`,
    `  bar [${bars.map((b) => b.value.toFixed(1)).join(", ")}]`,
    "```",
  ].join("\n");
  const primaries = [...new Set(tasks)].map((t) => mdCell(titleAndPrimary(t)));
  const why = tasks.some((t) => runs.every((r) => primaryValue(r, t) !== null)) ? "One task has a score for every model" : "No task was run by every model";
  return { block, caption: [`${why}: one bar per task and model.`, `Primary metric per task: ${primaries.join(", ")}.`, ...subsetCaption(runs, tasks)] };
}
