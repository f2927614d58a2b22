/**
 * `--nproc` behaves as one process when it stops: SIGTERM mid-run ends every worker and the run
 * by the same signal, leaves the results folder as it was and no private folder behind, and a
 * rerun recomputes only what no worker cached; after SIGKILL the workers go with their parent
 * and the next run removes their folder; a worker that dies is named in one line (exit 1)
 * and stops the other; an error every worker meets is the one line of a run in one process. Also:
 * `--shard K/N --nproc 2` writes shard K as one process on it does, `auto` records its choice, and
 * a fake device list bounds the workers on GPUs. Workers are found as the CLI's children in /proc.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskResult } from "../../src/results/schema.js";
import { ensureBuilt, runCliProcess, startCli } from "../cli-process.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL } from "../examples.js";
import { hasShared, sharedPath } from "../shared.js";
import { filesUnder, ok, stableResult } from "./shard-helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-nproc-stop-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => ensureBuilt());

const read = (path: string): TaskResult => JSON.parse(readFileSync(path, "utf8")) as TaskResult;
const qqp = (out: string, extra: string[]) => [
  "--task",
  "qqp",
  "--model",
  sharedPath("fixtures", "models", "bert-tiny-qqp"),
  "--data-dir",
  sharedPath("data"),
  "--output-dir",
  out,
  "--no-progress",
  ...extra,
];
const sst2 = (out: string, extra: string[]) => [
  "--task",
  "sst2",
  "--model",
  EXAMPLE_MODEL,
  "--data-dir",
  EXAMPLE_DATA,
  "--output-dir",
  out,
  "--no-cache",
  "--no-progress",
  ...extra,
];

/** The processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // pid (comm) state ppid ...: the command may hold spaces, so read after its closing parenthesis.
        const stat = readFileSync(join("/proc", name, "stat"), "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const chunkFiles = (cache: string): number =>
  existsSync(cache) ? readdirSync(cache, { recursive: true, encoding: "utf8" }).filter((f) => /chunk-\d+\.bin$/.test(f)).length : 0;

/** Starts a 2-worker QQP run with its private folders in `temp`; resolves once both workers run and `chunks` chunks are cached. */
async function startWorkers(out: string, cache: string, temp: string, chunks: number) {
  mkdirSync(temp, { recursive: true });
  const { child, done } = startCli(qqp(out, ["--cache-dir", cache, "--nproc", "2", "--threads", "2"]), undefined, { TMPDIR: temp });
  let workers: number[] = [];
  while (workers.length < 2 || chunkFiles(cache) < chunks) {
    if (child.exitCode !== null) throw new Error(`the run ended before it could be stopped: ${(await done).stderr}`);
    workers = childrenOf(child.pid as number);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { child, done, workers };
}

/** What a run leaves in TMPDIR besides onnxruntime's own files: none of the workers' folders. */
const workerFolders = (temp: string): string[] => readdirSync(temp).filter((name) => name.startsWith("glue-eval-workers-"));

describe.skipIf(!hasShared)("a run of 2 workers that stops", () => {
  it("SIGTERM ends every worker and the run by SIGTERM; a rerun recomputes only what no worker cached", async () => {
    const [out, cache, temp] = [join(tmp, "term"), join(tmp, "term-cache"), join(tmp, "term-tmp")];
    const { child, done, workers } = await startWorkers(out, cache, temp, 3);
    child.kill("SIGTERM");
    const stopped = await done;
    expect(stopped.signal).toBe("SIGTERM");
    expect(stopped.stderr).toBe("");
    expect(workers.filter((pid) => existsSync(join("/proc", String(pid))))).toEqual([]);
    expect(filesUnder(out)).toEqual([]);
    expect(workerFolders(temp)).toEqual([]);

    const rerun = await ok(runCliProcess(qqp(out, ["--cache-dir", cache, "--nproc", "2", "--threads", "2"]), undefined, { TMPDIR: temp }));
    const match = /reused (\d+) of (\d+) batches from the cache/.exec(rerun.stderr);
    console.log(`SIGTERM to a run of 2 workers: its rerun ${match?.[0] ?? "reused nothing"}`);
    expect(Number(match?.[1])).toBeGreaterThan(0);
    expect(Number(match?.[1])).toBeLessThan(Number(match?.[2]));
    expect(workerFolders(temp)).toEqual([]);
    const whole = join(tmp, "term-one");
    await ok(runCliProcess(qqp(whole, ["--no-cache", "--threads", "1"])));
    expect(readFileSync(join(out, "qqp.predictions.jsonl")).equals(readFileSync(join(whole, "qqp.predictions.jsonl")))).toBe(true);
    expect(read(join(out, "qqp.json")).metrics).toEqual(read(join(whole, "qqp.json")).metrics);
  });

  it("a worker that dies stops the other: one line naming it, exit 1, nothing written", async () => {
    const [out, cache, temp] = [join(tmp, "kill"), join(tmp, "kill-cache"), join(tmp, "kill-tmp")];
    const { done, workers } = await startWorkers(out, cache, temp, 1);
    process.kill(workers[1] as number, "SIGKILL");
    const failed = await done;
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^glue-eval: error: worker [12] of 2 ended by SIGKILL before it finished; the results folder was left as it was\n$/);
    expect(workers.filter((pid) => existsSync(join("/proc", String(pid))))).toEqual([]);
    expect(filesUnder(out)).toEqual([]);
    expect(workerFolders(temp)).toEqual([]);
  });

  it("SIGKILL leaves the workers' folder only until the next run: the workers go with their parent, the next run removes it", async () => {
    const [out, cache, temp] = [join(tmp, "sigkill"), join(tmp, "sigkill-cache"), join(tmp, "sigkill-tmp")];
    const { child, done, workers } = await startWorkers(out, cache, temp, 1);
    child.kill("SIGKILL");
    expect((await done).signal).toBe("SIGKILL");
    for (let waited = 0; workers.some((pid) => existsSync(join("/proc", String(pid)))) && waited < 10_000; waited += 20)
      await new Promise((r) => setTimeout(r, 20));
    expect(workers.filter((pid) => existsSync(join("/proc", String(pid))))).toEqual([]);
    expect(workerFolders(temp)).toHaveLength(1);
    await ok(runCliProcess(sst2(join(tmp, "sigkill-next"), ["--nproc", "2"]), undefined, { TMPDIR: temp }));
    expect(workerFolders(temp)).toEqual([]);
  });

  it("an error every worker meets is the one line, and the exit code, of one process", async () => {
    const args = (out: string, extra: string[]) => ["--task", "squad", ...qqp(out, ["--no-cache", ...extra]).slice(2)];
    const [one, two] = await Promise.all([runCliProcess(args(join(tmp, "err-one"), [])), runCliProcess(args(join(tmp, "err-two"), ["--nproc", "2"]))]);
    expect(one.code).toBe(1);
    expect(one.stderr).toMatch(/^glue-eval: error: .*bert-tiny-qqp\/model\.onnx: squad needs a question-answering model/);
    expect([two.code, two.stderr]).toEqual([one.code, one.stderr]);
    expect(filesUnder(join(tmp, "err-two"))).toEqual([]);
  });
});

