/**
 * A HuggingFace-hub-compatible endpoint and its CDN on 127.0.0.1, answering the requests
 * @huggingface/hub sends (read from its source): the model-info API
 * (`GET /api/models/<id>/revision/<rev>?expand=...`), the paths-info API
 * (`POST /api/models/<id>/paths-info/<rev>`), and `resolve/<rev>/<path>`, which serves
 * small git files itself and redirects LFS files (`*.onnx`, `*.onnx_data`, `*.onnx.data`) to
 * the CDN with `X-Linked-Size` / `X-Linked-Etag`, as huggingface.co does.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { notFound, type RecordedRequest, sendBytes, startServer, type TestServer } from "../download/server.js";
import { answerWrite, type MockPullRequest } from "./mock-hub-commit.js";

export type Files = Map<string, Uint8Array>;

export interface MockRepo {
  /** Branch and tag names -> commit. */
  refs: Record<string, string>;
  commits: Map<string, Files>;
  /** Answered only with `Authorization: Bearer <token>`. */
  private?: boolean;
  /** Opened through the commit API with `create_pr=1` (mock-hub-commit.ts). */
  pullRequests?: MockPullRequest[];
}

export interface MockHub {
  hub: TestServer;
  cdn: TestServer;
  repos: Map<string, MockRepo>;
  /** CDN paths whose next GET that asks for more than this many bytes is cut after this many. */
  dropNext: Map<string, number>;
  /** CDN paths served with other bytes of the same length. */
  tamper: Set<string>;
  /** CDN paths served with one byte more. */
  grow: Set<string>;
  /** CDN paths whose next GET that asks for more than this many bytes goes silent after them, the connection left open. */
  stallNext: Map<string, number>;
  /** CDN paths sent a byte at a time, one every 100 ms. */
  drip: Set<string>;
  /** When set, the hub takes each request and never answers. */
  hang: { on: boolean };
  /** Repository paths that paths-info lists with a xet hash alone (no LFS sha256, no git blob id of the content). */
  xetOnly: Set<string>;
  /** CDN paths whose full GET is answered with a body that never ends (chunked, no length). */
  endless: Set<string>;
  /** Every request to either server since the last `clear()`, in order of arrival, one line each. */
  log(): string[];
  clear(): void;
  close(): Promise<void>;
}

export const sha256Hex = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex");
/** git's blob id: what the hub gives as the oid (and ETag) of a file not stored with LFS. */
export const gitBlobSha1 = (data: Uint8Array): string => createHash("sha1").update(`blob ${data.length}\0`).update(data).digest("hex");
export const isLfs = (path: string): boolean => /\.onnx($|_data$|\.data$)/.test(path);

/** A made-up but stable commit id for a set of files. */
export function commitOf(files: Files): string {
  const hash = createHash("sha1");
  for (const [path, data] of [...files].sort(([a], [b]) => a.localeCompare(b))) hash.update(`${path}\0${sha256Hex(data)}\n`);
  return hash.digest("hex");
}

/** One repository whose `main` (and any other `refs`) point at a single commit of `files`. */
export function singleCommitRepo(files: Files, refs: string[] = ["main"], isPrivate = false): MockRepo {
  const commit = commitOf(files);
  return { refs: Object.fromEntries(refs.map((r) => [r, commit])), commits: new Map([[commit, files]]), private: isPrivate };
}

