/** Compares two loaded runs task by task, and the comparison's JSON form. */
import { access } from "node:fs/promises";
import { DataError } from "../errors.js";
import type { Precision } from "../precision.js";
import type { PredictionLine } from "../results/schema.js";
import { type LoadedRun, type LoadedTask, readPredictions, runLabels } from "../results/read.js";
import { type CiSettings, REPORT_CI } from "../report/stats/bootstrap.js";
import { compareTask, type TaskComparison } from "./paired-task.js";

export const COMPARE_JSON_SCHEMA = "glue-eval/compare@1";

export interface RunSummary {
  label: string;
  name: string;
  dir: string;
  /** Per task evaluated by this run: model file, sha256, dtype and precision (one entry when they agree). */
  models: { file: string; sha256: string; dtype: string; precision?: Precision }[];
}

export interface Comparison {
  schema: typeof COMPARE_JSON_SCHEMA;
  a: RunSummary;
  b: RunSummary;
  ci: CiSettings & { method: "paired-percentile-bootstrap" };
  tasks: TaskComparison[];
  /** Tasks evaluated by only one of the runs (not compared). */
  onlyA: string[];
  onlyB: string[];
}

function summary(run: LoadedRun, label: string): RunSummary {
  const models: RunSummary["models"] = [];
  for (const { result } of run.tasks.values()) {
    const { file, sha256, dtype, precision } = result.model;
    const model = { file, sha256, dtype, ...(precision === undefined ? {} : { precision }) };
    if (!models.some((m) => m.sha256 === model.sha256 && m.file === model.file)) models.push(model);
  }
  return { label, name: run.name, dir: run.dir, models };
}

async function predictionsOf(task: LoadedTask): Promise<PredictionLine[]> {
  try {
    await access(task.predictionsFile);
  } catch {
    throw new DataError({ file: task.predictionsFile }, "missing: compare needs the predictions of both runs");
  }
  return readPredictions(task.predictionsFile);
}

export interface CompareOptions {
  maxFlips: number;
  ci?: CiSettings;
}

export async function compareRuns(runA: LoadedRun, runB: LoadedRun, options: CompareOptions): Promise<Comparison> {
  const ci = options.ci ?? REPORT_CI;
  const [labelA, labelB] = runLabels([runA, runB]) as [string, string];
  const common = [...runA.tasks.keys()].filter((t) => runB.tasks.has(t));
  if (common.length === 0) {
    throw new DataError(
      { file: runB.dir },
      `no task in common with ${runA.dir} (A: ${[...runA.tasks.keys()].join(", ")}; B: ${[...runB.tasks.keys()].join(", ")})`,
    );
  }
  const tasks: TaskComparison[] = [];
  for (const name of common) {
    const a = runA.tasks.get(name) as LoadedTask;
    const b = runB.tasks.get(name) as LoadedTask;
    const [predA, predB] = [await predictionsOf(a), await predictionsOf(b)];
    tasks.push(
      compareTask(
        { label: labelA, dir: runA.dir, result: a.result, predictions: predA, predictionsFile: a.predictionsFile },
        { label: labelB, dir: runB.dir, result: b.result, predictions: predB, predictionsFile: b.predictionsFile },
        options.maxFlips,
        ci,
      ),
    );
  }
  return {
    schema: COMPARE_JSON_SCHEMA,
    a: summary(runA, labelA),
    b: summary(runB, labelB),
    ci: { method: "paired-percentile-bootstrap", ...ci },
    tasks,
    onlyA: [...runA.tasks.keys()].filter((t) => !runB.tasks.has(t)),
    onlyB: [...runB.tasks.keys()].filter((t) => !runA.tasks.has(t)),
  };
}
