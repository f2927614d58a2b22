/** `npm run bench [-- flags]`: which cases to run, how often, where the report goes. */
import { isAbsolute, join, resolve } from "node:path";
import { intFlag, parseFlags } from "../src/cli/args.js";
import { UsageError } from "../src/errors.js";
import type { Dtype } from "../src/precision.js";
import { isTaskName, type TaskName } from "../src/tasks/catalogue/index.js";
import { ROOT, sharedPath } from "./paths.js";
import type { OverlapCase } from "./overlap/run.js";
import type { CaseSpec } from "./prepare.js";

export const HELP = `npm run bench [-- options]

  (no options)          the default parts: throughput (tiny BERT on SST-2, MRPC, QQP and SQuAD
                        v1.1, full dev sets; random-weight full-size models: BERT-base on the first
                        200 SST-2 examples, DeBERTa-v3-base on the first 64 MNLI pairs, BERT-base QA
                        on the first 32 SQuAD questions), precision (bert-tiny-sst2-dtypes in fp32,
                        fp16, q8, q4 and q4f16 on SST-2 dev), shards (2 shards × 1 thread against 1
                        process × 2 threads, and glue-eval merge, on tiny BERT QQP and BERT-base
                        SST-2), overlap (tiny BERT on MNLI-m and -mm, DeBERTa-v3-base on their first
                        64: one process, --overlap off and on, at 1 thread and one per core),
                        nproc (--nproc 1, 2 and auto against the raw tokenize-then-infer loop, whole
                        processes, with their peak RSS: tiny BERT on QQP and SQuAD v1.1, BERT-base
                        on the first 200 SST-2 examples) and padding (six GLUE dev sets)
  --large               also the large model: a 1.56 B-parameter encoder (5.8 GiB of weights) on
                        the first 32 MNLI pairs; 1–2 minutes, about 6 GB of memory
  --only <parts>        only these parts: throughput, precision, shards, overlap, nproc, padding, large
  --model <dir|name>    one throughput case: a model folder, a fixture name (bert-tiny-sst2) or a
                        bench model name (bert-base-random-cls); with --task; no other part
                        unless --only or --large names it
  --task <task>         the case's task (default sst2)
  --limit <n>           first n examples of every case (the large one too)
  --runs <r>            timed repetitions after one warm-up (default 5)
  --batch-size <b>      default 32
  --max-seq-length <n>  default 128 for GLUE, 384 for SQuAD
  --data-dir <dir>      datasets root (default ../shared/data)
  --cli <file>          the glue-eval CLI the shard and overlap rows start (default: the one npm run bench
                        builds, dist-bench/src/cli/bin.cjs)
  --out <dir>           where bench.md and bench.json go (default reports/)
  --no-rss              skip the peak-memory child processes
  --smoke               the throughput, precision, shard, overlap and nproc parts on 64 examples,
                        one repetition, report in a temporary folder`;

export const PARTS = ["throughput", "precision", "shards", "overlap", "nproc", "padding", "large"] as const;
export type Part = (typeof PARTS)[number];

export interface BenchPlan {
  /** Throughput cases (empty when the part is not run). */
  cases: CaseSpec[];
  /** One model in each of its precisions; null: not run. */
  precision: (CaseSpec & { dtypes: readonly Dtype[] }) | null;
  /** Shard rows; empty: not run. */
  shards: CaseSpec[];
  /** Overlap rows; empty: not run. */
  overlap: OverlapCase[];
  /** Worker rows (`--nproc`); empty: not run. */
  nproc: CaseSpec[];
  /** The large model; null: not run. */
  large: CaseSpec | null;
  /** The CLI the shard rows start. */
  cli: string;
  runs: number;
  warmup: boolean;
  dataDir: string;
  /** null = a fresh temporary folder. */
  outDir: string | null;
  measureRss: boolean;
  survey: boolean;
  smoke: boolean;
}

const spec = (model: string, task: TaskName, limit: number | null): CaseSpec => ({ model, task, limit, batchSize: 32, maxSeqLength: null });

/** Sized so that the whole default run stays well under 25 minutes on 2 cores. */
export const DEFAULT_CASES: readonly CaseSpec[] = [
  spec("bert-tiny-sst2", "sst2", null),
  spec("bert-tiny-mrpc", "mrpc", null),
  spec("bert-tiny-qqp", "qqp", null),
  // The whole dev set, as run_qa.py evaluates it: reading the 4.8 MB file is a fixed cost that a
  // prefix of it would inflate.
  spec("bert-tiny-squad", "squad", null),
  spec("bert-base-random-cls", "sst2", 200),
  spec("deberta-v3-base-random-cls", "mnli", 64),
  spec("bert-base-random-qa", "squad", 32),
];

