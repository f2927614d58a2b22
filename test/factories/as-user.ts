/**
 * Running the built CLI as a user whose rights a folder's mode binds, wherever the checkout
 * lives. As root the tests switch to `nobody`, who may not be able to traverse the folders
 * above the checkout, `../shared` or the temporary folder (a 0700 home or TMPDIR): what the run
 * needs is then linked (hard links: no copy of the bytes) into a folder `nobody` can reach,
 * and the test's own files go there too. Where none can be found the tests are skipped, saying so.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { CLI, ROOT } from "../cli-process.js";
import type { RunOptions } from "./processes.js";

type User = { uid: number; gid: number };

export interface AsUser {
  /** What runAs needs: the user, and the CLI and folder to run it from. */
  options: RunOptions;
  /** A folder the user can reach, for the test's own files (removed by dispose). */
  scratch: string;
  /** `path` (of the checkout or ../shared) where the user can read it. */
  reach(path: string): string;
  dispose(): void;
}

const NOBODY: User = { uid: 65534, gid: 65534 };

/** Whether `user` can read each path (and search it, for a folder). */
function canRead(user: User | undefined, paths: readonly string[]): boolean {
  const script = `const fs = require("node:fs"); for (const p of ${JSON.stringify(paths)}) fs.accessSync(p, fs.statSync(p).isDirectory() ? fs.constants.R_OK | fs.constants.X_OK : fs.constants.R_OK);`;
  return spawnSync(process.execPath, ["-e", script], { cwd: "/", stdio: "ignore", ...(user ?? {}) }).status === 0;
}

/** Links `sources` into `dir` (cp -al keeps every mode, and costs no bytes on one file system). */
function linkInto(dir: string, sources: readonly string[]): boolean {
  mkdirSync(dir, { recursive: true });
  return spawnSync("cp", ["-al", ...sources, dir], { stdio: "ignore" }).status === 0;
}

function scratchFor(user: User | undefined): string | null {
  for (const base of [...new Set([tmpdir(), "/tmp", "/var/tmp"])]) {
    if (!existsSync(base)) continue;
    const dir = mkdtempSync(join(base, "glue-eval-as-user-"));
    chmodSync(dir, 0o755);
    if (canRead(user, [dir])) return dir;
    rmSync(dir, { recursive: true, force: true });
  }
  return null;
}

/**
 * As ourselves when we are not root (the modes bind us), as `nobody` when we are root and may
 * switch users; null when neither can run the CLI here.
 */
export function unprivileged(): AsUser | null {
  if (process.getuid === undefined) return null;
  const user = process.getuid() === 0 ? NOBODY : undefined;
  const scratch = scratchFor(user);
  if (scratch === null) return null;
  const dispose = (): void => rmSync(scratch, { recursive: true, force: true });
  const needed = [CLI, join(ROOT, "package.json"), join(ROOT, "node_modules", "zod", "package.json")];
  let cli = CLI;
  let cwd = ROOT;
  if (!canRead(user, [...needed, ROOT])) {
    const checkout = join(scratch, "checkout");
    cli = join(checkout, "dist", "cli", "bin.cjs");
    cwd = checkout;
    if (!linkInto(checkout, [join(ROOT, "dist"), join(ROOT, "package.json"), join(ROOT, "node_modules")]) || !canRead(user, [cli, checkout])) {
      dispose();
      return null;
    }
  }
  let linked = 0;
  return {
    options: { ...(user === undefined ? {} : { user }), cli, cwd },
    scratch,
    reach(path) {
      if (canRead(user, [path])) return path;
      const dir = join(scratch, "reach", String(linked++));
      const copy = join(dir, basename(path));
      if (!linkInto(dir, [path]) || !canRead(user, [copy])) throw new Error(`${path} cannot be made readable for uid ${user?.uid ?? process.getuid?.()}`);
      return copy;
    },
    dispose,
  };
}
