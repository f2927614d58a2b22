/**
 * inferAll and the output cache with a fake ModelSession: no native code. The fake computes
 * each output from the feeds, so a row that lands at the wrong feature, or is cut at the wrong
 * length, shows up as a wrong value.
 */
import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { FloatOutput, Int64Feed, ModelSession } from "../../src/model/session.js";
import { planBatches } from "../../src/runner/batching.js";
import { openCache } from "../../src/runner/cache/store.js";
import { inferAll, planChunks } from "../../src/runner/infer.js";
import type { OutputSpec } from "../../src/tasks/catalogue/types.js";
import type { Feature } from "../../src/tasks/interface.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-infer-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const LOGITS: OutputSpec[] = [{ name: "logits", per: "example" }];
const QA: OutputSpec[] = [
  { name: "start_logits", per: "token" },
  { name: "end_logits", per: "token" },
];

/**
 * logits: [sum of the unmasked ids, their count] per row; start_logits: each id; end_logits:
 * each id + 0.5 (padding positions too, so a row not cut back would be too long).
 */
function fakeSession(options: { failOnCall?: number; startWidth?: (width: number) => number } = {}): ModelSession & { calls: number } {
  const session = {
    calls: 0,
    inputNames: ["input_ids", "attention_mask"],
    outputNames: ["logits", "start_logits", "end_logits"],
    async run(feeds: Readonly<Record<string, Int64Feed>>): Promise<Record<string, FloatOutput>> {
      session.calls += 1;
      if (session.calls === options.failOnCall) throw new Error("the fake session fails here");
      const ids = feeds.input_ids as Int64Feed;
      const mask = feeds.attention_mask as Int64Feed;
      const [rows = 0, width = 0] = ids.dims;
      const logits = new Float32Array(rows * 2);
      const startWidth = options.startWidth?.(width) ?? width;
      const start = new Float32Array(rows * startWidth);
      const end = new Float32Array(rows * width);
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < width; j++) {
          const id = Number(ids.data[r * width + j]);
          if (mask.data[r * width + j] === 1n) {
            logits[2 * r] = (logits[2 * r] as number) + id;
            logits[2 * r + 1] = (logits[2 * r + 1] as number) + 1;
          }
          if (j < startWidth) start[r * startWidth + j] = id;
          end[r * width + j] = id + 0.5;
        }
      }
      return {
        logits: { data: logits, dims: [rows, 2] },
        start_logits: { data: start, dims: [rows, startWidth] },
        end_logits: { data: end, dims: [rows, width] },
      };
    },
    async release(): Promise<void> {},
  };
  return session;
}

/** Features of varied lengths whose ids say which feature they belong to. */
function features(count: number, longest: number): Feature[] {
  return Array.from({ length: count }, (_, i) => {
    const n = 1 + ((i * 37) % longest);
    return { ids: Array.from({ length: n }, (_, j) => i * 1000 + j), typeIds: new Array<number>(n).fill(0) };
  });
}

const sum = (values: ArrayLike<number>): number => Array.from(values).reduce((a, b) => a + b, 0);

describe("inferAll", () => {
  it.each(["length", "file"] as const)("returns one row per feature in feature order (%s order)", async (order) => {
    const input = features(50, 40);
    const { outputs, stats, pendingSaves } = await inferAll(fakeSession(), input, LOGITS, { batchSize: 8, order, padId: 0 });
    const rows = outputs.get("logits") ?? [];
    expect(rows).toHaveLength(input.length);
    input.forEach((f, i) => {
      expect(Array.from(rows[i] ?? []), `feature ${i}`).toEqual([sum(f.ids), f.ids.length]);
    });
    const batches = planBatches(input, 8, order);
    expect(stats.batches).toBe(batches.length);
    expect(stats.realTokens).toBe(sum(input.map((f) => f.ids.length)));
    expect(stats.fedTokens).toBe(sum(batches.map((b) => b.length * b.members.length)));
    expect(stats.cachedBatches).toBe(0);
    expect(pendingSaves).toEqual([]);
  });

  it("cuts per-token outputs back to each feature's length, and keeps per-example rows whole", async () => {
    const input = features(30, 25);
    const { outputs } = await inferAll(fakeSession(), input, QA, { batchSize: 4, padId: 0 });
    input.forEach((f, i) => {
      expect(Array.from(outputs.get("start_logits")?.[i] ?? [])).toEqual(Array.from(f.ids));
      expect(Array.from(outputs.get("end_logits")?.[i] ?? [])).toEqual(Array.from(f.ids, (id) => id + 0.5));
    });
  });

  it("refuses a per-token output that is not one value per token", async () => {
    const session = fakeSession({ startWidth: (width) => width + 1 });
    await expect(inferAll(session, features(5, 10), QA, { batchSize: 4, padId: 0 })).rejects.toThrow(/output start_logits should have one value per token/);
  });

  it("reports progress in features done", async () => {
    const seen: number[] = [];
    await inferAll(fakeSession(), features(20, 10), LOGITS, { batchSize: 8, padId: 0, onBatch: (done, total) => seen.push(done / total) });
    expect(seen.at(-1)).toBe(1);
  });

  it("reports progress after every batch, with the batches done of all", async () => {
    // Once reported once per cache chunk: a small set is one chunk, so a log got a single line at 100%.
    const seen: string[] = [];
    const input = features(20, 10);
    await inferAll(fakeSession(), input, LOGITS, {
      batchSize: 8,
      padId: 0,
      onBatch: (done, total, b, batches) => seen.push(`${done}/${total} ${b}/${batches}`),
    });
    const sizes = planBatches(input, 8, "length").map((b) => b.members.length);
    expect(sizes).toHaveLength(3);
    expect(seen).toEqual(sizes.map((_, i) => `${sizes.slice(0, i + 1).reduce((a, b) => a + b)}/20 ${i + 1}/3`));
  });
});

