/**
 * @huggingface/transformers on the same model folder, fully offline. Its pipeline types are
 * wide generics; the narrow casts to what the bench calls live here and nowhere else.
 */
import { basename, dirname, resolve } from "node:path";
import type { ModelFolder } from "../src/model/folder.js";

export interface TextClassifier {
  /** One predicted label name per text, in order. */
  classify(texts: readonly string[]): Promise<string[]>;
  dispose(): Promise<void>;
}

type Classify = (texts: string[]) => Promise<Array<{ label: string; score: number }>>;
interface PipelineLike {
  dispose(): Promise<void>;
}

/** Why the text-classification pipeline cannot run a task, or null when it can. */
export function transformersJsGap(kind: "classification" | "regression" | "qa", hasPair: boolean): string | null {
  if (kind === "qa")
    return "the question-answering pipeline has no document windows (doc_stride): contexts longer than the model are cut, so it does not evaluate SQuAD";
  if (hasPair) return "the text-classification pipeline takes single texts only (no text_pair), so it cannot encode sentence pairs";
  if (kind === "regression") return "the text-classification pipeline applies softmax to the outputs, so it cannot give a regression score";
  return null;
}

export async function loadTextClassifier(folder: ModelFolder): Promise<TextClassifier> {
  const tjs = await import("@huggingface/transformers");
  tjs.env.allowRemoteModels = false;
  tjs.env.allowLocalModels = true;
  tjs.env.useFSCache = false;
  const dir = resolve(folder.path);
  tjs.env.localModelPath = `${dirname(dir)}/`;
  const id = basename(dir);
  // transformers.js looks for <folder>/<subfolder>/model.onnx: "onnx" is its own layout, "" the optimum one.
  const subfolder = folder.layout === "transformers.js" ? "onnx" : "";
  const pipe = await tjs.pipeline("text-classification", id, { dtype: "fp32", device: "cpu", subfolder, local_files_only: true });
  const classify = pipe as unknown as Classify;
  return {
    async classify(texts) {
      const out = await classify([...texts]);
      return out.map((o) => o.label);
    },
    dispose: () => (pipe as unknown as PipelineLike).dispose(),
  };
}
