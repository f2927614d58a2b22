/**
 * Which files of a hub repository glue-eval fetches: config.json, tokenizer.json,
 * tokenizer_config.json when the repository has one, the graph for the dtype (optimum layout
 * first, then transformers.js, the order a local folder is read in, model/folder.ts) and its
 * external weights. Nothing else, and nothing fetched is ever run.
 */
import { ModelError } from "../errors.js";
import { graphCandidates } from "../model/variants.js";
import type { Dtype } from "../precision.js";

/** The graph files to look for, in order: optimum layout, then transformers.js (as a local folder is read, model/variants.ts). */
export function onnxCandidates(dtype: Dtype): string[] {
  return graphCandidates(dtype).map((c) => c.file.split("\\").join("/"));
}

/**
 * The external-weight files of `graph` among the repository's files. For now the conventional
 * names (`<graph>_data`, `<graph>.data`, as optimum and transformers.js write them); the names
 * a graph's initializers point at plug in here, each checked with `isSafeRepoPath`.
 */
export function externalDataFiles(graph: string, repoFiles: ReadonlySet<string>): string[] {
  return [`${graph}_data`, `${graph}.data`].filter((name) => repoFiles.has(name) && isSafeRepoPath(name));
}

/** A repository path that stays inside the snapshot folder: no "..", no absolute or drive path. */
export function isSafeRepoPath(path: string): boolean {
  const parts = path.split("/");
  return parts.every((p) => p !== "" && p !== "." && p !== ".." && !p.includes("\\") && !/^[A-Za-z]:/.test(p));
}

export interface FilePlan {
  graph: string;
  /** In download order: the graph last, so that its presence means the rest is there. */
  files: string[];
}

/** The files to fetch from a repository whose file list is `listing`. `where` names the repo and revision in errors. */
export function planFiles(repo: string, listing: readonly string[], dtype: Dtype, where: string): FilePlan {
  const have = new Set(listing);
  if (!have.has("config.json")) throw new ModelError(repo, `the repository at ${where} has no config.json`);
  if (!have.has("tokenizer.json")) throw new ModelError(repo, `the repository at ${where} has no tokenizer.json (glue-eval reads the fast-tokenizer file)`);
  const tried = onnxCandidates(dtype);
  const graph = tried.find((path) => have.has(path));
  if (graph === undefined) {
    throw new ModelError(repo, `no ${dtype} ONNX graph at ${where}; tried ${tried.join(", ")} (optimum, then transformers.js layout)`);
  }
  const tokenizerConfig = have.has("tokenizer_config.json") ? ["tokenizer_config.json"] : [];
  return { graph, files: ["config.json", "tokenizer.json", ...tokenizerConfig, ...externalDataFiles(graph, have), graph] };
}
