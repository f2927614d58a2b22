/**
 * How `--nproc` splits a run: the workers' slices tile the task (or the node's shard) exactly
 * as `--shard` cuts, threads and GPUs per worker, the flags it refuses, and the rule `auto`
 * follows, each part of it on measurements given by hand; the visible GPUs from fake device
 * lists (CUDA_VISIBLE_DEVICES, a driver folder).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RunConfig } from "../../../src/runner/config.js";
import { visibleGpus } from "../../../src/runner/workers/auto.js";
import { autoPlan, fixedPlan, type Measured, workerConfig, workerShard } from "../../../src/runner/workers/plan.js";
import { sliceBounds } from "../../../src/tasks/shard.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-plan-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const cpu = { executionProvider: "cpu" } as const;
const cuda = { executionProvider: "cuda" } as const;
/** Tiny BERT on QQP dev on this project's 2-core machine. */
const QQP: Measured = { cores: 2, freeBytes: 20 * GiB, gpus: null, examples: 40430, weightBytes: 4.4 * MiB, unshardable: false };

describe("the workers' slices", () => {
  // Features per example: 1 (GLUE) or 1-3 windows (SQuAD), so that cuts aimed at a fraction of the features land between examples.
  const windows = (total: number) => {
    const before = [0];
    for (let e = 0; e < total; e++) before.push((before[e] as number) + 1 + ((e * 7) % 3));
    return (e: number) => before[e] as number;
  };

  it.each([
    { total: 10, align: 1 },
    { total: 40430, align: 1 },
    { total: 872, align: 32 },
    { total: 100, align: 32 },
    { total: 3, align: 1 },
  ])("tile the node's shard for $total examples, cuts aligned on $align", ({ total, align }) => {
    for (const count of [1, 2, 3, 8]) {
      for (const node of [undefined, { index: 0, count: 3 }, { index: 2, count: 3 }, { index: 1, count: 4 }]) {
        for (const before of [(e: number) => e, windows(total)]) {
          const whole = node === undefined ? { start: 0, end: total } : sliceBounds(total, { ...node, align }, before);
          const slices = Array.from({ length: count }, (_, i) => sliceBounds(total, { ...workerShard(node, i, count), align }, before));
          expect(slices[0]?.start).toBe(whole.start);
          expect(slices.at(-1)?.end).toBe(whole.end);
          for (const [i, s] of slices.slice(1).entries()) expect(s.start).toBe(slices[i]?.end);
          // File-order batches: every cut on one process's batch boundaries.
          for (const s of slices) if (s.start !== 0 && s.start !== total) expect(before(s.start) % align).toBe(0);
        }
      }
    }
  });

  it("are the shards --shard cuts: worker i of 2 in shard 1/3 is shard 3 + i of 6", () => {
    expect(workerShard(undefined, 1, 2)).toEqual({ index: 1, count: 2 });
    expect(workerShard({ index: 1, count: 3 }, 0, 2)).toEqual({ index: 2, count: 6 });
    expect(workerShard({ index: 1, count: 3 }, 1, 2)).toEqual({ index: 3, count: 6 });
  });
});

describe("--nproc N", () => {
  it("gives each worker the cores (or --threads) over N, at least one", () => {
    expect(fixedPlan(2, cpu, 2, null)).toEqual({ count: 2, threads: 1, rule: "--nproc 2" });
    expect(fixedPlan(3, cpu, 8, null)).toEqual({ count: 3, threads: 2, rule: "--nproc 3" });
    expect(fixedPlan(4, cpu, 2, null).threads).toBe(1);
  });

  it("puts worker i on GPU i of the visible devices", () => {
    expect(fixedPlan(3, cuda, 16, 4)).toEqual({ count: 3, threads: 5, devices: [0, 1, 2], rule: "--nproc 3" });
    // An unknown device count leaves the check to the provider, as --device-id does.
    expect(fixedPlan(2, cuda, 16, null).devices).toEqual([0, 1]);
  });

  it.each([
    { count: 3, config: cuda, gpus: 2, message: "--nproc 3: worker i runs on GPU i, and 2 GPUs are visible" },
    { count: 2, config: cuda, gpus: 1, message: "--nproc 2: worker i runs on GPU i, and 1 GPU is visible" },
    { count: 2, config: { ...cuda, deviceId: 1 }, gpus: 4, message: "--device-id picks one GPU; with --nproc 2 worker i runs on GPU i of the visible devices" },
  ])("refuses $message", ({ count, config, gpus, message }) => {
    expect(() => fixedPlan(count, config, 16, gpus)).toThrow(expect.objectContaining({ exitCode: 2, message }));
  });
});

