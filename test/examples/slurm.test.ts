/**
 * The Slurm recipe on a real Slurm: `sbatch --array=0-3 examples/slurm/glue-eval-array.sh` on a
 * one-node cluster started here (slurm-cluster.ts) runs four shards of the demo model, the first
 * queues the merge, which starts only after all four succeeded, and the merged results are the
 * files of one process's run, byte for byte (`<task>.json` apart from its date, timing and
 * command line). A task that fails is rerun alone as the script's comment says, and the merge it
 * queues gives the same files. Skipped with a message where Slurm is not installed or this is not root;
 * required under CI=true (.ci/run installs Debian's slurmctld, slurmd and munge).
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VOLATILE_FIELDS } from "../../src/results/schema.js";
import { CLI, ensureBuilt, ROOT, runCliProcess } from "../cli-process.js";
import { filesUnder } from "../cli/shard-helpers.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL } from "../examples.js";
import { type Cluster, slurmUnavailable, startCluster } from "./slurm-cluster.js";

const SCRIPT = join(ROOT, "examples", "slurm", "glue-eval-array.sh");
const unavailable = slurmUnavailable();
if (unavailable !== null) {
  if (process.env.CI === "true") throw new Error(`the real-Slurm test needs Slurm under CI: ${unavailable}`);
  console.warn(`[glue-eval tests] SKIPPING the real-Slurm test: ${unavailable}`);
}

/** `scontrol -o show job <id>`: one record of key=value fields per job (per array task). */
function jobs(cluster: Cluster, id: string): Record<string, string>[] {
  return cluster
    .run("scontrol", ["-o", "show", "job", id])
    .trim()
    .split("\n")
    .map((line) => Object.fromEntries([...line.matchAll(/(\w+)=(\S*)/g)].map((m) => [m[1] as string, m[2] as string])));
}

/** `<task>.json` without what differs between two identical runs, its own folder written as <out>. */
function stable(file: string, folder: string): string {
  const result = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  for (const field of [...VOLATILE_FIELDS, "command"]) delete result[field];
  return JSON.stringify(result, null, 2).split(folder).join("<out>");
}

