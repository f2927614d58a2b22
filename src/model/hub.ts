/**
 * Models by hub id. `resolveModel("org/name", { dtype })` fetches what an ONNX model folder
 * needs from a HuggingFace-hub-compatible endpoint and returns the local folder; an existing
 * folder is returned unchanged.
 *
 * Files: config.json, tokenizer.json, tokenizer_config.json (when the repo has one), and
 * the graph for the dtype, looked for in the optimum layout first and then the
 * transformers.js layout, the order a local folder is read in (model/variants.ts):
 * `model.onnx`, `onnx/model.onnx` (fp32), `model_fp16.onnx`, `onnx/model_fp16.onnx` (fp16), …,
 * plus every external-data file the graph's initializers name (`<graph>_data` usually).
 * Nothing else is fetched and nothing fetched is ever run: no custom code, no scripts.
 *
 * Cache, after the HF_HOME convention but simplified: files are stored directly (no blobs/
 * or refs/, no symlinks) in `$HF_HOME/hub/models--<org>--<name>/snapshots/<revision>/`,
 * keeping the repo's relative paths; HF_HUB_CACHE replaces `$HF_HOME/hub`, and HF_HOME
 * defaults to `$XDG_CACHE_HOME/huggingface` or `~/.cache/huggingface`. The snapshot folder is
 * named after the revision as given (`main` by default), and a snapshot that has
 * config.json, tokenizer.json and the graph is used without asking the endpoint, so delete
 * the folder to pick up a newer `main`. The graph is written last, so its presence means the
 * snapshot is complete.
 */
import { stat } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { downloadHubFile, type HubFileInfo, type HubRepo, headHubFile, hubStatusError } from "../download/hub-client.js";
import { ttyProgress } from "../download/progress.js";
import { ModelError } from "../errors.js";
import { graphFiles } from "./inspect.js";
import { type Dtype, graphCandidates } from "./variants.js";

export type ModelDtype = Dtype;

export interface ResolveModelOptions {
  dtype: ModelDtype;
  /** Hub endpoint; default HF_ENDPOINT, then https://huggingface.co. */
  endpoint?: string;
  /** Hub cache root (the folder holding models--org--name); default HF_HUB_CACHE or $HF_HOME/hub. */
  cacheDir?: string;
  /** Branch, tag or commit; default main. */
  revision?: string;
}

export const DEFAULT_ENDPOINT = "https://huggingface.co";

const REPO_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
const REVISION = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

export function isRepoId(arg: string): boolean {
  return REPO_ID.test(arg) && !arg.includes("..") && !arg.includes("--");
}

/** The graph files to look for, in order: optimum layout, then transformers.js. */
export function onnxCandidates(dtype: ModelDtype): string[] {
  return graphCandidates(dtype).map((c) => c.file);
}

export function defaultHubCache(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HF_HUB_CACHE) return env.HF_HUB_CACHE;
  const hfHome = env.HF_HOME || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "huggingface");
  return join(hfHome, "hub");
}

export function snapshotDir(cacheDir: string, repo: string, revision: string): string {
  return join(cacheDir, `models--${repo.replace("/", "--")}`, "snapshots", encodeURIComponent(revision));
}

export async function resolveModel(arg: string, opts: ResolveModelOptions): Promise<string> {
  if (await isDirectory(arg)) return arg;
  if (!isRepoId(arg)) throw new ModelError(arg, "not a folder, and not a hub model id of the form org/name");
  const revision = opts.revision ?? "main";
  if (!REVISION.test(revision) || revision.split("/").includes("..")) throw new ModelError(arg, `invalid revision "${revision}"`);
  const snapshot = snapshotDir(opts.cacheDir ?? defaultHubCache(), arg, revision);
  if (await isCached(snapshot, opts.dtype)) return snapshot;
  const token = process.env.HF_TOKEN || process.env.HUGGING_FACE_HUB_TOKEN;
  const hub: HubRepo = {
    endpoint: (opts.endpoint ?? (process.env.HF_ENDPOINT || DEFAULT_ENDPOINT)).replace(/\/+$/, ""),
    repo: arg,
    revision,
    progress: ttyProgress(),
    ...(token ? { token } : {}),
  };
  await fetchSnapshot(hub, snapshot, opts.dtype);
  return snapshot;
}

