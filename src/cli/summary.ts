import Table from "cli-table3";
import { CROSSFIT_KEYS, shownMetrics, type TaskResult } from "../results/schema.js";
import { formatMetric, formatSpeed } from "../report/format.js";
import { terminalText } from "../util/escape-terminal.js";
import { renderTerminalTable } from "../report/render/table.js";
import { buildPaperTable, runPartials, SUBSET_MARK } from "../report/table.js";
import { metricUnit } from "../report/units.js";
import type { ModelRun } from "../runner/run-evaluation.js";

/** Under the details: the scale, which is the report's and compare's (docs/numbers.md). */
export const POINTS_NOTE =
  "Metrics in points with two decimals (GLUE ×100, SQuAD as its official scripts give them), as in the report and compare; the table above has the paper's one decimal.";

/** "872", or "50 of 872 *" for a subset of the split. */
function examplesCell(r: TaskResult): string {
  return r.partial === undefined ? String(r.n) : `${r.n} of ${r.partial.of} ${SUBSET_MARK}`;
}

/** After a run: the paper-layout table (rows = models), then per task n, every metric, truncation, throughput. */
export function renderRunSummary(runs: readonly ModelRun[], highlight: boolean): string {
  const paper = buildPaperTable(
    runs.map((run) => ({ label: run.name, metrics: new Map(run.results.map((r) => [r.task, r.metrics])), partial: runPartials(run.results) })),
    false,
  );
  const details = new Table({ head: ["model", "task", "split", "n", "metrics", "truncated", "ex/s"], style: { head: [], border: [] } });
  for (const run of runs) {
    for (const r of run.results) {
      const metrics = Object.entries(shownMetrics(r))
        .map(
          ([k, v]) =>
            `${terminalText(k)} ${formatMetric(v ?? null, metricUnit(r.task, k))}${r.tunedOnEval.includes(k) ? " (tuned on dev)" : CROSSFIT_KEYS.includes(k) ? " (cross-fitted)" : ""}`,
        )
        .join("\n");
      details.push([
        terminalText(run.name),
        terminalText(r.task),
        terminalText(r.split),
        examplesCell(r),
        metrics || "(no labels)",
        String(r.truncated),
        formatSpeed(r.timing),
      ]);
    }
  }
  return `${renderTerminalTable(paper, { highlight })}\n${details.toString()}\n${POINTS_NOTE}`;
}

/** After one shard: which examples it evaluated; the scores come with `glue-eval merge`. */
export function renderShardSummary(runs: readonly ModelRun[]): string {
  const lines: string[] = [];
  for (const run of runs) {
    for (const r of run.results) {
      const s = r.shard;
      if (s === undefined) continue;
      const speed = formatSpeed(r.timing);
      lines.push(
        terminalText(
          `${run.name} ${r.task}: shard ${s.index}/${s.count}, examples [${s.start}, ${s.end}) of ${s.total} (${speed.startsWith("cached") ? speed : `${speed} ex/s`})`,
        ),
      );
    }
    lines.push(terminalText(`when every shard is done: glue-eval merge ${run.outputDir}`));
  }
  return lines.join("\n");
}
