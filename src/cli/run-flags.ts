/** The flags of `glue-eval run`: what they parse to, their defaults and their help (the recipes in examples/ are checked against them too). */
import { availableParallelism } from "node:os";
import { RUN_DEFAULTS, RUN_LIMITS } from "../api/defaults.js";
import { UsageError } from "../errors.js";
import { parseDtypeList } from "../model/variants.js";
import { DTYPES, type Dtype } from "../precision.js";
import { defineCommand } from "./flags.js";
import { taskHelp } from "./task-help.js";

function parseDtype(text: string): Dtype | readonly (Dtype | "all")[] {
  const parsed = parseDtypeList(text);
  if ("bad" in parsed) throw new UsageError(`--dtype: unknown "${parsed.bad}" (use ${DTYPES.join(", ")}, a comma list of them, or all)`);
  const [only] = parsed.dtypes;
  return parsed.dtypes.length === 1 && only !== undefined && only !== "all" ? only : Object.freeze(parsed.dtypes);
}

function parseNproc(text: string): number | "auto" {
  if (text.trim() === "auto") return "auto";
  const n = Number(text);
  const { min, max } = RUN_LIMITS.nproc;
  if (!/^\s*\d+\s*$/.test(text) || n < min || n > max) throw new UsageError(`--nproc must be a whole number from ${min} to ${max}, or auto, got "${text}"`);
  return n;
}

