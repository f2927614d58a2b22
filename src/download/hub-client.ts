/**
 * The few HuggingFace-hub calls glue-eval makes: HEAD a file for its size and hash, and
 * download it. Works against any endpoint with the hub's URL layout
 * `<endpoint>/<org>/<name>/resolve/<revision>/<path>`.
 */
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { networkError } from "./errors.js";
import { fetchToPart } from "./fetch-file.js";
import { discard, headerNumber, request } from "./http.js";
import type { ProgressFactory } from "./progress.js";
import { SHA256_HEX, verifySha256, verifySize } from "./verify.js";

export interface HubRepo {
  endpoint: string;
  repo: string;
  revision: string;
  /** Sent as a bearer token to the endpoint's origin only. */
  token?: string;
  progress?: ProgressFactory;
}

export interface HubFileInfo {
  status: number;
  /** X-Error-Code (RepoNotFound, EntryNotFound, RevisionNotFound, GatedRepo...) when the hub sends one. */
  errorCode: string | null;
  size: number | null;
  /** The sha256 of an LFS file: the hub's (linked) ETag when it is 64 hex digits. */
  sha256: string | null;
}

export function hubFileUrl(hub: HubRepo, path: string): string {
  const encodedPath = path.split("/").map(encodeURIComponent).join("/");
  return `${hub.endpoint}/${hub.repo}/resolve/${encodeURIComponent(hub.revision)}/${encodedPath}`;
}

const auth = (hub: HubRepo) => (hub.token === undefined ? {} : { authorization: `Bearer ${hub.token}` });
const hasLinkedMetadata = (response: Response) => response.headers.has("x-linked-size") || response.headers.has("x-linked-etag");

/**
 * HEAD a file. For LFS files the hub answers with a redirect to its CDN that already carries
 * `X-Linked-Size` and `X-Linked-Etag`; we stop there instead of asking the CDN.
 */
export async function headHubFile(hub: HubRepo, path: string): Promise<HubFileInfo> {
  const { response } = await request(hubFileUrl(hub, path), { method: "HEAD", ...auth(hub), stopAtRedirect: hasLinkedMetadata });
  await discard(response);
  const ok = response.ok || hasLinkedMetadata(response);
  return {
    status: ok ? 200 : response.status,
    errorCode: response.headers.get("x-error-code"),
    size: headerNumber(response, "x-linked-size") ?? (response.ok ? headerNumber(response, "content-length") : null),
    sha256: etagSha256(response.headers.get("x-linked-etag") ?? response.headers.get("etag")),
  };
}

export function etagSha256(etag: string | null): string | null {
  const value = etag
    ?.trim()
    .replace(/^W\//, "")
    .replace(/^"(.*)"$/, "$1")
    .toLowerCase();
  return value !== undefined && SHA256_HEX.test(value) ? value : null;
}

/**
 * Downloads `path` into `dir`/`path` through `<file>.part` (resumed with Range after a
 * dropped connection or an earlier run), checks the size and, when known, the sha256, and
 * renames it into place. A file that fails the check is deleted.
 */
export async function downloadHubFile(hub: HubRepo, path: string, info: HubFileInfo, dir: string): Promise<void> {
  const target = join(dir, ...path.split("/"));
  const part = `${target}.part`;
  await mkdir(dirname(target), { recursive: true });
  await fetchToPart(hubFileUrl(hub, path), part, {
    label: `${hub.repo}/${path}`,
    ...auth(hub),
    ...(info.size === null ? {} : { expectedSize: info.size }),
    ...(hub.progress === undefined ? {} : { progress: hub.progress }),
  });
  try {
    if (info.size !== null) await verifySize(part, info.size, `${hub.repo}/${path}`);
    if (info.sha256 !== null) await verifySha256(part, info.sha256, `${hub.repo}/${path}`);
    await rename(part, target);
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
}

export function hubStatusError(hub: HubRepo, path: string, info: HubFileInfo) {
  return networkError(`${hubFileUrl(hub, path)}: HTTP ${info.status}${info.errorCode === null ? "" : ` (${info.errorCode})`}`);
}
