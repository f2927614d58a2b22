/** evaluate(config): for each model, load it once, run each task, write its results atomically. */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { GlueEvalError } from "../errors.js";
import { readModelConfig } from "../model/config.js";
import type { ModelFolder } from "../model/folder.js";
import { inspectModel } from "../model/inspect.js";
import { onnxruntimeVersion, openSession } from "../model/session.js";
import { readTokenizerFile } from "../model/tokenizer.js";
import { GLUE_EVAL_VERSION } from "../version.js";
import { planModelRows } from "./model-rows.js";
import { evaluateTask, type LoadedModel } from "./task-run.js";
import type { RunConfig } from "./config.js";
import type { TaskResult } from "./results.js";
import { writeTaskOutputs } from "./write.js";

export interface ModelRun {
  name: string;
  outputDir: string;
  results: TaskResult[];
}

export interface Hooks {
  warn(message: string): void;
  info(message: string): void;
}

export async function evaluate(config: RunConfig, hooks: Hooks): Promise<ModelRun[]> {
  const runs: ModelRun[] = [];
  for (const { folder, name, outputDir } of await planModelRows(config)) {
    runs.push({ name, outputDir, results: await evaluateModel(config, folder, name, outputDir, hooks) });
  }
  return runs;
}

async function evaluateModel(config: RunConfig, folder: ModelFolder, name: string, outputDir: string, hooks: Hooks): Promise<TaskResult[]> {
  const modelConfig = await readModelConfig(folder.configPath);
  const tokenizer = await readTokenizerFile(folder.tokenizerPath, modelConfig.padTokenId ?? undefined);
  const threads = config.threads > 0 ? config.threads : availableParallelism();
  const session = await openSession(folder.onnxPath, { threads, executionProvider: config.executionProvider });
  try {
    // After onnxruntime has accepted the graph, so that a broken one gets onnxruntime's own error.
    const graph = await inspectModel(folder.onnxPath, folder.onnxFile, config.cacheDir);
    const unfed = session.inputNames.filter((n) => !["input_ids", "attention_mask", "token_type_ids"].includes(n));
    if (unfed.length > 0) throw new GlueEvalError("INPUT_MISMATCH", `${folder.onnxPath}: the graph takes inputs glue-eval does not feed: ${unfed.join(", ")}`);
    const loaded: LoadedModel = {
      folder,
      name,
      config: modelConfig,
      tokenizer,
      session,
      sha256: graph.sha256,
      files: graph.files,
      precision: graph.precision,
      runtime: { glueEval: GLUE_EVAL_VERSION, onnxruntime: await onnxruntimeVersion(), node: process.version, threads, executionProvider: config.executionProvider },
    };
    const results: TaskResult[] = [];
    for (const taskName of config.tasks) {
      const { result, run, cacheSaved } = await evaluateTask(config, loaded, taskName, hooks);
      await writeTaskOutputs(outputDir, result, run.predictions, run.extraFiles);
      await cacheSaved;
      hooks.info(`${name} ${taskName}: wrote ${join(outputDir, `${taskName}.json`)}`);
      results.push(result);
    }
    return results;
  } finally {
    await session.release();
  }
}
