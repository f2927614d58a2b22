/** Loads a model once for all its tasks: config.json, tokenizer.json, the graph's session, its digest and its precision. */
import { availableParallelism } from "node:os";
import { GlueEvalError } from "../errors.js";
import { type ModelConfig, readModelConfig } from "../model/config.js";
import type { ModelFolder } from "../model/folder.js";
import { inspectModel } from "../model/inspect.js";
import { type ModelSession, onnxruntimeVersion, openSession } from "../model/session.js";
import { readTokenizerFile, type TokenizerFile } from "../model/tokenizer.js";
import type { Precision } from "../precision.js";
import type { ModelFile, TaskResult } from "../results/schema.js";
import { GLUE_EVAL_VERSION } from "../version.js";
import type { RunConfig } from "./config.js";
import { FED_INPUTS } from "./tensors.js";

export interface LoadedModel {
  folder: ModelFolder;
  name: string;
  config: ModelConfig;
  tokenizer: TokenizerFile;
  session: ModelSession;
  /** The model digest: the graph and its external-data files (model/digest.ts). */
  sha256: string;
  files: ModelFile[];
  precision: Precision;
  runtime: TaskResult["runtime"];
}

/** The caller releases the session; a model that fails to load releases its own. */
export async function loadModel(config: RunConfig, folder: ModelFolder, name: string): Promise<LoadedModel> {
  const modelConfig = await readModelConfig(folder.configPath);
  const tokenizer = await readTokenizerFile(folder.tokenizerPath, modelConfig.padTokenId ?? undefined);
  const threads = config.threads > 0 ? config.threads : availableParallelism();
  const device = config.deviceId === undefined ? {} : { deviceId: config.deviceId };
  const session = await openSession(folder.onnxPath, { threads, executionProvider: config.executionProvider, ...device });
  try {
    // After onnxruntime has accepted the graph, so that a broken one gets onnxruntime's own error.
    const graph = await inspectModel(folder.onnxPath, folder.onnxFile, config.cacheDir);
    const unfed = session.inputNames.filter((n) => !(FED_INPUTS as readonly string[]).includes(n));
    if (unfed.length > 0) throw new GlueEvalError("INPUT_MISMATCH", `${folder.onnxPath}: the graph takes inputs glue-eval does not feed: ${unfed.join(", ")}`);
    return {
      folder,
      name,
      config: modelConfig,
      tokenizer,
      session,
      sha256: graph.sha256,
      files: graph.files,
      precision: graph.precision,
      runtime: {
        glueEval: GLUE_EVAL_VERSION,
        onnxruntime: await onnxruntimeVersion(),
        node: process.version,
        threads,
        executionProvider: config.executionProvider,
        ...device,
      },
    };
  } catch (error) {
    await session.release();
    throw error;
  }
}
