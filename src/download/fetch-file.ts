import { createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { setTimeout as delay } from "node:timers/promises";
import { GlueEvalError } from "../errors.js";
import { describeCause, HttpStatusError, integrityError, networkError, sizeMismatch } from "./errors.js";
import { discard, headerNumber, request } from "./http.js";
import { noProgress, type ProgressFactory } from "../util/progress.js";

export interface FetchFileOptions {
  /** Shown in progress and errors. */
  label: string;
  headers?: Readonly<Record<string, string>>;
  authorization?: string;
  /** Size in bytes when known beforehand (manifest, HEAD): a complete `.part` is not fetched again. */
  expectedSize?: number;
  attempts?: number;
  retryDelayMs?: number;
  progress?: ProgressFactory;
}

const ATTEMPTS = 4;
const RETRY_DELAY_MS = 300;

/**
 * Downloads `url` into `part`, resuming what is already there with a Range request.
 * A server that answers 206 gets the rest appended; one that answers 200 (no Range support)
 * is read from the start. A dropped connection is retried with resume; 4xx answers are not.
 * Verifying and renaming the `.part` is the caller's job. Returns the file's size.
 */
export async function fetchToPart(url: string, part: string, options: FetchFileOptions): Promise<number> {
  await mkdir(dirname(part), { recursive: true });
  const attempts = options.attempts ?? ATTEMPTS;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await delay((options.retryDelayMs ?? RETRY_DELAY_MS) * (attempt - 1));
    try {
      await attemptOnce(url, part, options);
      return await sizeOf(part);
    } catch (error) {
      if (!isRetryable(error)) throw error;
      lastError = error;
    }
  }
  throw networkError(`${options.label}: download failed after ${attempts} attempts: ${describeCause(lastError)}`, lastError);
}

async function attemptOnce(url: string, part: string, options: FetchFileOptions): Promise<void> {
  let have = await sizeOf(part);
  const expected = options.expectedSize;
  if (expected !== undefined && have === expected) return;
  if (expected !== undefined && have > expected) {
    await rm(part, { force: true });
    have = 0;
  }
  const headers: Record<string, string> = { ...options.headers };
  if (have > 0) headers.range = `bytes=${have}-`;
  const { response } = await request(url, { headers, ...(options.authorization === undefined ? {} : { authorization: options.authorization }) });
  const start = await startOffset(response, part, have, options.label);
  if (start === "complete") return;
  const length = headerNumber(response, "content-length");
  const total = length === null ? (expected ?? null) : start + length;
  if (expected !== undefined && total !== null && total > expected) {
    await restart(response, part);
    throw integrityError(`${options.label}: the server sends ${total} bytes, more than the ${expected} pinned; nothing of it was kept`);
  }
  await writeBody(response, part, start, total, options);
  const size = await sizeOf(part);
  if (total !== null && size < total) throw networkError(`${options.label}: connection closed after ${size} of ${total} bytes`);
  if (total !== null && size > total) {
    await rm(part, { force: true });
    throw sizeMismatch(options.label, total, size);
  }
}

/** Where the response body starts in the file, from its status; "complete" when nothing is left. */
async function startOffset(response: Response, part: string, have: number, label: string): Promise<number | "complete"> {
  if (response.status === 200) return 0;
  if (response.status === 206) {
    const range = parseContentRange(response.headers.get("content-range"));
    if (range?.start === have) return have;
    await restart(response, part);
    throw networkError(`${label}: the server answered a different range than asked; restarting`);
  }
  if (response.status === 416 && have > 0) {
    const range = parseContentRange(response.headers.get("content-range"));
    await discard(response);
    if (range?.total === have) return "complete";
    await rm(part, { force: true });
    throw networkError(`${label}: the partial download does not fit the file on the server; restarting`);
  }
  await discard(response);
  throw new HttpStatusError(response.url === "" ? label : response.url, response.status, response.headers.get("x-error-code"));
}

async function restart(response: Response, part: string): Promise<void> {
  await discard(response);
  await rm(part, { force: true });
}

/** Stops at the first byte past `total` (a body longer than announced or pinned, or one that never ends), before it reaches the disk. */
async function writeBody(response: Response, part: string, start: number, total: number | null, options: FetchFileOptions): Promise<void> {
  const progress = (options.progress ?? noProgress)(options.label, total);
  let done = start;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      if (total !== null && done > total)
        return callback(
          integrityError(
            `${options.label}: the server sent more than the ${total} bytes ${total === options.expectedSize ? "pinned" : "it announced"}; nothing of it was kept`,
          ),
        );
      progress.update(done);
      callback(null, chunk);
    },
  });
  const source = response.body === null ? Readable.from([]) : Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  try {
    await pipeline(source, counter, createWriteStream(part, { flags: start > 0 ? "a" : "w" }));
  } catch (error) {
    if (error instanceof GlueEvalError && error.code === "INTEGRITY") {
      await rm(part, { force: true });
      throw error;
    }
    if (isFileSystemError(error)) throw new GlueEvalError("IO", `${part}: ${describeCause(error)}`, { cause: error });
    throw networkError(`${options.label}: ${describeCause(error)}`, error);
  } finally {
    progress.end();
  }
}

export function parseContentRange(value: string | null): { start: number | null; total: number | null } | null {
  const match = value === null ? null : /^bytes\s+(?:(\d+)-\d+|\*)\/(\d+|\*)$/i.exec(value.trim());
  if (!match) return null;
  return { start: match[1] === undefined ? null : Number(match[1]), total: match[2] === "*" || match[2] === undefined ? null : Number(match[2]) };
}

function isRetryable(error: unknown): boolean {
  if (error instanceof HttpStatusError) return error.status >= 500 || error.status === 429 || error.status === 408;
  return error instanceof GlueEvalError && error.code === "NETWORK";
}

const FILE_SYSCALLS = new Set(["open", "write", "close", "fsync", "ftruncate"]);

function isFileSystemError(error: unknown): boolean {
  return error instanceof Error && FILE_SYSCALLS.has((error as NodeJS.ErrnoException).syscall ?? "");
}

export async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}
