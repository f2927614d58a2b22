import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { type FileHandle, mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join, resolve, sep } from "node:path";
import { PassThrough, Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32, createInflateRaw } from "node:zlib";
import { GlueEvalError, ioReason } from "../errors.js";
import { integrityError } from "./errors.js";
import { verifySha256 } from "./verify.js";
import { entryDataOffset, readZipEntries, safeEntrySegments, type ZipEntry } from "./zip.js";

/** A file the archive must contain, relative to the extraction folder; sha256 null = presence only. */
export interface ExpectedMember {
  path: string;
  sha256: string | null;
}

/**
 * Extracts `archive` into `destDir` all or nothing: every entry name is checked before
 * anything is written, the members are unpacked into a hidden staging folder beside the
 * target, CRC and size are checked, the expected members are verified, and only then are
 * the files moved into place. On any failure the staging folder is removed.
 * Symbolic-link entries are written as plain files. Returns the extracted paths, relative to destDir.
 */
export async function extractVerified(archive: string, destDir: string, expected: readonly ExpectedMember[], label: string): Promise<string[]> {
  const file = await open(archive, "r");
  const staging = join(destDir, `.${basename(archive)}.extract-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    const members = (await readZipEntries(file, label)).map((entry) => ({ entry, segments: safeEntrySegments(entry.name, label) }));
    // __MACOSX/ holds Finder metadata that some archivers add; it is not part of the data.
    const files = members.filter((m) => !m.entry.isDirectory && m.segments.length > 0 && m.segments[0] !== "__MACOSX");
    checkClashes(members, files, label);
    for (const { entry, segments } of files) await extractEntry(file, archive, entry, inside(staging, segments), label);
    await checkExpected(staging, expected, label);
    const written = unique(files.map((m) => m.segments.join("/")));
    for (const rel of written) await moveInto(join(staging, rel), join(destDir, rel));
    return written;
  } finally {
    await file.close();
    await rm(staging, { recursive: true, force: true });
  }
}

function inside(root: string, segments: readonly string[]): string {
  const target = resolve(root, ...segments);
  if (!target.startsWith(resolve(root) + sep)) throw integrityError(`refusing to write ${target} outside ${root}`);
  return target;
}

async function extractEntry(file: FileHandle, archive: string, entry: ZipEntry, target: string, label: string): Promise<void> {
  const where = `${label}: "${entry.name}"`;
  if ((entry.flags & 1) !== 0) throw integrityError(`${where} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8)
    throw integrityError(`${where} uses compression method ${entry.method} (only stored and deflate are supported)`);
  if (entry.method === 0 && entry.compressedSize !== entry.size) throw integrityError(`${where}: stored entry with differing sizes`);
  const start = await entryDataOffset(file, entry, label);
  await mkdir(dirname(target), { recursive: true });
  const source = entry.compressedSize === 0 ? Readable.from([]) : createReadStream(archive, { start, end: start + entry.compressedSize - 1 });
  let written = 0;
  let crc = 0;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      written += chunk.length;
      crc = crc32(chunk, crc);
      callback(written > entry.size ? integrityError(`${where} inflates past its declared ${entry.size} bytes`) : null, chunk);
    },
  });
  const decode = entry.method === 8 ? createInflateRaw() : new PassThrough();
  try {
    await pipeline(source, decode, check, createWriteStream(target));
  } catch (error) {
    if (error instanceof Error && "code" in error && String(error.code).startsWith("Z_")) throw integrityError(`${where}: corrupt data (${error.message})`);
    throw error;
  }
  if (written !== entry.size) throw integrityError(`${where}: ${written} bytes, the archive says ${entry.size}`);
  if (crc >>> 0 !== entry.crc32) throw integrityError(`${where}: CRC-32 mismatch`);
}

async function checkExpected(staging: string, expected: readonly ExpectedMember[], label: string): Promise<void> {
  for (const member of expected) {
    const path = join(staging, member.path);
    if (!existsSync(path)) throw integrityError(`${label} has no ${member.path}`);
    if (member.sha256 !== null) await verifySha256(path, member.sha256, `${label}: ${member.path}`);
  }
}

async function moveInto(from: string, to: string): Promise<void> {
  try {
    await mkdir(dirname(to), { recursive: true });
    await rename(from, to);
  } catch (error) {
    throw new GlueEvalError("IO", `${to}: cannot place the extracted file (${ioReason(error)})`, { cause: error });
  }
}

/** A name that is a file and also a folder of other entries ("a" and "a/x") cannot be extracted. */
function checkClashes(members: readonly { entry: ZipEntry; segments: string[] }[], files: readonly { segments: string[] }[], label: string): void {
  const filePaths = new Set(files.map((f) => f.segments.join("/")));
  for (const { entry, segments } of members) {
    const depth = entry.isDirectory ? segments.length : segments.length - 1;
    for (let n = 1; n <= depth; n++) {
      const prefix = segments.slice(0, n).join("/");
      if (filePaths.has(prefix)) throw integrityError(`${label}: "${prefix}" is both a file and a folder in the archive`);
    }
  }
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}
