/** Everything a case needs before the clock starts: model files, one session, the fed features. */
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { readModelConfig } from "../model/config.js";
import { type ModelFolder, resolveModelFolder } from "../model/folder.js";
import { type ModelSession, openSession } from "../model/session.js";
import { readTokenizerFile } from "../model/tokenizer.js";
import { DEFAULT_MAX_SEQ_LENGTH } from "../runner/config.js";
import { glueDefinitions } from "../tasks/glue/all.js";
import { encodeExamples } from "../tasks/glue/encode.js";
import { readGlueSplit } from "../tasks/glue/read.js";
import { type TaskName, tasks } from "../tasks/index.js";
import type { EvalContext, EvalOptions, Feature } from "../tasks/types.js";
import { captureFeatures } from "./capture.js";
import type { HarnessCase } from "./harness.js";
import { modelLocation } from "./paths.js";
import { timed } from "./stats.js";
import { transformersJsGap } from "./transformers-js.js";
import { ensureBenchModel, modelBytes } from "./weights.js";

export interface CaseSpec {
  model: string;
  task: TaskName;
  limit: number | null;
  batchSize: number;
  maxSeqLength: number | null;
}

export interface PreparedCase {
  name: string;
  folder: ModelFolder;
  id2label: string[] | null;
  modelBytes: number;
  session: ModelSession;
  padId: number;
  maxSeqLength: number;
  features: Feature[];
  /** One timed tokenization pass, seconds. */
  tokenize(): Promise<number>;
  harness: HarnessCase;
  /** Single-sentence texts for transformers.js, in file order; null with the reason when it cannot run the task. */
  texts: string[] | null;
  transformersJsGap: string | null;
  warnings: string[];
}

export async function prepareCase(spec: CaseSpec, dataDir: string, log: (m: string) => void): Promise<PreparedCase> {
  const location = modelLocation(spec.model);
  if (location.kind === "bench") ensureBenchModel(basename(location.path), location.path, log);
  const folder = resolveModelFolder(location.path, "fp32");
  const modelConfig = await readModelConfig(folder.configPath);
  const tokenizer = await readTokenizerFile(folder.tokenizerPath, modelConfig.padTokenId ?? undefined);
  const task = tasks[spec.task];
  const maxSeqLength = spec.maxSeqLength ?? (task.kind === "qa" ? DEFAULT_MAX_SEQ_LENGTH.qa : DEFAULT_MAX_SEQ_LENGTH.glue);
  const options: EvalOptions = {
    dataDir,
    split: "dev",
    limit: spec.limit,
    maxSeqLength,
    batchSize: spec.batchSize,
    labelMap: null,
    docStride: 128,
    nBestSize: 20,
    maxAnswerLength: 30,
    nullScoreDiffThreshold: 0,
    labelsFile: null,
  };
  const session = await openSession(folder.onnxPath, { threads: availableParallelism(), executionProvider: "cpu" });
  try {
    const warnings: string[] = [];
    const model = { ...modelConfig, inputNames: session.inputNames, outputNames: session.outputNames, path: folder.path };
    const ctx: Omit<EvalContext, "infer"> = { options, tokenizer, model, warn: (w) => warnings.push(w) };
    const captured = await captureFeatures(task, ctx);
    const def = glueDefinitions.find((d) => d.name === spec.task);
    let tokenize: () => Promise<number>;
    let texts: string[] | null = null;
    if (def === undefined) {
      // No separate encoder to call: time the task up to its inference request (read + windows).
      tokenize = async () => (await captureFeatures(task, ctx)).seconds;
      warnings.push(`${spec.task}: tokenization time includes reading the data file`);
    } else {
      const data = await readGlueSplit(def, def.dev, dataDir, null);
      const examples = spec.limit === null ? data.examples : data.examples.slice(0, spec.limit);
      tokenize = async () => (await timed(() => encodeExamples(tokenizer, examples, maxSeqLength))).seconds;
      texts = examples.map((e) => e.text);
    }
    const gap = transformersJsGap(task.kind, def?.dev.pair !== undefined);
    return {
      name: folder.name,
      folder,
      id2label: modelConfig.id2label,
      modelBytes: modelBytes(folder.onnxPath),
      session,
      padId: tokenizer.padId,
      maxSeqLength,
      features: captured.features,
      tokenize,
      harness: { modelPath: location.path, task: spec.task, limit: spec.limit, batchSize: spec.batchSize, maxSeqLength: spec.maxSeqLength, dataDir },
      texts: gap === null ? texts : null,
      transformersJsGap: gap,
      warnings,
    };
  } catch (error) {
    await session.release();
    throw error;
  }
}