describe("--nproc with other flags", () => {
  it("--shard 1/3 --nproc 2 writes shard 1 as one process on it does (int8, file-order batches)", async () => {
    const [one, two] = [join(tmp, "shard-one"), join(tmp, "shard-two")];
    await ok(runCliProcess(sst2(one, ["--dtype", "q8", "--shard", "1/3", "--threads", "1"])));
    await ok(runCliProcess(sst2(two, ["--dtype", "q8", "--shard", "1/3", "--threads", "2", "--nproc", "2"])));
    const names = filesUnder(one);
    expect(names).toEqual(["shards/1-of-3/sst2.json", "shards/1-of-3/sst2.predictions.jsonl"]);
    expect(filesUnder(two)).toEqual(names);
    expect(readFileSync(join(two, names[1] as string)).equals(readFileSync(join(one, names[1] as string)))).toBe(true);
    const stable = (dir: string) => ({ ...(JSON.parse(stableResult(join(dir, names[0] as string), [dir])) as TaskResult), command: [] });
    expect(stable(two)).toEqual(stable(one));
    expect(read(join(two, names[0] as string)).timing.workers).toEqual({ count: 2, threads: 1, rule: "--nproc 2" });
  });

  it("shows one progress for the run: lines over all 872 examples, as one process's", async () => {
    const done = await ok(runCliProcess(sst2(join(tmp, "progress"), ["--nproc", "2", "--threads", "2"]).filter((a) => a !== "--no-progress")));
    const counts = [...done.stderr.matchAll(/^glue-eval: bert-tiny-sst2 sst2: (\d+)\/(\d+) \(\d+%\)/gm)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(counts.length).toBeGreaterThanOrEqual(2);
    expect(counts.every(([, total]) => total === 872)).toBe(true);
    expect(counts.map(([n]) => n)).toEqual(counts.map(([n]) => n).sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(counts.at(-1)).toEqual([872, 872]);
  });

  it("auto records its choice: one process for the 872 examples of SST-2", async () => {
    const out = join(tmp, "auto");
    await ok(runCliProcess(sst2(out, ["--nproc", "auto"])));
    const { workers } = read(join(out, "sst2.json")).timing;
    expect(workers?.count).toBe(1);
    expect(workers?.rule).toMatch(/^auto: 1 \(\d+ cores, 872 examples, weights \d+ MiB, \d+ MiB free\)$/);
  });

  it("puts no more workers on GPUs than CUDA_VISIBLE_DEVICES names", async () => {
    const refused = await runCliProcess(sst2(join(tmp, "gpus"), ["--execution-provider", "cuda", "--nproc", "3"]), undefined, { CUDA_VISIBLE_DEVICES: "0,1" });
    expect([refused.code, refused.stderr]).toEqual([2, "glue-eval: error: --nproc 3: worker i runs on GPU i, and 2 GPUs are visible\n"]);
  });
});
