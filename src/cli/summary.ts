import Table from "cli-table3";
import { terminalText } from "../util/escape-terminal.js";
import { renderTerminalTable } from "../report/render/table.js";
import { buildPaperTable } from "../report/table.js";
import type { ModelRun } from "../runner/run-evaluation.js";

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? "-" : Number.isInteger(v) ? String(v) : v.toFixed(4));

/** After a run: the paper-layout table (rows = models), then per task n, every metric, truncation, throughput. */
export function renderRunSummary(runs: readonly ModelRun[], highlight: boolean): string {
  const paper = buildPaperTable(
    runs.map((run) => ({ label: run.name, metrics: new Map(run.results.map((r) => [r.task, r.metrics])) })),
    false,
  );
  const details = new Table({ head: ["model", "task", "split", "n", "metrics", "truncated", "ex/s"], style: { head: [], border: [] } });
  for (const run of runs) {
    for (const r of run.results) {
      const metrics = Object.entries(r.metrics)
        .map(([k, v]) => `${terminalText(k)} ${fmt(v)}${r.tunedOnEval.includes(k) ? " (tuned on dev)" : ""}`)
        .join("\n");
      details.push([terminalText(run.name), terminalText(r.task), terminalText(r.split), String(r.n), metrics || "(no labels)", String(r.truncated), r.timing.examplesPerSecond.toFixed(0)]);
    }
  }
  return `${renderTerminalTable(paper, { highlight })}\n${details.toString()}`;
}

/** After one shard: which examples it evaluated; the scores come with `glue-eval merge`. */
export function renderShardSummary(runs: readonly ModelRun[]): string {
  const lines: string[] = [];
  for (const run of runs) {
    for (const r of run.results) {
      const s = r.shard;
      if (s === undefined) continue;
      lines.push(terminalText(`${run.name} ${r.task}: shard ${s.index}/${s.count}, examples [${s.start}, ${s.end}) of ${s.total} (${r.timing.examplesPerSecond.toFixed(0)} ex/s)`));
    }
    lines.push(terminalText(`when every shard is done: glue-eval merge ${run.outputDir}`));
  }
  return lines.join("\n");
}
