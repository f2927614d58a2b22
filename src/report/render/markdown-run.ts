/** The markdown section of one run: metrics with intervals, throughput, provenance, warnings. */
import { describePrecision } from "../../precision.js";
import { mdCell, mdCode } from "../escape-markdown.js";
import { fixed, formatMetric, formatSpeed, mdTable, shellQuote } from "../format.js";
import type { CiSettings } from "../stats/bootstrap.js";
import type { ReportMetric, ReportRun, ReportTask } from "../report-data.js";
import { renderAnalysisSection } from "./markdown-analysis.js";
import { SUBSET_MARK } from "../table.js";

function metricName(metric: ReportMetric): string {
  return metric.tunedOnDev ? `${metric.key} (tuned on dev)` : metric.crossFitted === true ? `${metric.key} (cross-fitted)` : metric.key;
}

function interval(metric: ReportMetric): string {
  if (metric.low === null || metric.high === null) return "-";
  return `${formatMetric(metric.low, metric.unit)} – ${formatMetric(metric.high, metric.unit)}`;
}

/** "872", or "50 of 872 *" for a subset of the split. */
function examples(task: ReportTask): string {
  return task.partial === undefined ? String(task.n) : `${task.n} of ${task.partial.of} ${SUBSET_MARK}`;
}

function metricsTable(run: ReportRun, ci: CiSettings): string {
  const rows: string[][] = [];
  for (const task of run.tasks) {
    task.metrics.forEach((metric, i) => {
      const head = i === 0 ? [mdCell(task.title), mdCell(task.split), examples(task)] : ["", "", ""];
      rows.push([...head, mdCell(metricName(metric)), formatMetric(metric.value, metric.unit), interval(metric)]);
    });
    if (task.metrics.length === 0) rows.push([mdCell(task.title), mdCell(task.split), examples(task), "-", "-", "-"]);
  }
  const level = `${fixed(ci.level * 100, 0)}% CI`;
  return mdTable(["task", "split", "n", "metric", "value", level], rows, ["l", "l", "r", "l", "r", "l"]);
}

function throughputTable(run: ReportRun): string {
  const rows = run.tasks.map((t: ReportTask) => [
    mdCell(t.title),
    examples(t),
    String(t.features),
    String(t.truncated),
    fixed(t.seconds, 1),
    formatSpeed(t, 1),
  ]);
  return mdTable(["task", "examples", "model inputs", "truncated", "seconds", "examples/s"], rows, ["l", "r", "r", "r", "r", "r"]);
}

/** Model, tokenizer and runtime, one row per distinct combination (usually one for the whole run). */
function provenanceTable(run: ReportRun): string {
  const groups = new Map<string, { titles: string[]; cells: string[] }>();
  for (const { title, provenance: p } of run.tasks) {
    const code = (text: string): string => mdCode(text, { table: true });
    const file = p.hub === undefined ? code(p.modelFile) : `${code(`${p.hub.repo}@${p.hub.commit}`)} ${code(p.modelFile)}`;
    const precision = p.precision === null ? "-" : mdCell(describePrecision(p.precision));
    const cells = [file, mdCell(p.dtype), precision, code(p.modelSha256), code(p.tokenizerSha256), mdCell(p.onnxruntime), mdCell(p.glueEval)];
    const key = cells.join("\u0000");
    const group = groups.get(key) ?? { titles: [], cells };
    group.titles.push(title);
    groups.set(key, group);
  }
  const rows = [...groups.values()].map((g) => [mdCell(g.titles.join(", ")), ...g.cells]);
  return mdTable(["tasks", "model file", "dtype", "precision (from the graph)", "model sha256", "tokenizer sha256", "onnxruntime", "glue-eval"], rows);
}

/** Per task: when it ran, on which data file, with which command. */
function runsTable(run: ReportRun): string {
  const rows = run.tasks.map(({ title, provenance: p }) => [
    mdCell(title),
    mdCell(p.date),
    `${mdCode(p.dataFile, { table: true })} ${mdCode(p.dataSha256.slice(0, 12), { table: true })}`,
    mdCode(shellQuote(p.command), { table: true }),
  ]);
  return mdTable(["task", "date", "data file (sha256)", "command"], rows);
}

export function renderRunSection(run: ReportRun, ci: CiSettings): string {
  const out: string[] = [`## ${mdCell(run.label)}`, "", `Results folder: ${mdCode(run.dir)}`, ""];
  out.push("### Metrics", "", metricsTable(run, ci), "");
  const subsets = run.tasks.flatMap((t) =>
    t.partial === undefined
      ? []
      : [
          `- ${mdCell(t.title)}: ${SUBSET_MARK} on ${t.partial.n} of ${t.partial.of} examples, a subset of the split (--limit, or one shard): not the dev-set score`,
        ],
  );
  const notes = [...subsets, ...run.tasks.filter((t) => t.ciNote !== null).map((t) => `- ${mdCell(t.title)}: ${t.ciNote ?? ""}`)];
  if (notes.length > 0) out.push(...notes, "");
  out.push("### Speed and truncation", "", throughputTable(run), "");
  out.push("Truncated: GLUE examples cut at the maximum sequence length; SQuAD questions whose context needed several windows.", "");
  out.push(...renderAnalysisSection(run));
  out.push("### Provenance", "", provenanceTable(run), "", runsTable(run), "");
  const warnings = run.tasks.flatMap((t) => t.warnings.map((w) => `- ${mdCell(t.title)}: ${mdCell(w)}`));
  if (warnings.length > 0) out.push("### Warnings", "", ...warnings, "");
  return out.join("\n");
}
