/** The precision matrix as a chart: per task, each precision's difference from the baseline in the primary metric, with its paired interval. */
import { precisionName } from "../../precision.js";
import { toPoints } from "../format.js";
import type { MatrixTask, MetricDiff } from "../report-data.js";
import { Plot, svgChart } from "./plot.js";

const points = (value: number | null, m: MetricDiff): number | null =>
  value === null ? null : m.unit === "fraction" || m.unit === "percent" ? toPoints(value, m.unit) : value;

/** Null when no run but the baseline has a difference to draw. */
export function precisionChart(task: MatrixTask): string | null {
  const rows = task.rows.flatMap((row) => {
    const m = row.metrics.find((x) => x.key === task.primary);
    if (row.baseline || m === undefined || m.diff === null) return [];
    const name = `${row.model.label} · ${row.model.precision === null ? row.model.dtype : precisionName(row.model.precision)}`;
    return [{ run: name, diff: points(m.diff, m), low: points(m.low, m), high: points(m.high, m), agreement: row.agreement }];
  });
  if (rows.length === 0) return null;
  const bars = rows.filter((r) => r.low !== null && r.high !== null);
  return svgChart({
    height: 50 + rows.length * 30,
    marginLeft: 220,
    x: { label: `Δ ${task.primary} against the baseline (points, 95% paired interval)`, grid: true },
    y: { label: null, domain: rows.map((r) => r.run) },
    marks: [
      Plot.ruleX([0], { stroke: "black" }),
      Plot.ruleY(bars, { y: "run", x1: "low", x2: "high", stroke: "#8a8a8a", strokeWidth: 1.5 }),
      Plot.tickX(bars, { y: "run", x: "low", stroke: "#8a8a8a" }),
      Plot.tickX(bars, { y: "run", x: "high", stroke: "#8a8a8a" }),
      Plot.dot(rows, {
        y: "run",
        x: "diff",
        fill: "#3b6ea8",
        r: 4,
        title: (r: (typeof rows)[number]) => `${r.run}: ${r.diff?.toFixed(2)} points, ${(r.agreement * 100).toFixed(2)}% identical predictions`,
      }),
    ],
  });
}
