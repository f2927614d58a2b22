import Table from "cli-table3";
import type { ModelRun } from "../runner/evaluate.js";

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? "-" : Number.isInteger(v) ? String(v) : v.toFixed(4));

/** Per model and task: n, every metric, truncation, throughput. */
export function renderRunSummary(runs: readonly ModelRun[]): string {
  const table = new Table({ head: ["model", "task", "split", "n", "metrics", "truncated", "ex/s"], style: { head: [], border: [] } });
  for (const run of runs) {
    for (const r of run.results) {
      const metrics = Object.entries(r.metrics).map(([k, v]) => `${k} ${fmt(v)}`).join("\n");
      table.push([run.name, r.task, r.split, String(r.n), metrics || "(no labels)", String(r.truncated), r.timing.examplesPerSecond.toFixed(0)]);
    }
  }
  return table.toString();
}
