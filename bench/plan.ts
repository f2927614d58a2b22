/** `npm run bench [-- flags]`: which cases to run, how often, where the report goes. */
import { intFlag, parseFlags } from "../src/cli/args.js";
import { UsageError } from "../src/errors.js";
import { isTaskName, type TaskName } from "../src/tasks/catalogue/index.js";
import { sharedPath } from "./paths.js";
import type { CaseSpec } from "./prepare.js";

export const HELP = `npm run bench [-- options]

  (no options)          the default cases: tiny BERT on SST-2, MRPC, QQP and SQuAD v1.1 (full dev
                        sets); random-weight full-size models: BERT-base on the first 200 SST-2
                        examples, DeBERTa-v3-base on the first 64 MNLI pairs, BERT-base QA on the
                        first 32 SQuAD questions; and the padding of six GLUE dev sets
  --model <dir|name>    one case: a model folder, a fixture name (bert-tiny-sst2) or a bench
                        model name (bert-base-random-cls); with --task
  --task <task>         the case's task (default sst2)
  --limit <n>           first n examples of every case
  --runs <r>            timed repetitions after one warm-up (default 5)
  --batch-size <b>      default 32
  --max-seq-length <n>  default 128 for GLUE, 384 for SQuAD
  --data-dir <dir>      datasets root (default ../shared/data)
  --out <dir>           where bench.md and bench.json go (default reports/)
  --no-rss              skip the peak-memory child processes
  --smoke               one tiny case, 64 examples, one repetition, report in a temporary folder`;

export interface BenchPlan {
  cases: CaseSpec[];
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

/** Sized so that the whole default run stays well under 15 minutes on 2 cores. */
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

const SMOKE_CASE = spec("bert-tiny-sst2", "sst2", 64);

export function parseBenchArgs(argv: string[]): BenchPlan | null {
  const { values } = parseFlags(argv, {
    model: { type: "string" },
    task: { type: "string" },
    limit: { type: "string" },
    runs: { type: "string" },
    "batch-size": { type: "string" },
    "max-seq-length": { type: "string" },
    "data-dir": { type: "string" },
    out: { type: "string" },
    "no-rss": { type: "boolean" },
    smoke: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return null;
  const smoke = values.smoke === true;
  const task = values.task ?? "sst2";
  if (!isTaskName(task)) throw new UsageError(`--task: unknown task "${task}"`);
  const single = values.model !== undefined || values.task !== undefined;
  const base = smoke ? [SMOKE_CASE] : single ? [spec(values.model ?? "bert-tiny-sst2", task, null)] : DEFAULT_CASES;
  const limit = values.limit === undefined ? undefined : intFlag("limit", values.limit, 0, 1);
  const batchSize = intFlag("batch-size", values["batch-size"], 32, 1, 65536);
  const maxSeqLength = values["max-seq-length"] === undefined ? null : intFlag("max-seq-length", values["max-seq-length"], 128, 16, 4096);
  const runs = intFlag("runs", values.runs, smoke ? 1 : 5, 1, 1000);
  return {
    cases: base.map((c) => ({ ...c, limit: limit ?? c.limit, batchSize, maxSeqLength })),
    runs,
    warmup: !smoke,
    dataDir: values["data-dir"] ?? sharedPath("data"),
    outDir: values.out ?? (smoke ? null : "reports"),
    measureRss: values["no-rss"] !== true,
    survey: !smoke && !single,
    smoke,
  };
}
