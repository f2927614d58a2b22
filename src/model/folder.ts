/**
 * Model folders as users have them: optimum (`model.onnx` beside `config.json`) or
 * transformers.js (`onnx/model.onnx`, `onnx/model_quantized.onnx`).
 */
import { existsSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { ModelError } from "../errors.js";
import type { HubSource } from "./hub.js";

export type Dtype = "fp32" | "q8";

export interface ModelFolder {
  /** As given by the user. */
  path: string;
  name: string;
  layout: "optimum" | "transformers.js";
  dtype: Dtype;
  onnxPath: string;
  /** The .onnx path relative to the folder. */
  onnxFile: string;
  configPath: string;
  tokenizerPath: string;
  /** A hub model: the repository and the commit its cached snapshot holds. */
  hub?: HubSource;
}

const CANDIDATES: Record<Dtype, ReadonlyArray<{ file: string; layout: ModelFolder["layout"] }>> = {
  fp32: [
    { file: "model.onnx", layout: "optimum" },
    { file: join("onnx", "model.onnx"), layout: "transformers.js" },
  ],
  q8: [
    { file: "model_quantized.onnx", layout: "optimum" },
    { file: join("onnx", "model_quantized.onnx"), layout: "transformers.js" },
  ],
};

export function resolveModelFolder(path: string, dtype: Dtype): ModelFolder {
  const dir = resolve(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ModelError(path, "model folder not found");
  }
  const found = CANDIDATES[dtype].find((c) => existsSync(join(dir, c.file)));
  if (found === undefined) {
    const other: Dtype = dtype === "fp32" ? "q8" : "fp32";
    const alt = CANDIDATES[other].find((c) => existsSync(join(dir, c.file)));
    const tried = CANDIDATES[dtype].map((c) => c.file).join(" or ");
    const hint = alt ? `; the folder has ${alt.file} (use --dtype ${other})` : "";
    throw new ModelError(path, `no ${dtype} graph (looked for ${tried})${hint}`);
  }
  const tokenizerPath = join(dir, "tokenizer.json");
  if (!existsSync(tokenizerPath)) {
    throw new ModelError(path, "tokenizer.json is missing (save the fast tokenizer beside the model: tokenizer.save_pretrained(dir))");
  }
  const configPath = join(dir, "config.json");
  if (!existsSync(configPath)) throw new ModelError(path, "config.json is missing");
  return {
    path,
    name: basename(dir),
    layout: found.layout,
    dtype,
    onnxPath: join(dir, found.file),
    onnxFile: found.file,
    configPath,
    tokenizerPath,
  };
}
