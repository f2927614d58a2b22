/** evaluate(config): for each model, load it once, run each task, write its results atomically. */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { GlueEvalError } from "../errors.js";
import { readModelConfig } from "../model/config.js";
import { type ModelFolder, resolveModelFolder } from "../model/folder.js";
import { resolveModel } from "../model/hub.js";
import { onnxruntimeVersion, openSession } from "../model/session.js";
import { readTokenizerFile } from "../model/tokenizer.js";
import { sha256File } from "../util/hash.js";
import { GLUE_EVAL_VERSION } from "../version.js";
import { withUsableCache } from "./cache-root.js";
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

export async function evaluate(given: RunConfig, hooks: Hooks): Promise<ModelRun[]> {
  const config = await withUsableCache(given, hooks.warn);
  const runs: ModelRun[] = [];
  for (const [i, path] of config.models.entries()) {
    // A hub id (org/name) is downloaded into the HF cache first; a folder is used as it is.
    const local = await resolveModel(path, { dtype: config.dtype });
    const folder = { ...resolveModelFolder(local, config.dtype), path };
    const base = local === path ? folder.name : (path.split("/").pop() ?? folder.name);
    const name = config.names[i] ?? (config.dtype === "q8" ? `${base}-q8` : base);
    const outputDir = config.outputDir === null ? join("results", name) : config.models.length > 1 ? join(config.outputDir, name) : config.outputDir;
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
    const unfed = session.inputNames.filter((n) => !["input_ids", "attention_mask", "token_type_ids"].includes(n));
    if (unfed.length > 0) throw new GlueEvalError("INPUT_MISMATCH", `${folder.onnxPath}: the graph takes inputs glue-eval does not feed: ${unfed.join(", ")}`);
    const loaded: LoadedModel = {
      folder,
      name,
      config: modelConfig,
      tokenizer,
      session,
      sha256: await sha256File(folder.onnxPath),
      runtime: { glueEval: GLUE_EVAL_VERSION, onnxruntime: await onnxruntimeVersion(), node: process.version, threads, executionProvider: config.executionProvider },
    };
    const results: TaskResult[] = [];
    for (const taskName of config.tasks) {
      const { result, run, cacheSaved } = await evaluateTask(config, loaded, taskName, hooks);
      const written = await writeTaskOutputs(outputDir, result, run.predictions, run.extraFiles, { command: config.command, info: hooks.info });
      await cacheSaved;
      hooks.info(`${name} ${taskName}: wrote ${join(outputDir, `${taskName}.json`)}`);
      results.push(written);
    }
    return results;
  } finally {
    await session.release();
  }
}
