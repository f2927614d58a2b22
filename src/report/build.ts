/**
 * Builds the report data from loaded runs: per task the metrics with their bootstrap
 * intervals (from the predictions file), throughput, truncation and provenance.
 */
import { CROSSFIT_KEYS, type PredictionLine, shownMetrics, type TaskResult } from "../results/schema.js";
import { taskDefinition } from "../tasks/catalogue/index.js";
import { exists } from "../util/exists.js";
import { type LoadedRun, readPredictions, runLabels } from "../results/read.js";
import { worstErrors } from "./errors.js";
import { bootstrapCI, type CiSettings, REPORT_CI } from "./stats/bootstrap.js";
import { LabelCoder, resampledStatistic, samplesFor } from "./stats/samples.js";
import type { Provenance, ReportData, ReportMetric, ReportRun, ReportTask } from "./report-data.js";
import { metricUnit } from "./units.js";

export function provenanceOf(result: TaskResult): Provenance {
  return {
    modelPath: result.model.path,
    ...(result.model.hub === undefined ? {} : { hub: result.model.hub }),
    modelFile: result.model.file,
    modelSha256: result.model.sha256,
    dtype: result.model.dtype,
    precision: result.model.precision ?? null,
    tokenizerFile: result.tokenizer.file,
    tokenizerSha256: result.tokenizer.sha256,
    dataFile: result.data.file,
    dataSha256: result.data.sha256,
    onnxruntime: result.runtime.onnxruntime,
    glueEval: result.runtime.glueEval,
    node: result.runtime.node,
    executionProvider: result.runtime.executionProvider,
    threads: result.runtime.threads,
    date: result.date,
    command: result.command,
  };
}

/**
 * One task of the report. `predictions` null: the predictions file is missing, so no
 * intervals. Pure apart from the CPU spent on the bootstrap.
 */
export function reportTask(result: TaskResult, predictions: readonly PredictionLine[] | null, predictionsFile: string, ci: CiSettings): ReportTask {
  const samples = predictions === null ? null : samplesFor(result.task, predictions, predictionsFile, new LabelCoder());
  let ciNote: string | null = null;
  if (predictions === null) ciNote = "no confidence intervals: predictions file missing";
  else if (taskDefinition(result.task) === undefined) ciNote = `no confidence intervals: unknown task ${result.task}`;
  else if (samples === null) ciNote = "no confidence intervals: the split has no gold labels";
  else if (predictions.length !== result.n) {
    ciNote = `no confidence intervals: the predictions file has ${predictions.length} lines for n = ${result.n}`;
  }
  const tuned = new Set(result.tunedOnEval);
  const metrics: ReportMetric[] = Object.entries(shownMetrics(result)).map(([key, value]) => {
    const statistic = samples === null || ciNote !== null ? null : resampledStatistic(samples, key);
    const interval = statistic === null || value === null ? null : bootstrapCI(result.n, statistic, ci);
    return {
      key,
      value,
      unit: metricUnit(result.task, key),
      tunedOnDev: tuned.has(key),
      ...(CROSSFIT_KEYS.includes(key) ? { crossFitted: true } : {}),
      low: interval?.low ?? null,
      high: interval?.high ?? null,
    };
  });
  if (ciNote === null && metrics.some((m) => m.value !== null && m.low === null && m.crossFitted !== true && (m.unit === "fraction" || m.unit === "percent"))) {
    ciNote = "best_* metrics (tuned on dev) have no interval: their threshold is chosen on the whole dev set";
  }
  if (metrics.some((m) => m.crossFitted === true)) {
    const note = "crossfit_* have no interval: each half's threshold comes from the other half, which a resample would have to redo";
    ciNote = ciNote === null ? note : `${ciNote}; ${note}`;
  }
  return {
    task: result.task,
    title: taskDefinition(result.task)?.title ?? result.task,
    split: result.split,
    n: result.n,
    ...(result.partial === undefined ? {} : { partial: result.partial }),
    features: result.features,
    truncated: result.truncated,
    metrics,
    ciNote,
    seconds: result.timing.seconds,
    examplesPerSecond: result.timing.examplesPerSecond,
    batches: result.timing.batches ?? 0,
    cachedBatches: result.timing.cachedBatches ?? 0,
    warnings: result.warnings,
    provenance: provenanceOf(result),
    analysis: result.analysis ?? null,
    errors: predictions === null || predictions.length !== result.n ? [] : worstErrors(result.task, predictions),
  };
}

export async function buildReport(runs: readonly LoadedRun[], options: { paperRows: boolean; ci?: CiSettings }): Promise<ReportData> {
  const ci = options.ci ?? REPORT_CI;
  const labels = runLabels(runs);
  const out: ReportRun[] = [];
  for (const [i, run] of runs.entries()) {
    const tasks: ReportTask[] = [];
    for (const loaded of run.tasks.values()) {
      const predictions = (await exists(loaded.predictionsFile)) ? await readPredictions(loaded.predictionsFile) : null;
      tasks.push(reportTask(loaded.result, predictions, loaded.predictionsFile, ci));
    }
    out.push({ label: labels[i] ?? run.name, name: run.name, dir: run.dir, tasks });
  }
  return { runs: out, paperRows: options.paperRows, ci };
}