export async function startMockHub(repos: Map<string, MockRepo>, token = "hf_secret"): Promise<MockHub> {
  const dropNext = new Map<string, number>();
  const tamper = new Set<string>();
  const grow = new Set<string>();
  const stallNext = new Map<string, number>();
  const drip = new Set<string>();
  const hang = { on: false };
  const xetOnly = new Set<string>();
  const endless = new Set<string>();
  const blobs = new Map<string, Uint8Array>();
  for (const repo of repos.values()) for (const files of repo.commits.values()) for (const data of files.values()) blobs.set(sha256Hex(data), data);
  const cdn = await startServer((req, res, path) => {
    const data = blobs.get(path.replace(/^\/blobs\//, ""));
    if (data === undefined) return notFound(res);
    if (endless.has(path) && req.method === "GET" && req.headers.range === undefined) return sendEndless(res, data);
    const cut = dropNext.get(path);
    const drop = req.method === "GET" && cut !== undefined && requestedLength(req.headers.range, data.length) > cut ? cut : undefined;
    if (drop !== undefined) dropNext.delete(path);
    const served = tamper.has(path) ? Buffer.from(data).reverse() : grow.has(path) ? Buffer.concat([data, Buffer.from([0])]) : data;
    // Like S3 or CloudFront, the CDN sends an ETag of its own (an md5), not the hub's.
    const headers = { etag: `"${createHash("md5").update(served).digest("hex")}"` };
    const stallAt = stallNext.get(path);
    const stall = req.method === "GET" && stallAt !== undefined && requestedLength(req.headers.range, data.length) > stallAt ? stallAt : undefined;
    if (stall !== undefined) stallNext.delete(path);
    const slow = stall !== undefined ? { stallAfter: stall } : drip.has(path) && req.method === "GET" ? { dripMs: 100 } : {};
    sendBytes(req, res, served, drop === undefined ? { headers, ...slow } : { headers, dropAfter: drop });
  });
  const hub = await startServer((req, res) => (hang.on ? undefined : answerHub(req, res, { repos, token, cdnUrl: () => cdn.url, xetOnly })));
  return {
    hub,
    cdn,
    repos,
    dropNext,
    tamper,
    grow,
    stallNext,
    drip,
    hang,
    xetOnly,
    endless,
    log: () =>
      [...hub.requests.map((r) => ({ r, origin: "hub" })), ...cdn.requests.map((r) => ({ r, origin: "cdn" }))]
        .sort((x, y) => x.r.at - y.r.at)
        .map(({ r, origin }) => formatRequest(origin, r)),
    clear: () => {
      hub.requests.length = 0;
      cdn.requests.length = 0;
    },
    close: async () => {
      await hub.close();
      await cdn.close();
    },
  };
}

function requestedLength(range: string | undefined, size: number): number {
  const match = /^bytes=(\d+)-(\d*)$/.exec(range ?? "");
  if (!match) return size;
  return Math.min(match[2] ? Number(match[2]) + 1 : size, size) - Number(match[1]);
}

/** `hub GET /api/models/... range=bytes=0-0 authorization=Bearer hf_…` */
export function formatRequest(origin: string, r: RecordedRequest): string {
  const notes = [
    r.range === undefined ? "" : ` range=${r.range}`,
    r.authorization === undefined ? "" : ` authorization=${r.authorization.replace(/(hf_.{2}).*/, "$1…")}`,
    r.headers.accept?.includes("xet") ? ` accept=${r.headers.accept}` : "",
    r.headers["content-type"] === undefined ? "" : ` content-type=${r.headers["content-type"]}`,
  ];
  return `${origin} ${r.method} ${r.path}${r.query}${notes.join("")}`;
}

interface HubState {
  repos: Map<string, MockRepo>;
  token: string;
  cdnUrl: () => string;
  xetOnly: ReadonlySet<string>;
}

/** The file, then zeros for as long as the client reads. */
function sendEndless(res: ServerResponse, data: Uint8Array): void {
  res.writeHead(200, { "content-type": "application/octet-stream" });
  const zeros = Buffer.alloc(64 * 1024);
  const more = (): void => {
    while (!res.destroyed && res.write(zeros));
    if (!res.destroyed) res.once("drain", more);
  };
  res.write(data);
  more();
}

function answerHub(req: IncomingMessage, res: ServerResponse, state: HubState): void | Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const parts = url.pathname.split("/").slice(1).map(decodeURIComponent);
  const api = parts[0] === "api" && parts[1] === "models";
  const [owner, name, kind, rev, ...rest] = api ? parts.slice(2) : parts;
  const repo = state.repos.get(`${owner}/${name}`);
  if (repo === undefined || (repo.private === true && req.headers.authorization !== `Bearer ${state.token}`)) {
    return hubError(res, repo === undefined ? 404 : 401, "RepoNotFound", "Repository not found");
  }
  const commit = rev === undefined ? undefined : (repo.refs[rev] ?? (repo.commits.has(rev) ? rev : undefined));
  const files = commit === undefined ? undefined : repo.commits.get(commit);
  if (commit === undefined || files === undefined) return hubError(res, 404, "RevisionNotFound", `Invalid rev id: ${rev}`);
  if (api && kind === "revision" && req.method === "GET") return modelInfo(res, url, `${owner}/${name}`, commit, files);
  if (api && (kind === "preupload" || kind === "commit") && req.method === "POST")
    return answerWrite(req, res, { id: `${owner}/${name}`, repo, kind, head: commit, token: state.token });
  if (api && kind === "paths-info" && req.method === "POST") return pathsInfo(req, res, commit, files, state.xetOnly);
  if (!api && kind === "resolve" && (req.method === "GET" || req.method === "HEAD")) return resolveFile(req, res, state, commit, files, rest.join("/"));
  return hubError(res, 404, "EntryNotFound", "Not found");
}

function hubError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "x-error-code": code }).end(JSON.stringify({ error: message }));
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
}

