/**
 * The write side of the mock hub, as @huggingface/hub's `commit` uses it for files small enough
 * to travel inline (read from its source): `POST /api/models/<id>/preupload/<rev>` answers how
 * each file is to be uploaded ("regular": inline), and `POST /api/models/<id>/commit/<rev>`
 * takes NDJSON lines (a header, then `file` lines with base64 content, `deletedFile` lines).
 * With `?create_pr=1` the commit goes to a new `refs/pr/<n>` and the branch stays where it was,
 * as on huggingface.co; without it the branch moves.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { commitOf, type Files, type MockRepo } from "./mock-hub.js";

export interface MockPullRequest {
  num: number;
  title: string;
  description: string;
  /** `refs/pr/<num>`. */
  ref: string;
  /** The commit it was opened from. */
  parent: string;
}

interface WriteRequest {
  id: string;
  repo: MockRepo;
  kind: "preupload" | "commit";
  /** The commit the branch names now. */
  head: string;
  token: string;
}

async function body(req: IncomingMessage): Promise<string> {
  let raw = "";
  for await (const chunk of req) raw += String(chunk);
  return raw;
}

function reply(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(value));
}

export async function answerWrite(req: IncomingMessage, res: ServerResponse, write: WriteRequest): Promise<void> {
  if (req.headers.authorization !== `Bearer ${write.token}`) return reply(res, 401, { error: "Invalid credentials in Authorization header" });
  const text = await body(req);
  if (write.kind === "preupload") {
    const { files } = JSON.parse(text) as { files: { path: string }[] };
    return reply(res, 200, { files: files.map((f) => ({ path: f.path, uploadMode: "regular", shouldIgnore: false })) });
  }
  const lines = text.split("\n").map((line) => JSON.parse(line) as { key: string; value: Record<string, string> });
  const header = lines.find((l) => l.key === "header")?.value ?? {};
  const parent = header.parentCommit ?? write.head;
  const base = write.repo.commits.get(parent);
  if (base === undefined) return reply(res, 409, { error: `parent commit ${parent} not found` });
  const files: Files = new Map(base);
  for (const { key, value } of lines) {
    if (key === "file") files.set(value.path as string, Buffer.from(value.content as string, "base64"));
    else if (key === "deletedFile") files.delete(value.path as string);
    else if (key !== "header") return reply(res, 400, { error: `the mock hub takes inline files only, not ${key}` });
  }
  const commit = commitOf(files);
  write.repo.commits.set(commit, files);
  const hubUrl = `http://${req.headers.host}`;
  const url = new URL(req.url ?? "/", hubUrl);
  const branch = decodeURIComponent(url.pathname.split("/").at(-1) ?? "main");
  if (url.searchParams.get("create_pr") !== "1") {
    write.repo.refs[branch] = commit;
    return reply(res, 200, { commitOid: commit, commitUrl: `${hubUrl}/${write.id}/commit/${commit}` });
  }
  write.repo.pullRequests ??= [];
  const num = write.repo.pullRequests.length + 1;
  const ref = `refs/pr/${num}`;
  write.repo.refs[ref] = commit;
  write.repo.pullRequests.push({ num, title: header.summary ?? "", description: header.description ?? "", ref, parent });
  reply(res, 200, { commitOid: commit, commitUrl: `${hubUrl}/${write.id}/commit/${commit}`, pullRequestUrl: `${hubUrl}/${write.id}/discussions/${num}` });
}
