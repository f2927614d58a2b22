/**
 * One file of a hub repository into the cache's `blobs/<etag>`, as huggingface_hub does it:
 * through `blobs/<etag>.incomplete`, resumed from where it stopped (a dropped connection
 * within this run, or an earlier run of glue-eval or Python), then checked against the size
 * and hash the hub gave (sha256 for LFS files, the git blob id otherwise) and renamed into
 * place. Bytes that fail the check are deleted: nothing of them is left behind.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream } from "node:stream/web";
import { describeCause, hashMismatch, integrityError, networkError, sizeMismatch } from "../download/errors.js";
import type { ProgressFactory } from "../util/progress.js";
import { GlueEvalError } from "../errors.js";
import { type HubTarget, openRemoteFile, type RemoteFile } from "./remote.js";

/**
 * Attempts that end early (a dropped connection, a stall cut by the timeouts) before giving up,
 * as huggingface_hub retries a download; the partial file stays for the next run.
 */
const ATTEMPTS = 5;

export async function fetchBlob(hub: HubTarget, commit: string, file: RemoteFile, blob: string, progress: ProgressFactory): Promise<void> {
  const label = `${hub.repo}/${file.path}`;
  if (file.sha256 === null && file.gitSha1 === null) throw unverifiable(label, file);
  const incomplete = `${blob}.incomplete`;
  await mkdir(dirname(blob), { recursive: true });
  if ((await sizeOf(incomplete)) > file.size) await rm(incomplete, { force: true });
  const remote = await openRemoteFile(hub, commit, file.path);
  if (remote.size !== file.size) throw integrityError(`${label}: the hub lists ${file.size} bytes but serves ${remote.size}`);
  const bar = progress(label, file.size);
  try {
    await download(remote, incomplete, file.size, label, (n) => bar.update(n));
  } catch (error) {
    // Bytes past the listed size are not the file: nothing of them is kept to resume from.
    if (error instanceof GlueEvalError && error.code === "INTEGRITY") await rm(incomplete, { force: true });
    throw error;
  } finally {
    bar.end();
  }
  try {
    await verify(incomplete, file, label);
    await rename(incomplete, blob);
  } catch (error) {
    await rm(incomplete, { force: true });
    throw error;
  }
}

async function download(remote: Blob, incomplete: string, size: number, label: string, onBytes: (done: number) => void): Promise<void> {
  let failed = 0;
  let lastError: unknown = null;
  for (let have = await sizeOf(incomplete); have < size && failed < ATTEMPTS; ) {
    try {
      // Each attempt asks for the bytes from `have` on: a Range request.
      await appendFrom(remote.slice(have), incomplete, have, size, label, onBytes);
    } catch (error) {
      // A file that cannot be written (full disk, permissions), or bytes past the file's size, are not worth another attempt.
      if ((error as NodeJS.ErrnoException).syscall !== undefined || error instanceof GlueEvalError) throw error;
      lastError = error;
    }
    const now = await sizeOf(incomplete);
    if (now < size) failed++;
    have = now;
  }
  const have = await sizeOf(incomplete);
  if (have < size) {
    throw networkError(`${label}: the download stopped at ${have} of ${size} bytes (${describeCause(lastError)}); run again to resume`, lastError ?? undefined);
  }
}

/** Stops at the first byte past `size` (a server that ignores the Range asked, or never ends), before it reaches the disk. */
async function appendFrom(part: Blob, incomplete: string, start: number, size: number, label: string, onBytes: (done: number) => void): Promise<void> {
  let done = start;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      done += chunk.length;
      if (done > size) return callback(integrityError(`${label}: the server sent more than the ${size} bytes the hub lists; nothing of it was kept`));
      onBytes(done);
      callback(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(part.stream() as ReadableStream), count, createWriteStream(incomplete, { flags: "a" }));
}

async function verify(path: string, file: RemoteFile, label: string): Promise<void> {
  const size = await sizeOf(path);
  if (size !== file.size) throw sizeMismatch(label, file.size, size);
  if (file.sha256 !== null) {
    const actual = await digest(path, createHash("sha256"));
    if (actual !== file.sha256.toLowerCase()) throw hashMismatch(label, file.sha256, actual);
  } else if (file.gitSha1 !== null) {
    const actual = await digest(path, createHash("sha1").update(`blob ${size}\0`));
    if (actual !== file.gitSha1.toLowerCase()) throw new GlueEvalError("INTEGRITY", `${label}: git blob id mismatch: expected ${file.gitSha1}, got ${actual}`);
  } else {
    throw unverifiable(label, file);
  }
}

/**
 * A file the hub lists with a xet hash alone: @huggingface/hub computes xet hashes only inside
 * its upload code (a chunker it does not export), so the bytes cannot be checked, and are not stored.
 */
function unverifiable(label: string, file: RemoteFile): GlueEvalError {
  const listed = file.xetHash === null ? "no sha256 or git blob id" : `only a xet hash (${file.xetHash})`;
  return integrityError(`${label}: the hub lists ${listed} for it, which glue-eval cannot check the bytes against; it was not downloaded`);
}

async function digest(path: string, hash: ReturnType<typeof createHash>): Promise<string> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function sizeOf(path: string): Promise<number> {
  return (await stat(path).catch(() => null))?.size ?? 0;
}
