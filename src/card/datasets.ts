/**
 * Where the hub keeps each task's data, as its leaderboards and model cards name it: GLUE is
 * `nyu-mll/glue` with one config per task (MNLI's two dev sets are the configs `mnli_matched`
 * and `mnli_mismatched`, each with a `validation` split), SQuAD is `rajpurkar/squad` and
 * `rajpurkar/squad_v2`. glue-eval reads GLUE's and SQuAD's own files, whose dev rows are the
 * ones those configs hold, so no dataset revision is claimed.
 */
import type { TaskName } from "../tasks/catalogue/index.js";

export interface HubDataset {
  /** The dataset repository. */
  id: string;
  /** The config (`load_dataset(id, config)`), also the `task_id` of `.eval_results`. */
  config: string;
  /** The split the dev set is in the hub's copy. */
  split: string;
  /** The model-index task type, a hub pipeline tag. */
  taskType: "text-classification" | "question-answering";
}

const glue = (config: string, split = "validation"): HubDataset => ({ id: "nyu-mll/glue", config, split, taskType: "text-classification" });

/** Every task of the catalogue: a task added there without an entry here does not compile. */
export const HUB_DATASETS = {
  cola: glue("cola"),
  sst2: glue("sst2"),
  mrpc: glue("mrpc"),
  stsb: glue("stsb"),
  qqp: glue("qqp"),
  mnli: glue("mnli_matched"),
  "mnli-mm": glue("mnli_mismatched"),
  qnli: glue("qnli"),
  rte: glue("rte"),
  wnli: glue("wnli"),
  // The diagnostic set is GLUE's `ax` config, a test split (scored with --labels-file).
  ax: glue("ax", "test"),
  squad: { id: "rajpurkar/squad", config: "plain_text", split: "validation", taskType: "question-answering" },
  squad_v2: { id: "rajpurkar/squad_v2", config: "squad_v2", split: "validation", taskType: "question-answering" },
} as const satisfies Record<TaskName, HubDataset>;

export const TASK_TYPE_NAMES: Readonly<Record<HubDataset["taskType"], string>> = {
  "text-classification": "Text Classification",
  "question-answering": "Question Answering",
};
