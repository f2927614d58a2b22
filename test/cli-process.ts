import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The `glue-eval` command as package.json's bin names it (the launcher that sizes the encoders' thread pool). */
export const CLI = join(ROOT, "dist", "cli", "bin.cjs");

/** The compiled CLI, built once if missing (npm test builds before running vitest). */
export function ensureBuilt(): void {
  if (!existsSync(CLI)) execFileSync(join(ROOT, "node_modules", ".bin", "tsc"), ["-p", join(ROOT, "tsconfig.build.json")], { stdio: "inherit" });
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function startCli(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0", ...env } });
  return { child, done: collectOutput(child).done };
}

/** A child's stdout and stderr as they arrive, and both with its exit once it closes. */
export function collectOutput(child: ChildProcess): { stderr: () => string; done: Promise<Finished> } {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<Finished>((resolveDone) => {
    child.on("close", (code, signal) => resolveDone({ code, signal, stdout, stderr }));
  });
  return { stderr: () => stderr, done };
}

export function runCliProcess(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  return startCli(args, cwd, env).done;
}
