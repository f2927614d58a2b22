/**
 * Models by hub id. `resolveModel("org/name", { dtype })` returns a local folder holding what
 * an ONNX model folder needs (file-plan.ts), from the hub cache that Python's
 * huggingface_hub shares (cache-layout.ts, env.ts), fetching what the cache lacks through
 * @huggingface/hub (remote.ts, blob.ts); an existing folder is returned unchanged.
 *
 * Online, the revision (branch, tag or commit; default main) is resolved to a commit with one
 * metadata request, and a snapshot of that commit that has every file needs nothing more.
 * With HF_HUB_OFFLINE=1 no request is made: `refs/<revision>` names the snapshot.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { ttyProgress } from "../util/progress.js";
import { GlueEvalError, ioReason, ModelError } from "../errors.js";
import type { HubSource } from "../model/folder.js";
import { graphFiles } from "../model/inspect.js";
import type { Dtype } from "../precision.js";
import { fetchBlob } from "./blob.js";
import { blobFile, COMMIT, BLOB_NAME, isFile, linkBlob, missingFiles, readRef, repoFolder, snapshotFolder, writeRef } from "./cache-layout.js";
import { hubSettings, type HubSettings } from "./env.js";
import { isSafeRepoPath, onnxCandidates, planFiles } from "./file-plan.js";
import { describeFiles, type HubTarget, isUnreachable, resolveRevision } from "./remote.js";

export interface ResolveModelOptions {
  dtype: Dtype;
  /** Branch, tag or commit; default main. */
  revision?: string;
  /** Overrides of what the environment says (HF_ENDPOINT, HF_TOKEN, HF_HUB_CACHE, HF_HUB_OFFLINE). */
  settings?: Partial<HubSettings>;
  /** Told when the endpoint cannot be reached and the cached snapshot is used instead. */
  warn?: (message: string) => void;
}

export interface ResolvedModel {
  dir: string;
  /** null for a local folder. */
  hub: HubSource | null;
}

const REPO_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
const REVISION = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

export function isRepoId(arg: string): boolean {
  return REPO_ID.test(arg) && !arg.includes("..") && !arg.includes("--");
}

export async function resolveModel(arg: string, opts: ResolveModelOptions): Promise<ResolvedModel> {
  if ((await stat(arg).catch(() => null))?.isDirectory() === true) return { dir: arg, hub: null };
  if (!isRepoId(arg)) throw new ModelError(arg, "not a folder, and not a hub model id of the form org/name");
  const revision = opts.revision ?? "main";
  if (!REVISION.test(revision) || !isSafeRepoPath(revision)) throw new ModelError(arg, `invalid revision "${revision}"`);
  const settings = { ...(await hubSettings()), ...opts.settings };
  const repoDir = repoFolder(settings.cacheDir, arg);
  if (settings.offline) return fromCache(arg, revision, repoDir, opts.dtype, "HF_HUB_OFFLINE is set");
  if (COMMIT.test(revision) && (await cachedGraph(snapshotFolder(repoDir, revision), opts.dtype)) !== null) {
    return { dir: snapshotFolder(repoDir, revision), hub: { repo: arg, revision, commit: revision } };
  }
  const hub: HubTarget = { endpoint: settings.endpoint, repo: arg, token: settings.token };
  let resolved: Awaited<ReturnType<typeof resolveRevision>>;
  try {
    resolved = await resolveRevision(hub, revision);
  } catch (error) {
    return await cachedWhenUnreachable(error, arg, revision, repoDir, opts);
  }
  if (!COMMIT.test(resolved.commit)) throw new GlueEvalError("NETWORK", `${arg}: ${settings.endpoint} gave no valid commit for revision "${revision}"`);
  const snapshot = snapshotFolder(repoDir, resolved.commit);
  const plan = planFiles(arg, resolved.files, opts.dtype, `${settings.endpoint} (revision ${revision})`);
  await writingCache(repoDir, async () => {
    await fetchMissing(hub, resolved.commit, repoDir, plan.files);
    await fetchNamedData(hub, resolved.commit, repoDir, plan.graph, resolved.files);
    if (revision !== resolved.commit) await writeRef(repoDir, revision, resolved.commit);
  });
  return { dir: snapshot, hub: { repo: arg, revision, commit: resolved.commit } };
}

