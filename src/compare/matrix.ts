/**
 * The precision matrix: several runs (usually one model in several precisions) each compared
 * with a baseline run, per task: metric differences with paired bootstrap intervals,
 * McNemar's exact test, the agreement rate, the inference speed ratio and the model size.
 * The statistics are the pairwise comparison's (paired-task.ts), applied to each run in turn; the
 * matrix's data types are the report's (report/report-data.ts), which renders it (report/render/matrix.ts).
 */
import { DataError } from "../errors.js";
import { DTYPES } from "../precision.js";
import type { PredictionLine, TaskResult } from "../results/schema.js";
import { type LoadedRun, type LoadedTask, readPredictions, runLabels } from "../results/read.js";
import { compareTaskNames } from "../report/paper.js";
import { type CiSettings, REPORT_CI } from "../report/stats/bootstrap.js";
import type { MatrixModel, MatrixRow, MatrixTask, PrecisionMatrix, SpeedNote } from "../report/report-data.js";
import { taskDefinition } from "../tasks/catalogue/index.js";
import { compareTask } from "./paired-task.js";

export const MATRIX_JSON_SCHEMA: PrecisionMatrix["schema"] = "glue-eval/compare-matrix@1";

function modelOf(result: TaskResult, label: string, dir: string): MatrixModel {
  const m = result.model;
  const bytes = m.files === undefined ? null : m.files.reduce((sum, f) => sum + f.bytes, 0);
  return { label, dir, file: m.file, dtype: m.dtype, precision: m.precision ?? null, sha256: m.sha256, bytes };
}

async function predictionsOf(task: LoadedTask): Promise<PredictionLine[]> {
  try {
    return await readPredictions(task.predictionsFile);
  } catch {
    throw new DataError({ file: task.predictionsFile }, "missing or unreadable: the comparison needs the predictions of every run");
  }
}

const inferSeconds = (r: TaskResult): number => r.timing.inferSeconds ?? r.timing.seconds;

/**
 * Seconds of inference below which a speed ratio is not shown: one pass of 0.1 s gave the same
 * int8 graph 1.25× the fp32 speed in one run and 0.65× in the next.
 */
export const TIMING_FLOOR_SECONDS = 1;

const fromCache = (r: TaskResult): boolean => (r.timing.cachedBatches ?? 0) > 0;

/** The baseline's inference time over this run's, from outputs computed in their runs only, each timed for at least the floor. */
export function speedOf(base: TaskResult, run: TaskResult): { ratio: number | null; note: SpeedNote | null } {
  if (fromCache(run)) return { ratio: null, note: "cached" };
  if (fromCache(base)) return { ratio: null, note: "baseline cached" };
  if (inferSeconds(run) < TIMING_FLOOR_SECONDS || inferSeconds(base) < TIMING_FLOOR_SECONDS) return { ratio: null, note: "below timing floor" };
  return { ratio: inferSeconds(base) / inferSeconds(run), note: null };
}

const dtypeRank = (run: LoadedRun): number => {
  const dtype = [...run.tasks.values()][0]?.result.model.dtype ?? "";
  const rank = (DTYPES as readonly string[]).indexOf(dtype);
  return rank < 0 ? DTYPES.length : rank;
};

/** The baseline's tasks that some run also has; runs in dtype order (fp32, fp16, q8, …), else as given. */
export async function buildMatrix(baseline: LoadedRun, given: readonly LoadedRun[], ci: CiSettings = REPORT_CI): Promise<PrecisionMatrix> {
  const runs = [...given].sort((a, b) => dtypeRank(a) - dtypeRank(b));
  const labels = runLabels([baseline, ...runs]);
  const tasks: MatrixTask[] = [];
  const names = [...baseline.tasks.keys()].filter((t) => runs.some((r) => r.tasks.has(t))).sort(compareTaskNames);
  if (names.length === 0) throw new DataError({ file: baseline.dir }, "no task in common between the baseline and the other runs");
  for (const name of names) {
    const base = baseline.tasks.get(name) as LoadedTask;
    const basePredictions = await predictionsOf(base);
    const side = (run: LoadedRun, task: LoadedTask, predictions: PredictionLine[], i: number) => ({
      label: labels[i] ?? run.name,
      dir: run.dir,
      result: task.result,
      predictions,
      predictionsFile: task.predictionsFile,
    });
    const a = side(baseline, base, basePredictions, 0);
    const rows: MatrixRow[] = [];
    for (const [i, run] of [baseline, ...runs].entries()) {
      const task = run.tasks.get(name);
      if (task === undefined) continue;
      const b = i === 0 ? a : side(run, task, await predictionsOf(task), i);
      const t = compareTask(a, b, 0, ci);
      const cached = fromCache(task.result) || fromCache(base.result);
      const seconds = inferSeconds(task.result);
      const speed = speedOf(base.result, task.result);
      rows.push({
        model: modelOf(task.result, b.label, run.dir),
        baseline: i === 0,
        n: t.n,
        metrics: t.metrics,
        mcnemar: t.mcnemar,
        agreement: t.agreement,
        differing: t.differing,
        speedRatio: speed.ratio,
        examplesPerSecond: seconds > 0 ? task.result.n / seconds : 0,
        cached,
        speedNote: speed.note,
      });
    }
    const info = taskDefinition(name);
    const partial = base.result.partial === undefined ? {} : { partial: base.result.partial };
    tasks.push({
      task: name,
      title: info?.title ?? name,
      split: base.result.split,
      ...partial,
      primary: info?.primary ?? Object.keys(base.result.metrics)[0] ?? "",
      rows,
    });
  }
  return { schema: MATRIX_JSON_SCHEMA, baseline: labels[0] ?? baseline.name, ci: { method: "paired-percentile-bootstrap", ...ci }, tasks };
}

/**
 * Runs that are one model in several precisions: the same model path and tokenizer, different
 * graphs. The baseline is the fp32 graph (else the first run).
 */
export function precisionGroups(runs: readonly LoadedRun[]): Array<{ baseline: LoadedRun; others: LoadedRun[] }> {
  const groups = new Map<string, LoadedRun[]>();
  for (const run of runs) {
    const first = [...run.tasks.values()][0]?.result;
    if (first === undefined) continue;
    const key = `${first.model.path}\u0000${first.tokenizer.sha256}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  const out: Array<{ baseline: LoadedRun; others: LoadedRun[] }> = [];
  for (const members of groups.values()) {
    const files = new Set(members.map((r) => [...r.tasks.values()][0]?.result.model.sha256));
    if (members.length < 2 || files.size < 2) continue;
    const baseline = members.find((r) => [...r.tasks.values()][0]?.result.model.dtype === "fp32") ?? (members[0] as LoadedRun);
    out.push({ baseline, others: members.filter((r) => r !== baseline) });
  }
  return out;
}

/** The matrix of each precision group among the runs (see precisionGroups). */
export async function precisionMatrices(runs: readonly LoadedRun[], ci: CiSettings = REPORT_CI): Promise<PrecisionMatrix[]> {
  const out: PrecisionMatrix[] = [];
  for (const group of precisionGroups(runs)) out.push(await buildMatrix(group.baseline, group.others, ci));
  return out;
}