/** Like the hub, it adds `sha` and `siblings` only when asked to expand them. */
function modelInfo(res: ServerResponse, url: URL, id: string, commit: string, files: Files): void {
  const expand = url.searchParams.getAll("expand");
  const body: Record<string, unknown> = {
    _id: "0123456789abcdef01234567",
    id,
    private: false,
    gated: false,
    downloads: 0,
    likes: 0,
    lastModified: "2026-01-01T00:00:00.000Z",
  };
  if (expand.includes("sha")) body.sha = commit;
  if (expand.includes("siblings")) body.siblings = [...files.keys()].map((rfilename) => ({ rfilename }));
  json(res, body);
}

async function pathsInfo(req: IncomingMessage, res: ServerResponse, commit: string, files: Files, xetOnly: ReadonlySet<string>): Promise<void> {
  let raw = "";
  for await (const chunk of req) raw += String(chunk);
  const { paths, expand } = JSON.parse(raw) as { paths: string[]; expand?: boolean };
  const entries = paths.flatMap((path): Record<string, unknown>[] => {
    const data = files.get(path);
    if (data === undefined) return [];
    // A xet file's oid is that of its pointer in git, not of the content.
    if (xetOnly.has(path))
      return [
        {
          type: "file",
          oid: gitBlobSha1(Buffer.from(`xet pointer ${path}`)),
          size: data.length,
          path,
          xetHash: sha256Hex(Buffer.concat([Buffer.from("xet"), data])),
        },
      ];
    const lfs = isLfs(path) ? { lfs: { oid: sha256Hex(data), size: data.length, pointerSize: 134 } } : {};
    const more = expand ? { lastCommit: { id: commit, title: "Upload", date: "2026-01-01T00:00:00.000Z" }, securityFileStatus: { status: "safe" } } : {};
    return [{ type: "file", oid: gitBlobSha1(data), size: data.length, path, ...lfs, ...more }];
  });
  json(res, entries);
}

function resolveFile(req: IncomingMessage, res: ServerResponse, state: HubState, commit: string, files: Files, path: string): void {
  const data = files.get(path);
  if (data === undefined) {
    hubError(res, 404, "EntryNotFound", `${path} does not exist on this revision`);
    return;
  }
  if (!isLfs(path)) {
    sendBytes(req, res, data, { headers: { etag: `"${gitBlobSha1(data)}"`, "x-repo-commit": commit } });
    return;
  }
  const oid = sha256Hex(data);
  res
    .writeHead(302, {
      location: `${state.cdnUrl()}/blobs/${oid}`,
      "x-linked-size": String(data.length),
      "x-linked-etag": `"${oid}"`,
      "x-repo-commit": commit,
    })
    .end();
}
