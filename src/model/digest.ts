/**
 * A model is all of its bytes: the graph and every external-data file its initializers name.
 *
 * The model digest is the graph file's sha256 when the graph holds its own weights. With
 * external data it is the sha256 of the `sha256sum`-style listing of the graph and then its
 * data files sorted by name, paths as the graph names them (relative to its folder):
 * `<sha256>  model.onnx\n<sha256>  model.onnx_data\n`, i.e. what
 * `cd <graph folder> && sha256sum model.onnx model.onnx_data | sha256sum` prints.
 *
 * Files are hashed as streams. A file's digest may be kept in `<cache>/file-digests/`, keyed by
 * its real path and reused only while its size, mtime, ctime, inode and device are unchanged.
 */
import { realpath, stat } from "node:fs/promises";
import { z } from "zod";
import { join } from "node:path";
import { writeFileAtomic } from "../util/atomic.js";
import { sha256, sha256File } from "../util/hash.js";
import { readRegularFile } from "../util/regular-file.js";

/** An entry is a few hundred bytes: a larger file is not one (and a named pipe in its place is never opened to block). */
const MAX_ENTRY_BYTES = 64 * 1024;

export interface FileDigest {
  /** As the caller named it (the graph's folder-relative name, or the location in the graph). */
  file: string;
  bytes: number;
  sha256: string;
}

/** The model digest over the graph and its data files (see the header comment). */
export function combinedDigest(graph: FileDigest, data: readonly FileDigest[]): string {
  if (data.length === 0) return graph.sha256;
  const sorted = [...data].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return sha256([graph, ...sorted].map((f) => `${f.sha256}  ${f.file}\n`).join(""));
}

const IdentitySchema = z.object({ path: z.string(), size: z.string(), mtimeNs: z.string(), ctimeNs: z.string(), ino: z.string(), dev: z.string() });
type Identity = z.infer<typeof IdentitySchema>;

async function identity(path: string): Promise<Identity> {
  const s = await stat(path, { bigint: true });
  return { path, size: String(s.size), mtimeNs: String(s.mtimeNs), ctimeNs: String(s.ctimeNs), ino: String(s.ino), dev: String(s.dev) };
}

const same = (a: Identity, b: Identity): boolean =>
  a.path === b.path && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino && a.dev === b.dev;

/**
 * The file's sha256, from the digest cache when its identity is unchanged. The cache never
 * fails a run: an entry that cannot be read or written is ignored.
 */
export async function fileDigest(path: string, name: string, cacheDir: string | null): Promise<FileDigest> {
  const real = await realpath(path);
  const before = await identity(real);
  const entry = cacheDir === null ? null : join(cacheDir, "file-digests", `${sha256(real).slice(0, 40)}.json`);
  if (entry !== null) {
    const cached = await readEntry(entry);
    if (cached !== null && same(cached, before)) return { file: name, bytes: Number(before.size), sha256: cached.sha256 };
  }
  const digest = await sha256File(real);
  const after = await identity(real);
  // A file that changed while it was read is not remembered.
  if (entry !== null && same(before, after)) await writeFileAtomic(entry, JSON.stringify(sealed({ ...before, sha256: digest }))).catch(() => undefined);
  return { file: name, bytes: Number(after.size), sha256: digest };
}

const EntrySchema = IdentitySchema.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/), check: z.string() });
type Entry = Identity & { sha256: string };

/** An entry carries a checksum of its fields, so that a damaged one is never taken for a digest. */
function sealed(entry: Entry): Entry & { check: string } {
  return { ...entry, check: entryCheck(entry) };
}

const entryCheck = (e: Entry): string => sha256(JSON.stringify([e.path, e.size, e.mtimeNs, e.ctimeNs, e.ino, e.dev, e.sha256]));

async function readEntry(file: string): Promise<Entry | null> {
  try {
    const parsed = EntrySchema.safeParse(JSON.parse((await readRegularFile(file, MAX_ENTRY_BYTES)).toString("utf8")));
    return parsed.success && parsed.data.check === entryCheck(parsed.data) ? parsed.data : null;
  } catch {
    return null;
  }
}
