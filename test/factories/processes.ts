/**
 * The CLI as another user, under a file-size limit, or in a small tmpfs: the conditions of a
 * read-only cache, an unwritable HOME and a full disk, reproduced without privileges where the
 * machine allows it.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { CLI, collectOutput, type Finished, ROOT } from "../cli-process.js";

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Run as this uid/gid (needs root). */
  user?: { uid: number; gid: number };
  /** A shell line run before the CLI, in the same shell (e.g. "ulimit -f 16"). */
  before?: string;
  /** A command that runs the CLI (e.g. unshare and its flags). */
  prefix?: readonly string[];
  /** Another copy of the built CLI, and the folder to run it in (see as-user.ts). */
  cli?: string;
  cwd?: string;
}

export interface Started {
  /** What the CLI has written to stderr so far. */
  stderr(): string;
  done: Promise<Finished>;
}

/** Starts the built CLI with `args`; the environment is the test's, changed by `env` (undefined removes a variable). */
export function startAs(args: readonly string[], options: RunOptions = {}): Started {
  const cli = [...(options.prefix ?? []), process.execPath, options.cli ?? CLI, ...args];
  const command = options.before === undefined ? cli : ["bash", "-c", `${options.before} && exec "$0" "$@"`, ...cli];
  const [file = "", ...rest] = command;
  const child = spawn(file, rest, {
    cwd: options.cwd ?? ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", ...options.env },
    ...(options.user === undefined ? {} : options.user),
  });
  return collectOutput(child);
}

export function runAs(args: readonly string[], options: RunOptions = {}): Promise<Finished> {
  return startAs(args, options).done;
}

/** True when this machine lets an unprivileged user mount a tmpfs in a new user and mount namespace. */
export function canMountTmpfs(): boolean {
  const probe = spawnSync("unshare", ["-rm", "sh", "-c", 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d" && rmdir "$d"'], {
    stdio: "ignore",
  });
  return probe.status === 0;
}

/** Makes a test folder usable by another user (mkdtemp creates it 0700). */
export function openToAll(dir: string): string {
  chmodSync(dir, 0o777);
  return dir;
}

/** Every entry of a folder, hidden ones included, with the bytes of each file: to check that a failed run changed nothing. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    out[name] = statSync(path).isDirectory() ? "<folder>" : readFileSync(path, "utf8");
  }
  return out;
}
