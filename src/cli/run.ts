/** `glue-eval [run] --task <tasks> --model <dir> ...`: the flags read into evaluate's options (api/), the results written and printed as the table. */
import { evaluate } from "../api/evaluate.js";
import { checkRunFolders } from "../api/folders.js";
import type { EvaluateOptions, ModelEvaluation } from "../api/options.js";
import { resolveRunConfig } from "../api/resolve.js";
import { oneLine, UsageError } from "../errors.js";
import { terminalText } from "../util/escape-terminal.js";
import type { RunConfig } from "../runner/config.js";
import type { ModelRun } from "../runner/run-evaluation.js";
import { resolveTaskList } from "../tasks/catalogue/resolve.js";
import { parseCommand } from "./flags.js";
import { printHelp } from "./help.js";
import { COMMAND } from "./run-flags.js";
import { precisionMatrices } from "../compare/matrix.js";
import { loadRuns } from "../results/read.js";
import { renderMatrix } from "../report/render/matrix.js";
import { checkReportPath, writeRunReport } from "./run-report.js";
import { parseDeviceId, parseShard } from "./shard-flags.js";
import { renderRunSummary, renderShardSummary } from "./summary.js";

export { COMMAND };

/** The parsed command line: the evaluation's options, the configuration they resolve to, and what the command itself does with the results. */
export interface RunCommand {
  options: EvaluateOptions;
  config: RunConfig;
  /** --json: print the results as JSON instead of the table. */
  json: boolean;
  /** --report: the markdown report's path, or null. */
  report: string | null;
}

/** The command line read into evaluate's options and checked; null for --help. */
export function parseRunCommand(argv: string[]): RunCommand | null {
  const parsed = parseCommand(COMMAND, argv);
  if (parsed === null) return null;
  const { values } = parsed;
  const models = values.model;
  const names = values.name;
  if (names.length > 0 && names.length !== models.length) throw new UsageError(`--name given ${names.length} times for ${models.length} --model`);
  const tasks = resolveTaskList(values.task);
  const executionProvider = values["execution-provider"];
  const shard = parseShard(values.shard, values.shards);
  const deviceId = parseDeviceId(values["device-id"], executionProvider);
  if (shard !== undefined && values.report !== undefined) {
    throw new UsageError(
      "--report needs the whole run's scores, which a shard does not have: after the last shard, glue-eval merge <output dir>, then glue-eval report <output dir> --out <file.md>",
    );
  }
  const options: EvaluateOptions = {
    model: models,
    tasks,
    names,
    dtype: values.dtype,
    ...(values.revision === undefined ? {} : { revision: values.revision }),
    dataDir: values["data-dir"],
    split: values.split,
    limit: values.limit ?? null,
    maxSeqLength: values["max-seq-length"] ?? null,
    batchSize: values["batch-size"],
    batchOrder: values["batch-order"],
    labelMap: values["label-map"] ?? null,
    labelsFile: values["labels-file"] ?? null,
    docStride: values["doc-stride"],
    nBestSize: values["n-best-size"],
    maxAnswerLength: values["max-answer-length"],
    nullScoreDiffThreshold: values["null-score-diff-threshold"],
    threads: values.threads,
    nproc: values.nproc,
    overlap: values.overlap,
    executionProvider,
    ...(deviceId === undefined ? {} : { deviceId }),
    ...(shard === undefined ? {} : { shard }),
    ...(values["no-cache"] ? { cacheDir: null } : values["cache-dir"] === undefined ? {} : { cacheDir: values["cache-dir"] }),
    ...(values["output-dir"] === undefined ? {} : { outputDir: values["output-dir"] }),
    write: true,
    logProgress: !values["no-progress"],
    command: ["glue-eval", ...argv],
    ...(values.overwrite ? { overwrite: true } : {}),
  };
  return { options, config: resolveRunConfig(options), json: values.json, report: values.report ?? null };
}

export async function main(argv: string[]): Promise<number> {
  const command = parseRunCommand(argv);
  if (command === null) return printHelp(COMMAND);
  const { options, config, json, report } = command;
  checkRunFolders(config);
  if (report !== null) checkReportPath(report);
  const evaluated = await evaluate({
    ...options,
    onWarning: (m) => process.stderr.write(`glue-eval: warning: ${terminalText(m)}\n`),
    onInfo: (m) => {
      if (!json) process.stderr.write(`${terminalText(m)}\n`);
    },
  });
  const runs = evaluated.map(written);
  if (json) process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
  else if (config.shard !== undefined) process.stdout.write(`${renderShardSummary(runs)}\n`);
  else {
    process.stdout.write(`${renderRunSummary(runs, process.stdout.isTTY === true)}\n`);
    await printPrecisionMatrices(runs);
  }
  if (report !== null) {
    await writeRunReport(report, runs);
    if (!json) process.stderr.write(`wrote ${report}\n`);
  }
  return 0;
}

/** The command always writes: every model row has its folder (and --json prints these three fields, in this order). */
function written(run: ModelEvaluation): ModelRun {
  if (run.outputDir === null) throw new Error(`${run.name}: the run wrote no results folder`);
  return { name: run.name, outputDir: run.outputDir, results: run.results };
}

/**
 * A model evaluated in several precisions: each against its fp32 graph, as `glue-eval compare`
 * prints it, over the tasks of this run only (the folders may hold older results).
 */
async function printPrecisionMatrices(runs: readonly ModelRun[]): Promise<void> {
  if (runs.length < 2) return;
  const tasks = new Set(runs.flatMap((r) => r.results.map((t) => t.task)));
  try {
    const loaded = (await loadRuns(runs.map((r) => r.outputDir))).map((run) => ({ ...run, tasks: new Map([...run.tasks].filter(([t]) => tasks.has(t))) }));
    for (const matrix of await precisionMatrices(loaded)) process.stdout.write(`\nPrecision comparison (glue-eval compare):\n${renderMatrix(matrix)}`);
  } catch (error) {
    process.stderr.write(
      `glue-eval: warning: no precision comparison (${terminalText(error instanceof Error ? oneLine(error.message) : String(error))}); the results stand\n`,
    );
  }
}