export const PRECISION_CASE = {
  ...spec(sharedPath("fixtures", "lowprec", "models", "bert-tiny-sst2-dtypes"), "sst2", null),
  dtypes: ["fp32", "fp16", "q8", "q4", "q4f16"] as const,
};
export const SHARD_CASES: readonly CaseSpec[] = [spec("bert-tiny-qqp", "qqp", null), spec("bert-base-random-cls", "sst2", 200)];
export const LARGE_CASE = spec("encoder-1.5b-random-cls", "mnli", 32);
/** Tiny BERT where tokenization is a third of the time (QQP) and windows are many (SQuAD); BERT-base, where inference is all of it. */
export const NPROC_CASES: readonly CaseSpec[] = [
  spec("bert-tiny-qqp", "qqp", null),
  spec("bert-tiny-squad", "squad", null),
  spec("bert-base-random-cls", "sst2", 200),
];
/** Two tasks of one model: tiny BERT, where tokenization is a third of the time, and DeBERTa-v3-base, where it is under 1%. */
export const OVERLAP_CASES: readonly OverlapCase[] = [
  { model: "bert-tiny-mnli", tasks: "mnli,mnli-mm", limit: null, batchSize: 32 },
  { model: "deberta-v3-base-random-cls", tasks: "mnli,mnli-mm", limit: 64, batchSize: 32 },
];
export const DEFAULT_CLI = join(ROOT, "dist-bench", "src", "cli", "bin.cjs");

const SMOKE_LIMIT = 64;
const SMOKE_CASE = spec("bert-tiny-sst2", "sst2", SMOKE_LIMIT);

export const BENCH_OPTIONS = {
  model: { type: "string" },
  task: { type: "string" },
  limit: { type: "string" },
  runs: { type: "string" },
  "batch-size": { type: "string" },
  "max-seq-length": { type: "string" },
  "data-dir": { type: "string" },
  out: { type: "string" },
  cli: { type: "string" },
  only: { type: "string" },
  large: { type: "boolean" },
  "no-rss": { type: "boolean" },
  smoke: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function parseParts(text: string): Set<Part> {
  const parts = new Set<Part>();
  for (const raw of text.split(",")) {
    const name = raw.trim();
    if (name === "") continue;
    if (!(PARTS as readonly string[]).includes(name)) throw new UsageError(`--only: unknown part "${name}" (parts: ${PARTS.join(", ")})`);
    parts.add(name as Part);
  }
  if (parts.size === 0) throw new UsageError(`--only is empty (parts: ${PARTS.join(", ")})`);
  return parts;
}

/** The parts a command line runs: --only, else what --smoke, --model/--task or the default run; --large adds the large model. */
function selectParts(only: string | undefined, smoke: boolean, single: boolean, large: boolean): Set<Part> {
  const parts =
    only !== undefined
      ? parseParts(only)
      : new Set<Part>(smoke ? ["throughput", "precision", "shards", "overlap", "nproc"] : single ? ["throughput"] : [...PARTS.filter((p) => p !== "large")]);
  if (single && !parts.has("throughput")) throw new UsageError("--model and --task choose the throughput case: add throughput to --only");
  if (large) parts.add("large");
  return parts;
}

export function parseBenchArgs(argv: string[]): BenchPlan | null {
  const { values } = parseFlags(argv, BENCH_OPTIONS);
  if (values.help) return null;
  const smoke = values.smoke === true;
  const task = values.task ?? "sst2";
  if (!isTaskName(task)) throw new UsageError(`--task: unknown task "${task}"`);
  const single = values.model !== undefined || values.task !== undefined;
  const parts = selectParts(values.only, smoke, single, values.large === true);
  const base = smoke ? [SMOKE_CASE] : single ? [spec(values.model ?? "bert-tiny-sst2", task, null)] : DEFAULT_CASES;
  const limit = values.limit === undefined ? (smoke ? SMOKE_LIMIT : undefined) : intFlag("limit", values.limit, 0, 1);
  const batchSize = intFlag("batch-size", values["batch-size"], 32, 1, 65536);
  const maxSeqLength = values["max-seq-length"] === undefined ? null : intFlag("max-seq-length", values["max-seq-length"], 128, 16, 4096);
  const runs = intFlag("runs", values.runs, smoke ? 1 : 5, 1, 1000);
  const sized = <T extends CaseSpec>(c: T): T => ({ ...c, limit: limit ?? c.limit, batchSize, maxSeqLength });
  const cli = values.cli ?? DEFAULT_CLI;
  return {
    cases: parts.has("throughput") ? base.map(sized) : [],
    precision: parts.has("precision") ? sized(PRECISION_CASE) : null,
    // A smoke run keeps the tiny model's shards only: BERT-base processes take seconds each to start.
    shards: parts.has("shards") ? (smoke ? SHARD_CASES.slice(0, 1) : SHARD_CASES).map(sized) : [],
    // A smoke run keeps the tiny model only, on the first 64 examples of each task.
    overlap: parts.has("overlap") ? (smoke ? OVERLAP_CASES.slice(0, 1) : OVERLAP_CASES).map((c) => ({ ...c, limit: limit ?? c.limit, batchSize })) : [],
    // A smoke run keeps the tiny QQP model only.
    nproc: parts.has("nproc") ? (smoke ? NPROC_CASES.slice(0, 1) : NPROC_CASES).map(sized) : [],
    large: parts.has("large") ? sized(LARGE_CASE) : null,
    cli: isAbsolute(cli) ? cli : resolve(cli),
    runs,
    warmup: !smoke,
    dataDir: values["data-dir"] ?? sharedPath("data"),
    outDir: values.out ?? (smoke ? null : "reports"),
    measureRss: values["no-rss"] !== true,
    survey: parts.has("padding"),
    smoke,
  };
}
