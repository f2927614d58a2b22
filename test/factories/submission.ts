/** Test-split results for every GLUE leaderboard task, small and reproducible. */
import { type BuiltTask, glueTask, randomLabels } from "./results.js";

const BIN = ["0", "1"];
const NLI = ["entailment", "neutral", "contradiction"];
const ENT = ["entailment", "not_entailment"];

const LABELS: Record<string, readonly string[]> = {
  cola: BIN,
  sst2: BIN,
  mrpc: BIN,
  qqp: BIN,
  mnli: NLI,
  "mnli-mm": NLI,
  qnli: ENT,
  rte: ENT,
  wnli: BIN,
  ax: NLI,
};

const SPLITS: Record<string, string> = { mnli: "test_matched", "mnli-mm": "test_mismatched" };

/**
 * A test-split result for `task` with `n` rows (or the given indices), predictions drawn from
 * the task's label values (STS-B: scores with more than three decimals).
 */
export function testTask(task: string, model: string, n: number, indices?: readonly (string | number)[]): BuiltTask {
  const rows = indices?.length ?? n;
  const seed = [...task].reduce((h, ch) => h * 31 + ch.charCodeAt(0), 7) % 100_000;
  const pred = task === "stsb" ? randomLabels(rows, [0, 1.23456, 2.5, 3.0004, 4.9996, 5], seed) : randomLabels(rows, LABELS[task] ?? BIN, seed);
  const spec = { task, model: { name: model }, gold: null, pred, split: SPLITS[task] ?? "test" };
  return glueTask(indices === undefined ? spec : { ...spec, indices });
}

export const SUBMISSION_TASK_NAMES = ["cola", "sst2", "mrpc", "stsb", "qqp", "mnli", "mnli-mm", "qnli", "rte", "wnli", "ax"] as const;