export const COMMAND = defineCommand({
  name: "run",
  usage: "glue-eval --task <tasks> --model <dir> [--model <dir> ...] [options]\n       glue-eval run --task <tasks> --model <dir> [options]",
  flags: {
    task: {
      type: "string",
      arg: "<list>",
      required: true,
      hint: "e.g. --task mnli,sst2 or --task glue",
      help: taskHelp(),
    },
    model: {
      type: "string",
      arg: "<dir|org/name>",
      multiple: true,
      required: true,
      hint: "a model folder",
      help: "model folder (optimum or transformers.js layout) or hub model id, fetched into the HF_HOME hub cache; repeat for several",
    },
    name: { type: "string", arg: "<name>", multiple: true, shown: 'folder name, "-<dtype>" added but for fp32', help: "display name per --model" },
    dtype: {
      type: "custom",
      arg: "<list>",
      parse: parseDtype,
      default: RUN_DEFAULTS.dtype,
      help: `graph(s) to load, by transformers.js name: ${DTYPES.join(", ")} (fp32 is model.onnx, q8 model_quantized); a comma list or all (every variant the folder has) evaluates each as its own model row`,
    },
    revision: {
      type: "string",
      arg: "<rev>",
      shown: "main",
      help: "hub models (--model org/name): branch, tag or commit; HF_HUB_OFFLINE=1 uses the hub cache only",
    },
    "data-dir": { type: "string", arg: "<dir>", default: RUN_DEFAULTS.dataDir, help: "datasets root with glue/<TASK>/ and squad/" },
    "output-dir": {
      type: "string",
      arg: "<dir>",
      shown: "results/<model name>",
      help: "results folder; with several models or dtypes, one subfolder per model row",
    },
    overwrite: {
      type: "boolean",
      help: "replace a result there that covers more examples (e.g. the full dev set with a --limit run) or another model, data or flags; without it the run stops before any work",
    },
    split: { type: "enum", values: ["dev", "test"], default: RUN_DEFAULTS.split, help: "dev, or the unlabelled test split that glue-eval submit reads" },
    "max-seq-length": {
      type: "int",
      arg: "<n>",
      ...RUN_LIMITS.maxSeqLength,
      shown: "128 for GLUE, 384 for SQuAD, as run_glue.py / run_qa.py",
      help: "tokens per sequence",
    },
    "batch-size": { type: "int", arg: "<n>", ...RUN_LIMITS.batchSize, default: RUN_DEFAULTS.batchSize, help: "examples per inference call" },
    "batch-order": {
      type: "enum",
      values: ["auto", "length", "file"],
      default: RUN_DEFAULTS.batchOrder,
      help: "length: sorted, least padding; file: input order, as HF's Trainer; auto: file for graphs whose outputs depend on the batch (dynamic int8 quantization), so that they reproduce a reference, length otherwise",
    },
    limit: { type: "int", arg: "<n>", ...RUN_LIMITS.limit, help: "evaluate only the first n examples" },
    "label-map": { type: "list", arg: "<list>", help: "model output index -> task label, e.g. contradiction,neutral,entailment" },
    "labels-file": { type: "string", arg: "<tsv>", help: "labelled AX file (diagnostic-full.tsv) to score ax" },
    "doc-stride": { type: "int", arg: "<n>", ...RUN_LIMITS.docStride, default: RUN_DEFAULTS.docStride, help: "SQuAD: overlapping tokens between windows" },
    "n-best-size": { type: "int", arg: "<n>", ...RUN_LIMITS.nBestSize, default: RUN_DEFAULTS.nBestSize, help: "SQuAD: candidate answers kept per question" },
    "max-answer-length": {
      type: "int",
      arg: "<n>",
      ...RUN_LIMITS.maxAnswerLength,
      default: RUN_DEFAULTS.maxAnswerLength,
      help: "SQuAD: longest answer, in tokens",
    },
    "null-score-diff-threshold": {
      type: "number",
      arg: "<x>",
      default: RUN_DEFAULTS.nullScoreDiffThreshold,
      shown: "0.0",
      help: "SQuAD 2.0: answer only when the best span beats the null score by more",
    },
    threads: {
      type: "int",
      arg: "<n>",
      ...RUN_LIMITS.threads,
      default: RUN_DEFAULTS.threads,
      shown: `0: one per core, ${availableParallelism()} here`,
      help: "onnxruntime intra-op threads",
    },
    nproc: {
      type: "custom",
      arg: "<n>|auto",
      parse: parseNproc,
      default: String(RUN_DEFAULTS.nproc),
      help: "worker processes, each on a contiguous slice of every task with --threads / n onnxruntime threads (with cuda: worker i on GPU i), joined into the results one process writes; auto: from the cores, free memory, weights and examples (see docs/scale-out.md)",
    },
    overlap: {
      type: "enum",
      values: ["auto", "on", "off"],
      default: RUN_DEFAULTS.overlap,
      help: "read and tokenize the next task while this one infers; it changes no output, only the time. auto: when onnxruntime leaves cores free (--threads below the cores) or runs on a GPU",
    },
    "execution-provider": { type: "string", arg: "<ep>", default: RUN_DEFAULTS.executionProvider, help: "cpu, cuda, ... as this onnxruntime build offers" },
    "device-id": {
      type: "string",
      arg: "<n>|auto",
      shown: "0",
      help: "GPU for cuda/tensorrt/dml; auto: device 0 when CUDA_VISIBLE_DEVICES names one device, else LOCAL_RANK, else the first visible device",
    },
    shard: {
      type: "string",
      arg: "K/N|auto",
      help: "evaluate shard K of N (from 0) of each task into <output-dir>/shards/K-of-N; auto: K from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN. Then `glue-eval merge <output-dir>` writes the results of the whole run",
    },
    shards: { type: "int", arg: "<n>", ...RUN_LIMITS.shards, shown: "SLURM_ARRAY_TASK_COUNT", help: "N for --shard auto" },
    "cache-dir": {
      type: "string",
      arg: "<dir>",
      shown: "$GLUE_EVAL_CACHE_DIR, else ~/.cache/glue-eval",
      help: "model-output cache; a killed run resumes from it",
    },
    "no-cache": { type: "boolean", help: "neither read nor write the model-output cache" },
    "no-progress": {
      type: "boolean",
      help: "no progress on stderr (a bar on a terminal; elsewhere, as in a log, a line per task every 10% of its examples or 30 s)",
    },
    report: {
      type: "path",
      arg: "<file.md>",
      hint: "e.g. --report results/report.md",
      help: "also write the markdown report of this run (as glue-eval report writes it)",
    },
    json: { type: "boolean", help: "print the results as JSON on stdout instead of the table" },
  },
});
