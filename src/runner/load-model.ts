/** Loads a model once for all its tasks: config.json, tokenizer.json, the graph's session and its sha256. */
import { availableParallelism } from "node:os";
import { GlueEvalError } from "../errors.js";
import { type ModelConfig, readModelConfig } from "../model/config.js";
import type { ModelFolder } from "../model/folder.js";
import { type ModelSession, onnxruntimeVersion, openSession } from "../model/session.js";
import { readTokenizerFile, type TokenizerFile } from "../model/tokenizer.js";
import type { TaskResult } from "../results.js";
import { sha256File } from "../util/hash.js";
import { GLUE_EVAL_VERSION } from "../version.js";
import type { RunConfig } from "./config.js";
import { FED_INPUTS } from "./tensors.js";

export interface LoadedModel {
  folder: ModelFolder;
  name: string;
  config: ModelConfig;
  tokenizer: TokenizerFile;
  session: ModelSession;
  sha256: string;
  runtime: TaskResult["runtime"];
}

/** The caller releases the session; a model that fails to load releases its own. */
export async function loadModel(config: RunConfig, folder: ModelFolder, name: string): Promise<LoadedModel> {
  const modelConfig = await readModelConfig(folder.configPath);
  const tokenizer = await readTokenizerFile(folder.tokenizerPath, modelConfig.padTokenId ?? undefined);
  const threads = config.threads > 0 ? config.threads : availableParallelism();
  const session = await openSession(folder.onnxPath, { threads, executionProvider: config.executionProvider });
  try {
    const unfed = session.inputNames.filter((n) => !(FED_INPUTS as readonly string[]).includes(n));
    if (unfed.length > 0) throw new GlueEvalError("INPUT_MISMATCH", `${folder.onnxPath}: the graph takes inputs glue-eval does not feed: ${unfed.join(", ")}`);
    return {
      folder,
      name,
      config: modelConfig,
      tokenizer,
      session,
      sha256: await sha256File(folder.onnxPath),
      runtime: { glueEval: GLUE_EVAL_VERSION, onnxruntime: await onnxruntimeVersion(), node: process.version, threads, executionProvider: config.executionProvider },
    };
  } catch (error) {
    await session.release();
    throw error;
  }
}