/** As huggingface_hub does: when the endpoint cannot be reached at all, a cached snapshot of the revision is used, with a warning. */
async function cachedWhenUnreachable(error: unknown, repo: string, revision: string, repoDir: string, opts: ResolveModelOptions): Promise<ResolvedModel> {
  if (!isUnreachable(error)) throw error;
  const cached = await fromCache(repo, revision, repoDir, opts.dtype, "").catch(() => null);
  if (cached?.hub == null) throw error;
  opts.warn?.(`${repo}: the hub cannot be reached; using the cached commit ${cached.hub.commit} of revision "${revision}"`);
  return cached;
}

/** A cache folder that cannot be written (permissions, a full disk) is one line, not a stack trace. */
async function writingCache(repoDir: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const { code, syscall } = error as NodeJS.ErrnoException;
    if (error instanceof GlueEvalError || typeof code !== "string" || syscall === undefined) throw error;
    throw new GlueEvalError("IO", `${repoDir}: cannot write the hub cache (${ioReason(error)}); point HF_HUB_CACHE or HF_HOME at a writable folder`, {
      cause: error,
    });
  }
}

/** Downloads (or links, when the blob is already there) the files the snapshot lacks, in plan order. */
async function fetchMissing(hub: HubTarget, commit: string, repoDir: string, files: readonly string[]): Promise<void> {
  const snapshot = snapshotFolder(repoDir, commit);
  const missing = await missingFiles(snapshot, files);
  if (missing.length === 0) return;
  const remote = await describeFiles(hub, commit, missing);
  const progress = ttyProgress();
  for (const path of missing) {
    const file = remote.get(path);
    if (file === undefined) throw new GlueEvalError("NETWORK", `${hub.repo}: ${hub.endpoint} lists ${path} but gives no size or hash for it`);
    if (!BLOB_NAME.test(file.etag)) throw new GlueEvalError("NETWORK", `${hub.repo}: ${hub.endpoint} gave an invalid hash "${file.etag}" for ${path}`);
    const blob = blobFile(repoDir, file.etag);
    if (!(await isFile(blob))) await fetchBlob(hub, commit, file, blob, progress);
    await linkBlob(blob, snapshot, path);
  }
}

/**
 * The external-data files the graph's initializers name (model/inspect.ts), beyond the
 * conventional `<graph>_data` the plan already fetched; each must be a file of the repository.
 */
async function fetchNamedData(hub: HubTarget, commit: string, repoDir: string, graph: string, listing: readonly string[]): Promise<void> {
  const [, ...data] = await graphFiles(join(snapshotFolder(repoDir, commit), ...graph.split("/")), graph);
  const absent = data.find((path) => !isSafeRepoPath(path) || !listing.includes(path));
  if (absent !== undefined) throw new ModelError(hub.repo, `the graph ${graph} keeps its weights in ${absent}, which the repository does not have`);
  await fetchMissing(hub, commit, repoDir, data);
}

/** The snapshot `refs/<revision>` (or the commit given) names, when it has config, tokenizer and graph. */
async function fromCache(repo: string, revision: string, repoDir: string, dtype: Dtype, why: string): Promise<ResolvedModel> {
  const commit = COMMIT.test(revision) ? revision : await readRef(repoDir, revision);
  if (commit === null)
    throw new ModelError(repo, `${why}, and the hub cache has no revision "${revision}" of it (${repoDir}); unset HF_HUB_OFFLINE to fetch it`);
  const snapshot = snapshotFolder(repoDir, commit);
  const missing = await missingFiles(snapshot, ["config.json", "tokenizer.json"]);
  if ((await cachedGraph(snapshot, dtype)) === null) missing.push(onnxCandidates(dtype).join(" or "));
  if (missing.length > 0)
    throw new ModelError(repo, `${why}, and the cached snapshot ${snapshot} lacks ${missing.join(", ")}; unset HF_HUB_OFFLINE to fetch it`);
  return { dir: snapshot, hub: { repo, revision, commit } };
}

/** The graph a folder read would pick, when the snapshot also has config.json and tokenizer.json. */
async function cachedGraph(snapshot: string, dtype: Dtype): Promise<string | null> {
  if ((await missingFiles(snapshot, ["config.json", "tokenizer.json"])).length > 0) return null;
  for (const graph of onnxCandidates(dtype)) {
    const path = join(snapshot, ...graph.split("/"));
    if (!(await isFile(path))) continue;
    // A graph whose external data is not all there yet is not a complete snapshot.
    const [, ...data] = await graphFiles(path, graph);
    return (await missingFiles(snapshot, data)).length === 0 ? graph : null;
  }
  return null;
}