describe.skipIf(unavailable !== null)("examples/slurm/glue-eval-array.sh on a one-node Slurm", () => {
  const tmp = mkdtempSync(join(tmpdir(), "glue-eval-slurm-"));
  const work = join(tmp, "work");
  const whole = join(tmp, "whole");
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    ensureBuilt();
    const bin = join(work, "bin");
    mkdirSync(bin, { recursive: true });
    // glue-eval runs this checkout's CLI; a task whose id is FAIL_TASK fails before it starts.
    const shim = `#!/bin/sh\nif [ -n "$FAIL_TASK" ] && [ "$SLURM_ARRAY_TASK_ID" = "$FAIL_TASK" ]; then echo "task $FAIL_TASK fails" >&2; exit 1; fi\nexec "${process.execPath}" "${CLI}" "$@"\n`;
    writeFileSync(join(bin, "glue-eval"), shim);
    chmodSync(join(bin, "glue-eval"), 0o755);
    // One process, with the flags the recipe gives each task (--threads from --cpus-per-task).
    const threads = /^#SBATCH --cpus-per-task=(\d+)$/m.exec(readFileSync(SCRIPT, "utf8"))?.[1] ?? "";
    const common = ["--task", "sst2", "--model", EXAMPLE_MODEL, "--data-dir", EXAMPLE_DATA, "--cache-dir", join(tmp, "cache"), "--no-progress"];
    const one = await runCliProcess([...common, "--output-dir", whole, "--threads", threads]);
    expect(one.code, one.stderr).toBe(0);
    cluster = await startCluster(join(tmp, "slurm"));
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** sbatch from the work folder with the recipe's variables (sbatch passes its environment to the jobs); waits for an empty queue. */
  async function submit(name: string, args: string[], vars: Record<string, string> = {}): Promise<{ array: string; seconds: number }> {
    if (cluster === undefined) throw new Error("no cluster");
    const env = {
      ...cluster.env,
      PATH: `${join(work, "bin")}:${cluster.env.PATH}`,
      MODEL: EXAMPLE_MODEL,
      TASKS: "sst2",
      DATA_DIR: EXAMPLE_DATA,
      OUT: join(work, name),
      CACHE_DIR: join(work, `${name}-cache`),
      ...vars,
    };
    const started = performance.now();
    const array = cluster.run("sbatch", ["--parsable", ...args, SCRIPT], env, work).trim();
    const queued = (): string => cluster?.run("squeue", ["-h", "-o", "%i %T"]).trim() ?? "";
    for (let waited = 0; queued() !== ""; waited += 0.5) {
      if (waited > 120) throw new Error(`jobs still queued after 120 s:\n${queued()}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return { array, seconds: (performance.now() - started) / 1000 };
  }

  /** The array's tasks in id order, and the merge its first task queued. */
  function jobsOf(array: string, firstTask: string): { tasks: Record<string, string>[]; merge: Record<string, string> | undefined } {
    if (cluster === undefined) throw new Error("no cluster");
    const log = readFileSync(join(work, `glue-eval-${array}_${firstTask}.log`), "utf8");
    const id = /Submitted batch job (\d+)/.exec(log)?.[1];
    expect(id, log).toBeDefined();
    const tasks = jobs(cluster, array).sort((a, b) => Number(a.ArrayTaskId) - Number(b.ArrayTaskId));
    return { tasks, merge: jobs(cluster, id as string)[0] };
  }

  function expectOneRun(out: string): void {
    const names = filesUnder(whole);
    expect(names).toEqual(["sst2.json", "sst2.predictions.jsonl"]);
    expect(filesUnder(out).filter((f) => !f.startsWith("shards"))).toEqual(names);
    expect(readdirSync(join(out, "shards")).sort()).toEqual(["0-of-4", "1-of-4", "2-of-4", "3-of-4"]);
    expect(readFileSync(join(out, "sst2.predictions.jsonl")).equals(readFileSync(join(whole, "sst2.predictions.jsonl")))).toBe(true);
    expect(stable(join(out, "sst2.json"), out)).toBe(stable(join(whole, "sst2.json"), whole));
    expect(JSON.parse(readFileSync(join(out, "sst2.json"), "utf8"))).toMatchObject({ n: 872, timing: { shards: 4 } });
  }

  it("sbatch --array=0-3: four shards, then the queued merge; the merged results are one run's", async () => {
    const { array, seconds } = await submit("results", ["--array=0-3"]);
    const { tasks, merge } = jobsOf(array, "0");
    expect(tasks.map((t) => [t.ArrayTaskId, t.JobState, t.ExitCode])).toEqual(["0", "1", "2", "3"].map((k) => [k, "COMPLETED", "0:0"]));
    expect([merge?.JobState, merge?.ExitCode]).toEqual(["COMPLETED", "0:0"]);
    // afterok: the merge started once the last array task had ended.
    const lastEnd = tasks
      .map((t) => t.EndTime as string)
      .sort()
      .at(-1) as string;
    expect((merge?.StartTime as string) >= lastEnd).toBe(true);
    console.log(`real Slurm: 4 array tasks and the merge in ${seconds.toFixed(1)} s (sbatch to an empty queue)`);
    expectOneRun(join(work, "results"));
  }, 150_000);

  it("a failed task: its merge is cancelled; SHARDS=4 sbatch --array=2 reruns it as shard 2/4 and merges", async () => {
    const failed = await submit("rerun", ["--array=0-3"], { FAIL_TASK: "2" });
    const first = jobsOf(failed.array, "0");
    expect(first.tasks.map((t) => [t.ArrayTaskId, t.JobState])).toEqual([
      ["0", "COMPLETED"],
      ["1", "COMPLETED"],
      ["2", "FAILED"],
      ["3", "COMPLETED"],
    ]);
    // --kill-on-invalid-dep: the merge, whose afterok can no longer be met, is cancelled rather than left pending.
    expect(first.merge?.JobState).toBe("CANCELLED");
    expect(filesUnder(join(work, "rerun")).filter((f) => !f.startsWith("shards"))).toEqual([]);
    const rerun = await submit("rerun", ["--array=2"], { SHARDS: "4" });
    const second = jobsOf(rerun.array, "2");
    expect(second.tasks.map((t) => [t.ArrayTaskId, t.JobState])).toEqual([["2", "COMPLETED"]]);
    expect([second.merge?.JobState, second.merge?.ExitCode]).toEqual(["COMPLETED", "0:0"]);
    expectOneRun(join(work, "rerun"));
  }, 150_000);
});
