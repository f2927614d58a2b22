/** Report data built in memory (no files, no bootstrap), for the renderers' golden tests. */
import { provenanceOf } from "../../src/report/build.js";
import type { ReportData, ReportMetric, ReportRun, ReportTask } from "../../src/report/report-data.js";
import { worstErrors } from "../../src/report/errors.js";
import { metricUnit } from "../../src/report/units.js";
import { taskDefinition } from "../../src/tasks/catalogue/index.js";
import type { BuiltTask } from "./results.js";

/**
 * A report task from a built task, with intervals made up as value ∓ width (in the metric's
 * own units) so that golden files do not depend on the resampling.
 */
export function fixedCiTask(built: BuiltTask, width = 0.02): ReportTask {
  const { result } = built;
  const tuned = new Set(result.tunedOnEval);
  const metrics: ReportMetric[] = Object.entries(result.metrics).map(([key, value]) => {
    const unit = metricUnit(result.task, key);
    const scored = value !== null && !tuned.has(key) && (unit === "fraction" || unit === "percent");
    const w = unit === "percent" ? width * 100 : width;
    return { key, value, unit, tunedOnDev: tuned.has(key), low: scored ? value - w : null, high: scored ? value + w : null };
  });
  return {
    task: result.task,
    title: taskDefinition(result.task)?.title ?? result.task,
    split: result.split,
    n: result.n,
    features: result.features,
    truncated: result.truncated,
    metrics,
    ciNote: result.tunedOnEval.length > 0 ? "best_* metrics (tuned on dev) have no interval: their threshold is chosen on the whole dev set" : null,
    seconds: result.timing.seconds,
    examplesPerSecond: result.timing.examplesPerSecond,
    batches: result.timing.batches,
    cachedBatches: result.timing.cachedBatches,
    warnings: result.warnings,
    provenance: provenanceOf(result),
    analysis: result.analysis ?? null,
    errors: worstErrors(result.task, built.predictions),
  };
}

export function fixedCiRun(label: string, dir: string, tasks: readonly BuiltTask[]): ReportRun {
  const name = tasks[0]?.result.model.name ?? label;
  return { label, name, dir, tasks: tasks.map((t) => fixedCiTask(t)) };
}

export function reportData(runs: readonly ReportRun[], paperRows = true): ReportData {
  return { runs, paperRows, ci: { resamples: 1000, seed: 20260101, level: 0.95 } };
}
