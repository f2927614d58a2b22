/**
 * Before any work: every task of the run against every model row. A task whose outputs or
 * labels the model cannot fill would otherwise fail only when its turn comes, after the tasks
 * before it had run and written their results.
 */
import { GlueEvalError } from "../errors.js";
import { readModelConfig } from "../model/config.js";
import { graphOutputNames } from "../model/inspect.js";
import { tasks } from "../tasks/index.js";
import type { ModelFacts } from "../tasks/interface.js";
import type { RunConfig } from "./config.js";
import type { ModelTarget } from "./run-model.js";
import { checkOutputs } from "./run-task.js";

export async function checkTasksFit(config: Pick<RunConfig, "tasks" | "options">, targets: readonly ModelTarget[]): Promise<void> {
  for (const { folder } of targets) {
    const modelConfig = await readModelConfig(folder.configPath);
    // A graph that cannot be read here gets onnxruntime's own error when it is loaded.
    const outputNames = await graphOutputNames(folder.onnxPath).catch((error: unknown) => {
      if (error instanceof GlueEvalError) return null;
      throw error;
    });
    const facts: ModelFacts = { ...modelConfig, inputNames: [], outputNames: outputNames ?? [], path: folder.path };
    for (const name of config.tasks) {
      const task = tasks[name];
      if (outputNames !== null) checkOutputs(task, outputNames, folder.onnxPath);
      task.fits(facts, config.options);
    }
  }
}
