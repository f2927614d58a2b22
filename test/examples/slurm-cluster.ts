/**
 * A one-node Slurm for one test file, from Debian's packages (slurmctld, slurmd, munge): munged,
 * slurmctld and slurmd run in the foreground as this process's children, with their key,
 * sockets, state, spool, logs and slurm.conf in a temporary folder and ports the system picked,
 * so nothing of the machine's own Slurm or munge (if any) is read or touched. Needs root, as
 * slurmd does to run jobs as their user.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { hostname } from "node:os";
import { delimiter, join } from "node:path";

const PROGRAMS = ["munged", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "scancel", "sinfo"];
const SEARCH = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/sbin", "/usr/bin"];

const find = (program: string): string | undefined => SEARCH.map((dir) => join(dir, program)).find((path) => existsSync(path));

/** Why this machine cannot start the cluster; null when it can. */
export function slurmUnavailable(): string | null {
  const missing = PROGRAMS.filter((p) => find(p) === undefined);
  if (missing.length > 0) return `not installed: ${missing.join(", ")} (Debian: apt-get install slurmctld slurmd munge)`;
  if (process.getuid?.() !== 0) return "slurmd must run as root";
  return null;
}

export interface Cluster {
  /** The environment every Slurm command of the test needs (SLURM_CONF), with none of an outer job's variables. */
  env: NodeJS.ProcessEnv;
  /** Runs a Slurm client command; its stdout. */
  run(program: string, args: readonly string[], env?: NodeJS.ProcessEnv, cwd?: string): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until(what: string, done: () => boolean, seconds: number, log: string): Promise<void> {
  for (const started = Date.now(); !done(); await new Promise((r) => setTimeout(r, 200))) {
    if (Date.now() - started > seconds * 1000) throw new Error(`${what} within ${seconds} s (see ${log})`);
  }
}

export const NODE = "glue-eval-node";

/** Starts munged, slurmctld and slurmd under `dir`; resolves once the node is idle. */
export async function startCluster(dir: string): Promise<Cluster> {
  for (const sub of ["munge-key", "munge", "state", "spool", "log"]) mkdirSync(join(dir, sub), { recursive: true, mode: 0o755 });
  chmodSync(join(dir, "munge-key"), 0o700);
  const key = join(dir, "munge-key", "munge.key");
  writeFileSync(key, randomBytes(1024), { mode: 0o400 });
  const socket = join(dir, "munge", "munge.socket.2");
  const host = hostname().split(".")[0] as string;
  const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
  const conf = join(dir, "slurm.conf");
  // The recipe asks 8 CPUs and 16G per array task: config_overrides lets slurmd announce a node
  // that fits all four at once, whatever this machine has.
  writeFileSync(
    conf,
    [
      "ClusterName=glue-eval-test",
      `SlurmctldHost=${host}`,
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${slurmdPort}`,
      "SlurmUser=root",
      "AuthType=auth/munge",
      "CredType=cred/munge",
      `AuthInfo=socket=${socket}`,
      `StateSaveLocation=${join(dir, "state")}`,
      `SlurmdSpoolDir=${join(dir, "spool")}`,
      `SlurmctldPidFile=${join(dir, "slurmctld.pid")}`,
      `SlurmdPidFile=${join(dir, "slurmd.pid")}`,
      `SlurmctldLogFile=${join(dir, "log", "slurmctld.log")}`,
      `SlurmdLogFile=${join(dir, "log", "slurmd.log")}`,
      "ProctrackType=proctrack/linuxproc",
      "TaskPlugin=task/none",
      "JobAcctGatherType=jobacct_gather/none",
      "AccountingStorageType=accounting_storage/none",
      "MpiDefault=none",
      "MailProg=/bin/true",
      "SelectType=select/cons_tres",
      "SelectTypeParameters=CR_Core",
      "SlurmdParameters=config_overrides",
      "ReturnToService=2",
      `NodeName=${NODE} NodeHostname=${host} NodeAddr=127.0.0.1 CPUs=32 RealMemory=65536 State=UNKNOWN`,
      `PartitionName=debug Nodes=${NODE} Default=YES MaxTime=INFINITE State=UP`,
      "",
    ].join("\n"),
  );
  const outer = Object.entries(process.env).filter(([name]) => !/^(SLURM_|SBATCH_|SALLOC_|SRUN_)/.test(name));
  const env: NodeJS.ProcessEnv = { ...Object.fromEntries(outer), SLURM_CONF: conf };
  const children: ChildProcess[] = [];
  const daemon = (program: string, args: string[]): void => {
    const out = openSync(join(dir, "log", `${program}.out`), "a");
    children.push(spawn(find(program) as string, args, { env, stdio: ["ignore", out, out] }));
  };
  const run = (program: string, args: readonly string[], extra: NodeJS.ProcessEnv = env, cwd = dir): string => {
    const done = spawnSync(find(program) as string, args, { env: extra, cwd, encoding: "utf8" });
    if (done.status !== 0) throw new Error(`${program} ${args.join(" ")}: exit ${done.status}: ${done.stderr.trim()}`);
    return done.stdout;
  };
  const stop = async (): Promise<void> => {
    spawnSync(find("scancel") as string, ["--user=root"], { env });
    for (const child of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  };
  try {
    const mungeLog = join(dir, "log", "munged.log");
    daemon("munged", [
      "--foreground",
      "--force",
      `--socket=${socket}`,
      `--key-file=${key}`,
      `--pid-file=${join(dir, "munge", "munged.pid")}`,
      `--log-file=${mungeLog}`,
      `--seed-file=${join(dir, "munge", "munged.seed")}`,
    ]);
    await until("munged did not open its socket", () => existsSync(socket), 10, mungeLog);
    daemon("slurmctld", ["-D", "-f", conf]);
    daemon("slurmd", ["-D", "-f", conf, "-N", NODE]);
    const idle = (): boolean => spawnSync(find("sinfo") as string, ["-h", "-N", "-o", "%t"], { env, encoding: "utf8" }).stdout.trim() === "idle";
    await until(`node ${NODE} was not idle`, idle, 30, join(dir, "log"));
  } catch (error) {
    await stop();
    throw error;
  }
  return { env, run, stop };
}
