/**
 * The cache folder is checked once, before any work: a folder that cannot be created or
 * written (read-only, a file in the way, a HOME that the user cannot write) gives one
 * warning naming it and the reason, and the run goes on without the cache.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ioReason } from "../../errors.js";
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
    // The probe's own name says nothing to the user; a mkdir's path does (which folder is missing its rights).
    const reason = ioReason(error, { withPath: true }).replace(`, open '${probe}'`, "");
    warn(`cache folder ${config.cacheDir} cannot be used (${reason}); running without the cache (--cache-dir picks another folder, --no-cache skips it)`);
    return Object.freeze({ ...config, cacheDir: null });
  }
}
