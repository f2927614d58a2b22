/**
 * The hub cache in the layout Python's huggingface_hub (and @huggingface/hub) use, so that
 * a model fetched by either is found by the other:
 *
 *   <cache>/models--<org>--<name>/blobs/<etag>            the bytes (sha256 for LFS files, git sha1 otherwise)
 *   <cache>/models--<org>--<name>/blobs/<etag>.incomplete  a download under way (either tool resumes it)
 *   <cache>/models--<org>--<name>/snapshots/<commit>/<path> -> ../../blobs/<etag>   relative links
 *   <cache>/models--<org>--<name>/refs/<branch or tag>     the commit it last resolved to
 */
import { copyFile, mkdir, rm, stat, symlink } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { writeFileAtomic } from "../util/atomic.js";
import { readRegularFile } from "../util/regular-file.js";

export const COMMIT = /^[0-9a-f]{40}$/;
/** Blob names: a git sha1 or a sha256 (LFS, xet), nothing that could leave the folder. */
export const BLOB_NAME = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export function repoFolder(cacheDir: string, repo: string): string {
  return join(cacheDir, `models--${repo.split("/").join("--")}`);
}

export function snapshotFolder(repoDir: string, commit: string): string {
  return join(repoDir, "snapshots", commit);
}

export function blobFile(repoDir: string, etag: string): string {
  return join(repoDir, "blobs", etag);
}

/** The commit `refs/<revision>` names, or null when there is no such ref. */
export async function readRef(repoDir: string, revision: string): Promise<string | null> {
  // A ref is one commit id: anything that is not a small regular file is no ref.
  const text = await readRegularFile(join(repoDir, "refs", ...revision.split("/")), 4096).then(
    (bytes) => bytes.toString("utf8"),
    () => null,
  );
  const commit = text?.trim() ?? null;
  return commit !== null && COMMIT.test(commit) ? commit : null;
}

/** Written as Python writes it: the bare commit, no newline. */
export async function writeRef(repoDir: string, revision: string, commit: string): Promise<void> {
  if ((await readRef(repoDir, revision)) === commit) return;
  await writeFileAtomic(join(repoDir, "refs", ...revision.split("/")), commit);
}

/** The paths of `files` that the snapshot lacks (a link whose blob is gone counts as missing). */
export async function missingFiles(snapshot: string, files: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const file of files) if (!(await isFile(join(snapshot, ...file.split("/"))))) missing.push(file);
  return missing;
}

export async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() === true;
}

/** Points `snapshot/<path>` at the blob with a relative link, or copies it where links are not allowed. */
export async function linkBlob(blob: string, snapshot: string, path: string): Promise<void> {
  const target = join(snapshot, ...path.split("/"));
  await mkdir(dirname(target), { recursive: true });
  await rm(target, { force: true });
  try {
    await symlink(relative(dirname(target), blob), target);
  } catch {
    await copyFile(blob, target);
  }
}
