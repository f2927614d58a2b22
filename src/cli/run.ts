/** `glue-eval [run] --task <tasks> --model <dir> ...`: evaluate models, write results, print the table. */
import { accessSync, constants, existsSync, mkdirSync, statSync } from "node:fs";
import { UsageError, DataError, GlueEvalError, ioReason, oneLine } from "../errors.js";
import { defaultCacheDir } from "../runner/cache/store.js";
import type { RunConfig } from "../runner/config.js";
import type { ModelRun } from "../runner/run-evaluation.js";
import { catalogue } from "../tasks/catalogue/index.js";
import { resolveTaskList } from "../tasks/catalogue/resolve.js";
import { downloadCommand, requireDataFiles } from "../tasks/data-files.js";
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

/** The parsed command line: the frozen run configuration, and what the command itself does with the results. */
export interface RunCommand {
  config: RunConfig;
  /** --json: print the results as JSON instead of the table. */
  json: boolean;
  /** --report: the markdown report's path, or null. */
  report: string | null;
}

/** The command line checked and frozen into a run configuration; null for --help. */
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
    throw new UsageError("--report needs the whole run's scores, which a shard does not have: after the last shard, glue-eval merge <output dir>, then glue-eval report <output dir> --out <file.md>");
  }
  const config: RunConfig = {
    models,
    names: models.map((_, i) => names[i] ?? null),
    tasks,
    dtype: values.dtype,
    ...(values.revision === undefined ? {} : { revision: values.revision }),
    outputDir: values["output-dir"] ?? null,
    threads: values.threads,
    nproc: values.nproc,
    overlap: values.overlap,
    executionProvider,
    maxSeqLength: values["max-seq-length"] ?? null,
    options: {
      dataDir: values["data-dir"],
      split: values.split,
      limit: values.limit ?? null,
      batchSize: values["batch-size"],
      labelMap: values["label-map"] ?? null,
      docStride: values["doc-stride"],
      nBestSize: values["n-best-size"],
      maxAnswerLength: values["max-answer-length"],
      nullScoreDiffThreshold: values["null-score-diff-threshold"],
      labelsFile: values["labels-file"] ?? null,
    },
    batchOrder: values["batch-order"],
    cacheDir: values["no-cache"] ? null : (values["cache-dir"] ?? defaultCacheDir()),
    command: ["glue-eval", ...argv],
    progress: !values["no-progress"] && !values.json && process.stderr.isTTY === true,
    ...(shard === undefined ? {} : { shard }),
    ...(deviceId === undefined ? {} : { deviceId }),
  };
  return { config: Object.freeze(config), json: values.json, report: values.report ?? null };
}

/** Fails before any work when the data or output folder cannot be used. */
function checkFolders(config: RunConfig): void {
  const dataDir = config.options.dataDir;
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new DataError({ file: dataDir }, `data directory not found (use --data-dir, or \`${downloadCommand(config.tasks, dataDir)}\` to fetch the datasets)`);
  }
  requireDataFiles(config.tasks.map((name) => catalogue[name]), dataDir, config.options.split);
  const out = config.outputDir ?? "results";
  try {
    mkdirSync(out, { recursive: true });
    accessSync(out, constants.W_OK);
  } catch (error) {
    throw new GlueEvalError("IO", `${out}: output directory is not writable (${ioReason(error)})`, { cause: error });
  }
}

export async function main(argv: string[]): Promise<number> {
  const command = parseRunCommand(argv);
  if (command === null) return printHelp(COMMAND);
  const { config, json, report } = command;
  checkFolders(config);
  if (report !== null) checkReportPath(report);
  // Loaded only now: the runner brings the tokenizers addon and, when a session opens, onnxruntime.
  const { runEvaluation } = await import("../runner/run-evaluation.js");
  const runs = await runEvaluation(config, {
    warn: (m) => process.stderr.write(`glue-eval: warning: ${m}\n`),
    info: (m) => {
      if (!json) process.stderr.write(`${m}\n`);
    },
  });
  if (json) process.stdout.write(`${JSON.stringify(runs.map((r) => ({ name: r.name, outputDir: r.outputDir, results: r.results })), null, 2)}\n`);
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
    process.stderr.write(`glue-eval: warning: no precision comparison (${error instanceof Error ? oneLine(error.message) : String(error)}); the results stand\n`);
  }
}
