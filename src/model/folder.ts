/**
 * Model folders as users have them: optimum (`model.onnx` beside `config.json`) or
 * transformers.js (`onnx/model.onnx`, `onnx/model_fp16.onnx`, …; see variants.ts).
 */
import { existsSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { ModelError } from "../errors.js";
import type { Dtype } from "../precision.js";
import { describeVariants, graphCandidates, listVariants } from "./variants.js";

/** Where a hub model came from (hub/resolve.ts): recorded in the results. */
export interface HubSource {
  repo: string;
  revision: string;
  commit: string;
}

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

export function resolveModelFolder(path: string, dtype: Dtype): ModelFolder {
  const dir = resolve(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ModelError(path, "model folder not found");
  }
  const found = graphCandidates(dtype).find((c) => existsSync(join(dir, c.file)));
  if (found === undefined) {
    const tried = graphCandidates(dtype)
      .map((c) => c.file)
      .join(" or ");
    const variants = listVariants(dir);
    const hint = variants.length === 1 ? ` (use --dtype ${variants[0]?.dtype})` : variants.length > 1 ? " (pick one with --dtype, or --dtype all)" : "";
    throw new ModelError(path, `no ${dtype} graph (looked for ${tried}); the folder has ${describeVariants(variants)}${hint}`);
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
