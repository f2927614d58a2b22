/** Node processes started together and timed from the bench: start to the last exit. */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";

/** What a bench part that starts CLI processes needs (the shard and overlap rows). */
export interface CliPartOptions {
  /** The glue-eval CLI to start. */
  cli: string;
  runs: number;
  warmup: boolean;
  scratch: string;
  dataDir: string;
  log(message: string): void;
}

/** A fresh cache folder holding only the warm-up's file digests (the model is not hashed again). */
export function seededCache(warm: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const digests = join(warm, "cache", "file-digests");
  if (existsSync(digests)) cpSync(digests, join(dir, "file-digests"), { recursive: true });
  return dir;
}

/** What a finished process printed last on stderr (its one-line error, if any). */
const lastLine = (text: string): string => text.trim().split("\n").pop() ?? "";

function runOne(script: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${[script, ...args].join(" ")} exited ${code ?? signal}: ${lastLine(stderr)}`));
    });
  });
}

/** Starts every command at once; seconds until the last one has exited. */
export async function wallSeconds(script: string, commands: readonly (readonly string[])[]): Promise<number> {
  const started = performance.now();
  await Promise.all(commands.map((args) => runOne(script, args)));
  return (performance.now() - started) / 1000;
}

/** Why the CLI cannot run the shard rows, or null when it can (`merge --help` exits 0). */
export function mergeMissing(cli: string): string | null {
  if (!existsSync(cli)) return `${cli} is missing (npm run bench builds it; --cli names another)`;
  const probe = spawnSync(process.execPath, [cli, "merge", "--help"], { encoding: "utf8" });
  if (probe.status === 0) return null;
  return `${cli} has no merge command (\`merge --help\` exited ${probe.status ?? probe.signal}: ${lastLine(probe.stderr ?? "")}); the shard rows need --shard K/N and glue-eval merge`;
}