describe("--nproc auto", () => {
  it("splits tiny BERT on QQP over the cores", () => {
    expect(autoPlan(cpu, QQP)).toEqual({ count: 2, threads: 1, rule: "auto: 2 (2 cores, 40430 examples, weights 4 MiB, 20480 MiB free)" });
    expect(autoPlan(cpu, { ...QQP, cores: 16 }).count).toBe(8);
    expect(autoPlan(cpu, { ...QQP, cores: 16, examples: 400000 }).count).toBe(16);
  });

  it("keeps one process for few examples: one worker per 5,000", () => {
    expect(autoPlan(cpu, { ...QQP, examples: 872 })).toMatchObject({ count: 1, threads: 2 });
    expect(autoPlan(cpu, { ...QQP, examples: 9815 }).count).toBe(1);
    expect(autoPlan(cpu, { ...QQP, examples: 10570 }).count).toBe(2);
    expect(autoPlan(cpu, { ...QQP, cores: 16, examples: 19647 }).count).toBe(3);
  });

  it("keeps one process for large weights, such as BERT-base and the 1.5 B encoder", () => {
    expect(autoPlan(cpu, { ...QQP, weightBytes: 418 * MiB })).toEqual({
      count: 1,
      threads: 2,
      rule: "auto: 1 (weights 418 MiB, above 100 MiB: one process keeps the cores busy)",
    });
    expect(autoPlan(cpu, { ...QQP, cores: 64, freeBytes: 500 * GiB, weightBytes: 5939 * MiB }).count).toBe(1);
    expect(autoPlan(cpu, { ...QQP, weightBytes: 100 * MiB }).count).toBe(2);
  });

  it("starts no more workers than copies of the weights fit in free memory, 300 MiB each besides, 1 GiB left over", () => {
    const weights = 90 * MiB;
    expect(autoPlan(cpu, { ...QQP, cores: 16, weightBytes: weights, freeBytes: GiB + 3 * (weights + 300 * MiB) }).count).toBe(3);
    expect(autoPlan(cpu, { ...QQP, cores: 16, weightBytes: weights, freeBytes: GiB + 3 * (weights + 300 * MiB) - 1 }).count).toBe(2);
    expect(autoPlan(cpu, { ...QQP, freeBytes: GiB / 2 }).count).toBe(1);
  });

  it("keeps one process where a slice's batches could not be one process's", () => {
    expect(autoPlan(cpu, { ...QQP, unshardable: true }).rule).toBe("auto: 1 (--batch-order length on a graph whose outputs depend on the batch)");
  });

  it("runs one worker per visible GPU with cuda, one for --device-id", () => {
    expect(autoPlan(cuda, { ...QQP, gpus: 4, cores: 16 })).toEqual({ count: 4, threads: 4, devices: [0, 1, 2, 3], rule: "auto: 4 (one per visible GPU)" });
    expect(autoPlan(cuda, { ...QQP, gpus: 1 }).count).toBe(1);
    expect(autoPlan(cuda, { ...QQP, gpus: null }).count).toBe(1);
    expect(autoPlan({ ...cuda, deviceId: 2 }, { ...QQP, gpus: 4 }).rule).toBe("auto: 1 (--device-id names one GPU)");
  });
});

describe("the visible GPUs", () => {
  const driver = (n: number): string => {
    const dir = join(tmp, `gpus-${n}`);
    for (let i = 0; i < n; i++) mkdirSync(join(dir, `0000:0${i}:00.0`), { recursive: true });
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  it.each([
    { visible: "0,1,2,3", count: 4 },
    { visible: "3,1", count: 2 },
    { visible: "GPU-8f6c1a2e-0000-0000-0000-000000000000,MIG-1f2e3d4c", count: 2 },
    // CUDA stops at the first entry that names no device.
    { visible: "0,1,-1,2", count: 2 },
    { visible: "-1", count: 0 },
    { visible: "", count: 0 },
  ])("CUDA_VISIBLE_DEVICES=$visible: $count", ({ visible, count }) => {
    expect(visibleGpus({ CUDA_VISIBLE_DEVICES: visible }, driver(8))).toBe(count);
  });

  it("are the driver's GPUs without CUDA_VISIBLE_DEVICES, and unknown without a driver", () => {
    expect(visibleGpus({}, driver(3))).toBe(3);
    expect(visibleGpus({}, join(tmp, "no-driver"))).toBeNull();
  });
});

describe("a worker's run", () => {
  const config = { threads: 0, overlap: "auto", executionProvider: "cpu", progress: true, nproc: 2, outputDir: "results/m" } as unknown as RunConfig;

  it("is its slice, threads and GPU into its own folder, with no bar of its own", () => {
    const plan = fixedPlan(2, cuda, 16, 2);
    const worker = workerConfig({ ...config, executionProvider: "cuda", shard: { index: 1, count: 3 } }, plan, 1, "/tmp/w", 16);
    expect(worker).toMatchObject({ threads: 8, deviceId: 1, outputDir: "/tmp/w", progress: false, shard: { index: 3, count: 6 } });
    expect(worker.nproc).toBeUndefined();
  });

  it("overlaps tasks only where the workers leave cores free (the overlap hides nothing on busy cores)", () => {
    expect(workerConfig(config, fixedPlan(2, cpu, 2, null), 0, "/tmp/w", 2).overlap).toBe("off");
    expect(workerConfig(config, fixedPlan(2, cpu, 2, null), 0, "/tmp/w", 4).overlap).toBe("on");
    expect(workerConfig({ ...config, overlap: "on" }, fixedPlan(2, cpu, 2, null), 0, "/tmp/w", 2).overlap).toBe("on");
  });
});
