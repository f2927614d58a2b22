/** Everything a case needs before the clock starts: model files, the fed features, a way to open sessions. */
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { readModelConfig } from "../src/model/config.js";
import { type ModelFolder, resolveModelFolder } from "../src/model/folder.js";
import { type ModelSession, openSession } from "../src/model/session.js";
import { readTokenizerFile } from "../src/model/tokenizer.js";
import { catalogue, type TaskName } from "../src/tasks/catalogue/index.js";
import type { Feature } from "../src/tasks/interface.js";
import { DOC_STRIDE, type HarnessCase } from "./harness.js";
import { modelLocation } from "./paths.js";
import { tokenizeSource } from "./tokenize.js";
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
  /** A new session on the model (each timed pass gets its own). */
  openSession(): Promise<ModelSession>;
  padId: number;
  maxSeqLength: number;
  /** Examples (GLUE rows, SQuAD questions). */
  n: number;
  /** What glue-eval feeds the model for them (SQuAD: windows). */
  features: Feature[];
  /** One timed tokenization pass, seconds. */
  tokenize(): Promise<number>;
  harness: HarnessCase;
  /** Single-sentence texts for transformers.js, in file order; null when it cannot run the task. */
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
  const task = catalogue[spec.task];
  const requested = spec.maxSeqLength ?? task.maxSeqLength;
  // As glue-eval: never longer than the model takes.
  const maxSeqLength = Math.min(requested, modelConfig.modelMaxLength ?? requested);
  const source = await tokenizeSource(spec.task, tokenizer, { dataDir, limit: spec.limit, maxSeqLength, docStride: DOC_STRIDE });
  const { value: features } = await source.run();
  const gap = transformersJsGap(task.kind, source.pairs);
  return {
    name: folder.name,
    folder,
    id2label: modelConfig.id2label,
    modelBytes: modelBytes(folder.onnxPath),
    openSession: () => openSession(folder.onnxPath, { threads: availableParallelism(), executionProvider: "cpu" }),
    padId: tokenizer.padId,
    maxSeqLength,
    n: source.n,
    features,
    tokenize: async () => (await source.run()).seconds,
    harness: {
      modelPath: location.path,
      task: spec.task,
      limit: spec.limit,
      batchSize: spec.batchSize,
      maxSeqLength: spec.maxSeqLength,
      dataDir,
      dtype: "fp32",
    },
    texts: gap === null ? source.texts : null,
    transformersJsGap: gap,
    warnings: source.note === null ? [] : [source.note],
  };
}
