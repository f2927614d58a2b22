/**
 * The cache folder is checked once, before any work: a folder that cannot be created or
 * written (read-only, a file in the way, a HOME that the user cannot write) gives one
 * warning naming it and the reason, and the run goes on without the cache.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { oneLine } from "../../errors.js";
import type { RunConfig } from "../config.js";

export async function withUsableCache(config: RunConfig, warn: (message: string) => void): Promise<RunConfig> {
  if (config.cacheDir === null) return config;
  const probe = join(config.cacheDir, `.probe-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  try {
    await mkdir(config.cacheDir, { recursive: true });
    await writeFile(probe, "");
    await rm(probe, { force: true });
    return config;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // The probe's own name says nothing to the user; a mkdir's path does (which folder is missing its rights).
    const message = oneLine(error instanceof Error ? error.message : String(error)).replace(`, open '${probe}'`, "");
    const reason = code === "EEXIST" || code === "ENOTDIR" ? "a file is in the way of the folder" : message;
    warn(`cache folder ${config.cacheDir} cannot be used (${reason}); running without the cache (--cache-dir picks another folder, --no-cache skips it)`);
    return Object.freeze({ ...config, cacheDir: null });
  }
}
