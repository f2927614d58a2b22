/** `glue-eval [run] --task <tasks> --model <dir> ...`: evaluate models, write results, print the table. */
import { accessSync, constants, existsSync, mkdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { UsageError, DataError, GlueEvalError } from "../errors.js";
import { defaultCacheDir } from "../runner/cache.js";
import type { RunConfig } from "../runner/config.js";
import { resolveTaskList } from "../tasks/catalogue/index.js";
import { intFlag, numberFlag, parseFlags } from "./args.js";
import { renderRunSummary } from "./summary.js";

const HELP = `glue-eval --task <tasks> --model <dir> [--model <dir> ...] [options]

  --task <list>          comma list of tasks or groups: cola, sst2, mrpc, stsb, qqp, mnli, mnli-mm,
                         qnli, rte, wnli, ax, squad, squad_v2; glue = the ten GLUE dev tasks
  --model <dir>          model folder (optimum or transformers.js layout); repeat for several
  --name <name>          display name per --model (default: folder name, "-q8" added for int8)
  --dtype fp32|q8        graph to load (default fp32; q8 = model_quantized.onnx)
  --data-dir <dir>       datasets root with glue/<TASK>/ and squad/ (default ./data)
  --output-dir <dir>     results folder (default results/<model name>)
  --split dev|test       dev (default) or the unlabelled test split (for glue-eval submit)
  --max-seq-length <n>   default 128 for GLUE, 384 for SQuAD (as run_glue.py / run_qa.py)
  --batch-size <n>       default 32
  --batch-order <o>      length (sorted, least padding), file (input order, as HF's Trainer), or
                         auto (default): length for fp32, file for int8, whose outputs depend on
                         the batch (dynamic quantization), so that int8 runs reproduce a reference
  --limit <n>            evaluate only the first n examples
  --label-map <list>     model output index -> task label, e.g. contradiction,neutral,entailment
  --labels-file <tsv>    labelled AX file (diagnostic-full.tsv) to score ax
  --doc-stride <n>       SQuAD: overlapping tokens between windows (default 128)
  --n-best-size <n>      SQuAD: default 20
  --max-answer-length <n>  SQuAD: default 30
  --null-score-diff-threshold <x>  SQuAD 2.0: default 0.0
  --threads <n>          onnxruntime intra-op threads (default: ${availableParallelism()} cores)
  --execution-provider <ep>  cpu (default), cuda, ... as this onnxruntime build offers
  --cache-dir <dir>      model-output cache (default $GLUE_EVAL_CACHE_DIR or ~/.cache/glue-eval);
                         a killed run resumes from it; --no-cache bypasses it
  --no-progress          no progress bar
  --json                 print the results as JSON on stdout instead of the table`;

const OPTIONS = {
  task: { type: "string" },
  model: { type: "string", multiple: true },
  name: { type: "string", multiple: true },
  dtype: { type: "string" },
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
  "execution-provider": { type: "string" },
  "no-progress": { type: "boolean" },
  "cache-dir": { type: "string" },
  "no-cache": { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** The parsed command line: the frozen run configuration, and whether to print JSON instead of the table. */
export interface RunCommand {
  config: RunConfig;
  json: boolean;
}

export function parseRunCommand(argv: string[]): RunCommand | null {
  const { values } = parseFlags(argv, OPTIONS);
  if (values.help) return null;
  if (values.task === undefined) throw new UsageError("--task is required (e.g. --task mnli,sst2 or --task glue)");
  const models = values.model ?? [];
  if (models.length === 0) throw new UsageError("--model is required (a model folder)");
  const names = values.name ?? [];
  if (names.length > 0 && names.length !== models.length) throw new UsageError(`--name given ${names.length} times for ${models.length} --model`);
  const dtype = values.dtype ?? "fp32";
  if (dtype !== "fp32" && dtype !== "q8") throw new UsageError(`--dtype must be fp32 or q8, got "${dtype}"`);
  const split: string = values.split ?? "dev";
  if (split !== "dev" && split !== "test") throw new UsageError(`--split must be dev or test, got "${split}"`);
  const dataDir = values["data-dir"] ?? "data";
  const batchOrder: string = values["batch-order"] ?? "auto";
  if (batchOrder !== "auto" && batchOrder !== "length" && batchOrder !== "file") throw new UsageError(`--batch-order must be auto, length or file, got "${batchOrder}"`);
  const tasks = resolveTaskList(values.task);
  const maxSeqLength = values["max-seq-length"] === undefined ? null : intFlag("max-seq-length", values["max-seq-length"], 128, 16, 4096);
  const config: RunConfig = {
    models,
    names: models.map((_, i) => names[i] ?? null),
    tasks,
    dtype,
    outputDir: values["output-dir"] ?? null,
    threads: intFlag("threads", values.threads, 0, 0, 1024),
    executionProvider: values["execution-provider"] ?? "cpu",
    maxSeqLength,
    options: taskOptions(values, dataDir, split),
    batchOrder,
    cacheDir: values["no-cache"] ? null : (values["cache-dir"] ?? defaultCacheDir()),
    command: ["glue-eval", ...argv],
    progress: !values["no-progress"] && !values.json && process.stderr.isTTY === true,
  };
  return { config: Object.freeze(config), json: values.json === true };
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
  const { config, json } = command;
  checkFolders(config);
  // Loaded only now: the runner brings the tokenizers addon and, when a session opens, onnxruntime.
  const { runEvaluation } = await import("../runner/run-evaluation.js");
  const runs = await runEvaluation(config, {
    warn: (m) => process.stderr.write(`glue-eval: warning: ${m}\n`),
    info: (m) => {
      if (!json) process.stderr.write(`${m}\n`);
    },
  });
  if (json) process.stdout.write(`${JSON.stringify(runs.map((r) => ({ name: r.name, outputDir: r.outputDir, results: r.results })), null, 2)}\n`);
  else process.stdout.write(`${renderRunSummary(runs, process.stdout.isTTY === true)}\n`);
  return 0;
}