describe("inferAll with the output cache", () => {
  // Enough fed tokens for several chunks.
  const input = features(600, 120);
  const chunks = planChunks(planBatches(input, 16)).length;
  let warnings: string[] = [];
  beforeEach(() => {
    warnings = [];
  });
  const cacheAt = (root: string) => openCache(root, "k", (m) => warnings.push(m));

  it("saves every chunk, then serves a rerun from the cache alone, equal to the computed outputs", async () => {
    expect(chunks).toBeGreaterThan(1);
    const root = join(tmp, "rerun");
    const first = await inferAll(fakeSession(), input, QA, { batchSize: 16, padId: 0, cache: cacheAt(root) });
    expect(first.pendingSaves).toHaveLength(chunks);
    await Promise.all(first.pendingSaves);
    const idle = fakeSession({ failOnCall: 1 });
    const second = await inferAll(idle, input, QA, { batchSize: 16, padId: 0, cache: cacheAt(root) });
    expect(idle.calls).toBe(0);
    expect(second.stats.cachedBatches).toBe(second.stats.batches);
    expect(second.pendingSaves).toEqual([]);
    for (const { name } of QA) {
      expect(second.outputs.get(name)?.map((r) => Array.from(r))).toEqual(first.outputs.get(name)?.map((r) => Array.from(r)));
    }
    expect(warnings).toEqual([]);
  });

  it("recomputes a chunk that is damaged, stale or lacks an output", async () => {
    const root = join(tmp, "damaged");
    const first = await inferAll(fakeSession(), input, LOGITS, { batchSize: 16, padId: 0, cache: cacheAt(root) });
    await Promise.all(first.pendingSaves);
    const dir = join(root, "k");
    const files = readdirSync(dir).sort();
    truncateSync(join(dir, files[0] as string), 10);
    writeFileSync(join(dir, files[1] as string), "not a chunk");
    const session = fakeSession();
    const second = await inferAll(session, input, LOGITS, { batchSize: 16, padId: 0, cache: cacheAt(root) });
    const perChunk = planChunks(planBatches(input, 16)).map((c) => c.length);
    expect(second.stats.cachedBatches).toBe(second.stats.batches - (perChunk[0] ?? 0) - (perChunk[1] ?? 0));
    expect(second.outputs.get("logits")?.map((r) => Array.from(r))).toEqual(first.outputs.get("logits")?.map((r) => Array.from(r)));
    expect(warnings).toEqual([
      expect.stringMatching(/chunk-00000\.bin is damaged \(/),
      expect.stringMatching(/chunk-00001\.bin is damaged \(not a chunk file\)/),
    ]);
    await Promise.all(second.pendingSaves);

    // Chunks keyed for other members (another batch size) or holding other outputs are not used.
    const other = await inferAll(fakeSession(), input, LOGITS, { batchSize: 7, padId: 0, cache: cacheAt(root) });
    expect(other.stats.cachedBatches).toBe(0);
    await Promise.all(other.pendingSaves);
    const qa = await inferAll(fakeSession(), input, QA, { batchSize: 16, padId: 0, cache: cacheAt(join(tmp, "damaged")) });
    expect(qa.stats.cachedBatches).toBe(0);
    await Promise.all(qa.pendingSaves);
  });

  it("lets the saves already started finish before an inference error goes up", async () => {
    const root = join(tmp, "failing");
    // The first call of the second chunk fails, once the first chunk's save has started.
    const session = fakeSession({ failOnCall: (planChunks(planBatches(input, 16))[0]?.length ?? 0) + 1 });
    await expect(inferAll(session, input, LOGITS, { batchSize: 16, padId: 0, cache: cacheAt(root) })).rejects.toThrow(/fails here/);
    expect(readdirSync(join(root, "k")).filter((f) => f.endsWith(".bin"))).toEqual(["chunk-00000.bin"]);
  });

  it("turns a save that fails into one warning: every pending save resolves, and the outputs stand", async () => {
    // A file where the cache folder should be: every save fails (ENOTDIR).
    const blocked = join(tmp, "blocked");
    writeFileSync(blocked, "");
    const reference = await inferAll(fakeSession(), input, LOGITS, { batchSize: 16, padId: 0 });
    const run = await inferAll(fakeSession(), input, LOGITS, { batchSize: 16, padId: 0, cache: cacheAt(join(blocked, "cache")) });
    expect(run.pendingSaves).toHaveLength(chunks);
    const settled = await Promise.allSettled(run.pendingSaves);
    expect(settled.every((s) => s.status === "fulfilled")).toBe(true);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^cache folder .*blocked\/cache\/k: cannot write chunk-0000\d\.bin \(a file is in the way of its folder\); the run goes on without the cache$/,
      ),
    ]);
    expect(run.outputs.get("logits")?.map((r) => Array.from(r))).toEqual(reference.outputs.get("logits")?.map((r) => Array.from(r)));
  });
});