async function isCached(snapshot: string, dtype: ModelDtype): Promise<boolean> {
  if (!(await isFile(join(snapshot, "config.json"))) || !(await isFile(join(snapshot, "tokenizer.json")))) return false;
  for (const graph of onnxCandidates(dtype)) if (await isFile(join(snapshot, graph))) return hasExternalData(snapshot, graph);
  return false;
}

async function fetchSnapshot(hub: HubRepo, snapshot: string, dtype: ModelDtype): Promise<void> {
  const config = await headHubFile(hub, "config.json");
  if (config.status !== 200) throw missingRepoError(hub, config);
  const tokenizer = await required(hub, "tokenizer.json", "glue-eval reads the fast-tokenizer file");
  const tokenizerConfig = await optional(hub, "tokenizer_config.json");
  const [graph, graphInfo] = await findGraph(hub, dtype);
  const external = await optional(hub, `${graph}_data`);
  await downloadHubFile(hub, "config.json", config, snapshot);
  await downloadHubFile(hub, "tokenizer.json", tokenizer, snapshot);
  if (tokenizerConfig) await downloadHubFile(hub, "tokenizer_config.json", tokenizerConfig, snapshot);
  if (external) await downloadHubFile(hub, `${graph}_data`, external, snapshot);
  await downloadHubFile(hub, graph, graphInfo, snapshot);
  await fetchExternalData(hub, snapshot, graph);
}

/** The external-data files the graph names that are not there yet (usually none besides `<graph>_data`). */
async function fetchExternalData(hub: HubRepo, snapshot: string, graph: string): Promise<void> {
  const [, ...data] = await graphFiles(join(snapshot, graph), graph);
  for (const path of data) {
    if (await isFile(join(snapshot, path))) continue;
    await downloadHubFile(hub, path, await required(hub, path, `the graph ${graph} keeps its weights there`), snapshot);
  }
}

async function hasExternalData(snapshot: string, graph: string): Promise<boolean> {
  for (const path of await graphFiles(join(snapshot, graph), graph)) if (!(await isFile(join(snapshot, path)))) return false;
  return true;
}

function missingRepoError(hub: HubRepo, info: HubFileInfo): Error {
  const where = `${hub.endpoint} (revision ${hub.revision})`;
  if (info.errorCode === "RevisionNotFound") return new ModelError(hub.repo, `revision "${hub.revision}" not found at ${hub.endpoint}`);
  if (info.errorCode === "EntryNotFound") return new ModelError(hub.repo, `the repository at ${where} has no config.json`);
  if (info.status === 404 || info.errorCode === "RepoNotFound") {
    const hint = hub.token === undefined ? "; if it is private or gated, set HF_TOKEN" : "";
    return new ModelError(hub.repo, `not a local folder, and no such model repository at ${where}${hint}`);
  }
  if (info.status === 401 || info.status === 403) {
    return new ModelError(hub.repo, `access denied by ${hub.endpoint} (HTTP ${info.status})${hub.token === undefined ? "; set HF_TOKEN" : ""}`);
  }
  return hubStatusError(hub, "config.json", info);
}

async function required(hub: HubRepo, path: string, why: string): Promise<HubFileInfo> {
  const info = await headHubFile(hub, path);
  if (info.status === 200) return info;
  if (info.status === 404) throw new ModelError(hub.repo, `the repository at ${hub.endpoint} has no ${path} (${why})`);
  throw hubStatusError(hub, path, info);
}

async function optional(hub: HubRepo, path: string): Promise<HubFileInfo | null> {
  const info = await headHubFile(hub, path);
  if (info.status === 200) return info;
  if (info.status === 404) return null;
  throw hubStatusError(hub, path, info);
}

async function findGraph(hub: HubRepo, dtype: ModelDtype): Promise<[string, HubFileInfo]> {
  const tried = onnxCandidates(dtype);
  for (const path of tried) {
    const info = await optional(hub, path);
    if (info) return [path, info];
  }
  throw new ModelError(hub.repo, `no ${dtype} ONNX graph at ${hub.endpoint} (revision ${hub.revision}); tried ${tried.join(", ")} (optimum, then transformers.js layout)`);
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() === true;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() === true;
}
