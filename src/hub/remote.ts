/**
 * Everything glue-eval asks a HuggingFace hub goes through @huggingface/hub (loaded only when
 * a hub id is used): the model-info API to resolve a revision to a commit and list the
 * repository's files (one request), the paths-info API for the size and hash of the files to
 * fetch (one request), and `downloadFile` for their bytes. The token goes to the endpoint only:
 * fetch drops the Authorization header when the hub redirects to its CDN.
 */
import type { HubApiError } from "@huggingface/hub";
import { describeCause, networkError } from "../download/errors.js";
import { GlueEvalError, oneLine } from "../errors.js";
import { RequestTimeout, timedFetch } from "../download/timed-fetch.js";
import { downloadTimeouts, metadataTimeouts, type Timeouts } from "../download/timeouts.js";

export interface HubTarget {
  endpoint: string;
  repo: string;
  token: string | null;
}

export interface RemoteFile {
  path: string;
  size: number;
  /** The blob's name in the cache: the LFS sha256, else the xet hash, else the git blob sha1 (as the library and Python name it). */
  etag: string;
  /** LFS files: the sha256 of the bytes. */
  sha256: string | null;
  /** Files kept in git itself: the git blob id of the bytes. */
  gitSha1: string | null;
  /** Files stored with xet: the xet hash (a merkle hash of the content-defined chunks). */
  xetHash: string | null;
}

const library = () => import("@huggingface/hub");

/** Endpoint, token, and a fetch with the metadata or the download timeouts (timeouts.ts). */
function credentials(hub: HubTarget, timeouts: Timeouts = metadataTimeouts()) {
  return { hubUrl: hub.endpoint, fetch: timedFetch(timeouts), ...(hub.token === null ? {} : { accessToken: hub.token }) };
}

/** The commit a branch, tag or commit names, and the repository's file list there. */
export async function resolveRevision(hub: HubTarget, revision: string): Promise<{ commit: string; files: string[] }> {
  const { modelInfo } = await library();
  try {
    const info = await modelInfo({ name: hub.repo, revision, additionalFields: ["sha", "filePaths"], ...credentials(hub) });
    return { commit: String(info.sha ?? ""), files: info.filePaths ?? [] };
  } catch (error) {
    throw await hubFailure(hub, error, `revision "${revision}"`);
  }
}

/** Size and hashes of `paths` at `commit`; a path the repository lacks is left out. */
export async function describeFiles(hub: HubTarget, commit: string, paths: readonly string[]): Promise<Map<string, RemoteFile>> {
  const { pathsInfo } = await library();
  try {
    const entries = await pathsInfo({ repo: { type: "model", name: hub.repo }, paths: [...paths], revision: commit, ...credentials(hub) });
    const out = new Map<string, RemoteFile>();
    for (const e of entries) {
      const etag = e.lfs?.oid ?? e.xetHash ?? e.oid ?? "";
      const gitSha1 = e.lfs === undefined && e.xetHash === undefined ? (e.oid ?? null) : null;
      out.set(e.path, { path: e.path, size: e.size, etag, sha256: e.lfs?.oid ?? null, gitSha1, xetHash: e.xetHash ?? null });
    }
    return out;
  } catch (error) {
    throw await hubFailure(hub, error, `the file list at ${commit}`);
  }
}

/**
 * The file's bytes as a Blob whose `slice(n).stream()` fetches from byte n (a Range request),
 * over plain HTTPS: the hub redirects to its CDN, as it does for huggingface_hub without hf_xet.
 */
export async function openRemoteFile(hub: HubTarget, commit: string, path: string): Promise<Blob> {
  const { downloadFile } = await library();
  try {
    const blob = await downloadFile({ repo: { type: "model", name: hub.repo }, path, revision: commit, xet: false, ...credentials(hub, downloadTimeouts()) });
    if (blob === null) throw new GlueEvalError("NETWORK", `${hub.repo}: ${hub.endpoint} no longer has ${path} at ${commit}`);
    return blob;
  } catch (error) {
    throw await hubFailure(hub, error, path);
  }
}

/** True for a failure to reach the endpoint at all, or to get an answer in time (as opposed to an answer that says no). */
export function isUnreachable(error: unknown): boolean {
  return error instanceof GlueEvalError && error.code === "NETWORK" && (error.cause instanceof TypeError || error.cause instanceof RequestTimeout);
}

/** One line that names the repository, the endpoint and what went wrong. */
export async function hubFailure(hub: HubTarget, error: unknown, what: string): Promise<GlueEvalError> {
  if (error instanceof GlueEvalError) return error;
  const { HubApiError } = await library();
  if (error instanceof HubApiError) return answeredNo(hub, error, what);
  if (error instanceof TypeError && /access token/i.test(error.message)) {
    return new GlueEvalError("MODEL", `${hub.repo}: the hub token (HF_TOKEN or the token file under HF_HOME) must start with "hf_"`);
  }
  if (error instanceof TypeError || error instanceof RequestTimeout) {
    return networkError(
      `${hub.repo}: cannot reach ${hub.endpoint} (${describeCause(error)}); with the model in the cache, HF_HUB_OFFLINE=1 runs without the network`,
      error,
    );
  }
  return networkError(oneLine(`${hub.repo}: unexpected answer from ${hub.endpoint} for ${what}: ${describeCause(error)}`), error);
}

function answeredNo(hub: HubTarget, error: HubApiError, what: string): GlueEvalError {
  const said = oneLine(error.message.replace(/\. URL: .*$/, ""));
  const status = error.statusCode;
  const hint =
    status === 401 || status === 403 || status === 404
      ? hub.token === null
        ? "; if the repository is private or gated, set HF_TOKEN"
        : "; check that HF_TOKEN may read it"
      : "";
  const code = status === 401 || status === 403 || status === 404 ? "MODEL" : "NETWORK";
  return new GlueEvalError(code, `${hub.repo}: ${hub.endpoint} answered HTTP ${status} for ${what} (${said})${hint}`);
}
