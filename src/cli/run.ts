/** `glue-eval [run] --task <tasks> --model <dir> ...`: evaluate models, write results, print the table. */
import { accessSync, constants, existsSync, mkdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { UsageError, DataError, GlueEvalError, oneLine } from "../errors.js";
import { terminalText } from "../util/escape-terminal.js";
import { defaultCacheDir } from "../runner/cache.js";
import type { RunConfig } from "../runner/config.js";
import { DTYPES, type Dtype, parseDtypeList } from "../model/variants.js";
import type { ModelRun } from "../runner/run-evaluation.js";
import { resolveTaskList } from "../tasks/catalogue/index.js";
import { intFlag, numberFlag, parseFlags } from "./args.js";
import { precisionMatrices } from "../compare/matrix.js";
import { loadRuns } from "../report/load.js";
import { renderMatrix } from "../report/render/matrix.js";
import { checkReportPath, writeRunReport } from "./run-report.js";
import { parseDeviceId, parseShard } from "./shard-flags.js";
import { renderRunSummary, renderShardSummary } from "./summary.js";

const HELP = `glue-eval --task <tasks> --model <dir> [--model <dir> ...] [options]

  --task <list>          comma list of tasks or groups: cola, sst2, mrpc, stsb, qqp, mnli, mnli-mm,
                         qnli, rte, wnli, ax, squad, squad_v2; glue = the ten GLUE dev tasks
  --model <dir|org/name> model folder (optimum or transformers.js layout) or hub model id,
                         fetched into the HF_HOME hub cache; repeat for several
  --name <name>          display name per --model (default: folder name, "-<dtype>" added but for fp32)
  --dtype <list>         graph(s) to load, by transformers.js name: fp32 (model.onnx, the default),
                         fp16, q8 (model_quantized), int8, uint8, q4, q4f16, bnb4; a comma list or
                         all (every variant the folder has) evaluates each as its own model row
  --revision <rev>       hub models (--model org/name): branch, tag or commit (default main);
                         HF_HUB_OFFLINE=1 uses the hub cache only
  --data-dir <dir>       datasets root with glue/<TASK>/ and squad/ (default ./data)
  --output-dir <dir>     results folder (default results/<model name>); with several models or
                         dtypes, one subfolder per model row
  --split dev|test       dev (default) or the unlabelled test split (for glue-eval submit)
  --max-seq-length <n>   default 128 for GLUE, 384 for SQuAD (as run_glue.py / run_qa.py)
  --batch-size <n>       default 32
  --batch-order <o>      length (sorted, least padding), file (input order, as HF's Trainer), or
                         auto (default): file for graphs whose outputs depend on the batch (dynamic
                         int8 quantization), so that they reproduce a reference; length otherwise
  --limit <n>            evaluate only the first n examples
  --label-map <list>     model output index -> task label, e.g. contradiction,neutral,entailment
  --labels-file <tsv>    labelled AX file (diagnostic-full.tsv) to score ax
  --doc-stride <n>       SQuAD: overlapping tokens between windows (default 128)
  --n-best-size <n>      SQuAD: default 20
  --max-answer-length <n>  SQuAD: default 30
  --null-score-diff-threshold <x>  SQuAD 2.0: default 0.0
  --threads <n>          onnxruntime intra-op threads (default: ${availableParallelism()} cores)
  --overlap auto|on|off  read and tokenize the next task while this one infers (default auto: when
                         onnxruntime leaves cores free, i.e. --threads below the cores, or a GPU);
                         it changes no output, only the time
  --execution-provider <ep>  cpu (default), cuda, ... as this onnxruntime build offers
  --device-id <n>|auto   GPU for cuda/tensorrt/dml (default 0); auto: device 0 when CUDA_VISIBLE_DEVICES
                         names one device, else LOCAL_RANK, else the first visible device
  --shard K/N|auto       evaluate shard K of N (from 0) of each task into <output dir>/shards/K-of-N;
                         auto: K from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN.
                         Then \`glue-eval merge <output dir>\` writes the results of the whole run
  --shards <n>           N for --shard auto (default SLURM_ARRAY_TASK_COUNT)
  --cache-dir <dir>      model-output cache (default $GLUE_EVAL_CACHE_DIR or ~/.cache/glue-eval);
                         a killed run resumes from it; --no-cache bypasses it
  --no-progress          no progress bar
  --report <file.md>     also write the markdown report of this run (as glue-eval report writes it)
  --json                 print the results as JSON on stdout instead of the table`;

/** The flags of `glue-eval run` (the recipes in examples/ are checked against them). */
export const OPTIONS = {
  task: { type: "string" },
  model: { type: "string", multiple: true },
  name: { type: "string", multiple: true },
  dtype: { type: "string" },
  revision: { type: "string" },
  "data-dir": { type: "string" },
  "output-dir": { type: "string" },
  split: { type: "string" },
  "max-seq-length": { type: "string" },
  "batch-size": { type: "string" },
  "batch-order": { type: "string" },
  limit: { type: "string" },
  "label-map": { type: "string" },
  "labels-file": { type: "string" },
  "doc-stride": { type: "string" },
  "n-best-size": { type: "string" },
  "max-answer-length": { type: "string" },
  "null-score-diff-threshold": { type: "string" },
  threads: { type: "string" },
  overlap: { type: "string" },
  "execution-provider": { type: "string" },
  "device-id": { type: "string" },
  shard: { type: "string" },
  shards: { type: "string" },
  "no-progress": { type: "boolean" },
  "cache-dir": { type: "string" },
  "no-cache": { type: "boolean" },
  json: { type: "boolean" },
  report: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** The parsed command line: the frozen run configuration, and what the command itself does with the results. */
export interface RunCommand {
  config: RunConfig;
  /** --json: print the results as JSON instead of the table. */
  json: boolean;
  /** --report: the markdown report's path, or null. */
  report: string | null;
}

export function parseRunCommand(argv: string[]): RunCommand | null {
  const { values } = parseFlags(argv, OPTIONS);
  if (values.help) return null;
  if (values.report === "") throw new UsageError("--report must be a file path (e.g. --report results/report.md)");
  if (values.task === undefined) throw new UsageError("--task is required (e.g. --task mnli,sst2 or --task glue)");
  const models = values.model ?? [];
  if (models.length === 0) throw new UsageError("--model is required (a model folder)");
  const names = values.name ?? [];
  if (names.length > 0 && names.length !== models.length) throw new UsageError(`--name given ${names.length} times for ${models.length} --model`);
  const dtype = parseDtypeFlag(values.dtype ?? "fp32");
  const split: string = values.split ?? "dev";
  if (split !== "dev" && split !== "test") throw new UsageError(`--split must be dev or test, got "${split}"`);
  const dataDir = values["data-dir"] ?? "data";
  const batchOrder: string = values["batch-order"] ?? "auto";
  if (batchOrder !== "auto" && batchOrder !== "length" && batchOrder !== "file") throw new UsageError(`--batch-order must be auto, length or file, got "${batchOrder}"`);
  const overlap: string = values.overlap ?? "auto";
  if (overlap !== "auto" && overlap !== "on" && overlap !== "off") throw new UsageError(`--overlap must be auto, on or off, got "${overlap}"`);
  const tasks = resolveTaskList(values.task);
  const maxSeqLength = values["max-seq-length"] === undefined ? null : intFlag("max-seq-length", values["max-seq-length"], 128, 16, 4096);
  const executionProvider = values["execution-provider"] ?? "cpu";
  const shard = parseShard(values.shard, values.shards);
  const deviceId = parseDeviceId(values["device-id"], executionProvider);
  if (shard !== undefined && values.report !== undefined) {
    throw new UsageError("--report needs the whole run's scores, which a shard does not have: after the last shard, glue-eval merge <output dir>, then glue-eval report <output dir> --out <file.md>");
  }
  const config: RunConfig = {
    models,
    names: models.map((_, i) => names[i] ?? null),
    tasks,
    dtype,
    ...(values.revision === undefined ? {} : { revision: values.revision }),
    outputDir: values["output-dir"] ?? null,
    threads: intFlag("threads", values.threads, 0, 0, 1024),
    overlap,
    executionProvider,
    maxSeqLength,
    options: taskOptions(values, dataDir, split),
    batchOrder,
    cacheDir: values["no-cache"] ? null : (values["cache-dir"] ?? defaultCacheDir()),
    command: ["glue-eval", ...argv],
    progress: !values["no-progress"] && !values.json && process.stderr.isTTY === true,
    ...(shard === undefined ? {} : { shard }),
    ...(deviceId === undefined ? {} : { deviceId }),
  };
  return { config: Object.freeze(config), json: values.json === true, report: values.report ?? null };
}

type RunValues = ReturnType<typeof parseFlags<typeof OPTIONS>>["values"];

/** The flags the tasks read, validated in the order they are listed. */
function taskOptions(values: RunValues, dataDir: string, split: "dev" | "test"): RunConfig["options"] {
  return {
    dataDir,
    split,
    limit: values.limit === undefined ? null : intFlag("limit", values.limit, 0, 1),
    batchSize: intFlag("batch-size", values["batch-size"], 32, 1, 65536),
    labelMap: values["label-map"]?.split(",").map((s) => s.trim()) ?? null,
    docStride: intFlag("doc-stride", values["doc-stride"], 128, 0),
    nBestSize: intFlag("n-best-size", values["n-best-size"], 20, 1, 1000),
    maxAnswerLength: intFlag("max-answer-length", values["max-answer-length"], 30, 1),
    nullScoreDiffThreshold: numberFlag("null-score-diff-threshold", values["null-score-diff-threshold"], 0),
    labelsFile: values["labels-file"] ?? null,
  };
}

function parseDtypeFlag(text: string): Dtype | readonly (Dtype | "all")[] {
  const parsed = parseDtypeList(text);
  if ("bad" in parsed) throw new UsageError(`--dtype: unknown "${parsed.bad}" (use ${DTYPES.join(", ")}, a comma list of them, or all)`);
  const [only] = parsed.dtypes;
  return parsed.dtypes.length === 1 && only !== undefined && only !== "all" ? only : Object.freeze(parsed.dtypes);
}

/** Fails before any work when the data or output folder cannot be used. */
function checkFolders(config: RunConfig): void {
  const dataDir = config.options.dataDir;
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new DataError({ file: dataDir }, "data directory not found (use --data-dir, or `glue-eval download` to fetch the datasets)");
  }
  const out = config.outputDir ?? "results";
  try {
    mkdirSync(out, { recursive: true });
    accessSync(out, constants.W_OK);
  } catch (error) {
    throw new GlueEvalError("IO", `${out}: output directory is not writable (${(error as NodeJS.ErrnoException).code ?? "error"})`, { cause: error });
  }
}

export async function main(argv: string[]): Promise<number> {
  const command = parseRunCommand(argv);
  if (command === null) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const { config, json, report } = command;
  checkFolders(config);
  if (report !== null) checkReportPath(report);
  // Loaded only now: the runner brings the tokenizers addon and, when a session opens, onnxruntime.
  const { runEvaluation } = await import("../runner/run-evaluation.js");
  const runs = await runEvaluation(config, {
    warn: (m) => process.stderr.write(`glue-eval: warning: ${terminalText(m)}\n`),
    info: (m) => {
      if (!json) process.stderr.write(`${terminalText(m)}\n`);
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
    process.stderr.write(`glue-eval: warning: no precision comparison (${terminalText(error instanceof Error ? oneLine(error.message) : String(error))}); the results stand\n`);
  }
}
