/**
 * score(options): a predictions file against the task's dev set with the official metrics, as
 * `glue-eval score`. GLUE: the submission layout (`index<TAB>prediction`). SQuAD: the official
 * `{question id: answer}` JSON, as evaluate-v1.1.py / evaluate-v2.0.py.
 */
import { join } from "node:path";
import { catalogue, type TaskName } from "../tasks/catalogue/index.js";
import { resolveTask } from "../tasks/catalogue/resolve.js";
import { requireDataFiles } from "../tasks/data-files.js";
import { scoreGlueFile } from "../tasks/glue/score-file.js";
import { scoreSquadFile } from "../tasks/squad/score-file.js";
import { RUN_DEFAULTS } from "./defaults.js";

export interface ScoreOptions {
  /** One task, by name or alias. */
  task: string;
  /** The predictions file. */
  predictions: string;
  /** The datasets root. Default "data". */
  dataDir?: string;
  /** SQuAD 2.0: the {question id: no-answer probability} JSON. */
  naProbs?: string;
}

export interface Score {
  task: TaskName;
  /** As the results files hold them: GLUE 0..1, SQuAD 0..100. */
  metrics: Record<string, number | null>;
  /** What the score leaves out or assumes (e.g. rows without a label). */
  warnings: string[];
}

export async function score(options: ScoreOptions): Promise<Score> {
  const task = resolveTask(options.task);
  const def = catalogue[task];
  const dataDir = options.dataDir ?? RUN_DEFAULTS.dataDir;
  requireDataFiles([def], dataDir, "dev");
  if (def.kind === "qa") {
    return { task, metrics: await scoreSquadFile(def.name, join(dataDir, "squad", def.file), options.predictions, options.naProbs), warnings: [] };
  }
  const { metrics, warnings } = await scoreGlueFile(def, dataDir, options.predictions);
  return { task, metrics, warnings };
}
