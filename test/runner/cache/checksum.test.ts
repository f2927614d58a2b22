/**
 * Every cache chunk carries a checksum of its payload. Before, changed bytes in a chunk were
 * used as they were: two logits swapped by hand turned SST-2 accuracy 0.9375 into 0.0625 with
 * "reused 3 of 3 batches", and one flipped bit gave a null logit in the predictions file.
 * Now a damaged chunk is a miss with a warning naming it, the results equal a --no-cache run,
 * and the chunk is written again. A cache that fails while reading or writing never fails the run.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCache } from "../../../src/runner/cache/store.js";
import { type CacheChunk, decodeChunk, encodeChunk } from "../../../src/runner/cache/chunk-file.js";
import { ensureBuilt } from "../../cli-process.js";
import { runAs } from "../../factories/processes.js";
import { hasShared, sharedPath } from "../../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-checksum-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const chunk = (): CacheChunk => ({
  members: [4, 0, 2],
  rows: new Map([
    ["logits", [Float32Array.of(1.5, -2), Float32Array.of(0.25, 3), Float32Array.of(-1, 1)]],
    ["start_logits", [Float32Array.of(1, 2, 3), Float32Array.of(4), Float32Array.of(5, 6)]],
  ]),
});

describe("chunk file", () => {
  it("reads back what it wrote", () => {
    const decoded = decodeChunk(encodeChunk(chunk()), [4, 0, 2]);
    expect(decoded.kind).toBe("ok");
    if (decoded.kind === "ok") expect(decoded.chunk).toEqual(chunk());
  });

  it("finds any flipped bit, in the header and in the values", () => {
    const bytes = encodeChunk(chunk());
    for (let at = 0; at < bytes.length; at++) {
      for (const bit of [0, 3, 7]) {
        const damaged = Buffer.from(bytes);
        damaged[at] = (damaged[at] ?? 0) ^ (1 << bit);
        expect(decodeChunk(damaged, [4, 0, 2]).kind, `byte ${at} bit ${bit}`).toBe("damaged");
      }
    }
  });

  it("finds two swapped values and a truncated file; another plan's chunk is stale, not damaged", () => {
    const bytes = encodeChunk(chunk());
    const swapped = Buffer.from(bytes);
    bytes.copy(swapped, swapped.length - 8, bytes.length - 4);
    bytes.copy(swapped, swapped.length - 4, bytes.length - 8, bytes.length - 4);
    expect(decodeChunk(swapped, [4, 0, 2])).toEqual({ kind: "damaged", reason: "checksum mismatch" });
    expect(decodeChunk(bytes.subarray(0, bytes.length - 4), [4, 0, 2]).kind).toBe("damaged");
    expect(decodeChunk(bytes, [0, 2, 4])).toEqual({ kind: "stale" });
  });
});

describe("openCache", () => {
  it("turns a chunk it cannot read into one warning and a miss", async () => {
    const root = join(tmp, "unreadable");
    mkdirSync(join(root, "key", "chunk-00000.bin"), { recursive: true });
    const warnings: string[] = [];
    const cache = openCache(root, "key", (m) => warnings.push(m));
    expect(await cache.load(0, [0])).toBeNull();
    expect(await cache.load(1, [1])).toBeNull();
    await expect(cache.save(0, chunk())).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^cache folder .*unreadable\/key: cannot read chunk-00000\.bin \(not a regular file but a folder\); the run goes on without the cache$/,
    );
  });

  /**
   * Before, a named pipe in a chunk's place blocked the run for good (reading it waits for a
   * writer), and a chunk far larger than its header states was read whole (a 1.9 GiB one took
   * 2 GB of memory and 10 s) before it was refused.
   */
  it.skipIf(process.platform === "win32")(
    "never opens a named pipe in a chunk's place: one warning and a miss",
    async () => {
      const root = join(tmp, "fifo");
      mkdirSync(join(root, "key"), { recursive: true });
      execFileSync("mkfifo", [join(root, "key", "chunk-00000.bin")]);
      const warnings: string[] = [];
      const cache = openCache(root, "key", (m) => warnings.push(m));
      expect(await cache.load(0, [4, 0, 2])).toBeNull();
      expect(warnings).toEqual([
        `cache folder ${join(root, "key")}: cannot read chunk-00000.bin (not a regular file but a named pipe); the run goes on without the cache`,
      ]);
    },
    10_000,
  );

  it("refuses a chunk larger than its header states after reading its head only", async () => {
    const root = join(tmp, "large");
    mkdirSync(join(root, "key"), { recursive: true });
    const file = join(root, "key", "chunk-00000.bin");
    const bytes = encodeChunk(chunk());
    writeFileSync(file, bytes);
    // 1 GiB more, as a hole: reading it whole would take a gigabyte of memory.
    truncateSync(file, bytes.length + 2 ** 30);
    const warnings: string[] = [];
    const cache = openCache(root, "key", (m) => warnings.push(m));
    const before = process.memoryUsage().rss;
    expect(await cache.load(0, [4, 0, 2])).toBeNull();
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 2 ** 20);
    expect(warnings).toEqual([
      `cache file ${file} is damaged (the file has ${bytes.length + 2 ** 30} bytes, its header states ${bytes.length}); recomputing it`,
    ]);
    writeFileSync(file, Buffer.concat([bytes.subarray(0, 36), Buffer.from([0xff, 0xff, 0xff, 0x7f])]));
    expect(await openCache(root, "key", (m) => warnings.push(m)).load(0, [4, 0, 2])).toBeNull();
    expect(warnings[1]).toBe(`cache file ${file} is damaged (its header is 2147483647 bytes long, the file 40); recomputing it`);
  });

  it("checks a chunk's header against its schema", () => {
    const bytes = encodeChunk(chunk());
    const header = Buffer.from(JSON.stringify({ members: [4, 0, 2], outputs: { logits: [2, "2", 2] } }));
    const at = 40;
    const length = bytes.readUInt32LE(36);
    const forged = Buffer.concat([
      bytes.subarray(0, at),
      header,
      Buffer.alloc(Math.ceil((at + header.length) / 4) * 4 - at - header.length),
      bytes.subarray(Math.ceil((at + length) / 4) * 4),
    ]);
    forged.writeUInt32LE(header.length, 36);
    createHash("sha256").update(forged.subarray(36)).digest().copy(forged, 4);
    expect(decodeChunk(forged, [4, 0, 2])).toEqual({
      kind: "damaged",
      reason: "header field outputs.logits[1]: Invalid input: expected number, received string",
    });
  });

  it("never rejects a save, and warns once however many fail", async () => {
    const root = join(tmp, "a-file");
    writeFileSync(root, "");
    const warnings: string[] = [];
    const cache = openCache(root, "key", (m) => warnings.push(m));
    await Promise.all([0, 1, 2].map((c) => cache.save(c, chunk())));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot write chunk-0000\d\.bin \(a file is in the way of its folder\)/);
  });
});

const args = (out: string, extra: string[]): string[] => [
  "--task",
  "sst2",
  "--model",
  sharedPath("fixtures", "models", "bert-tiny-sst2"),
  "--data-dir",
  sharedPath("data"),
  "--limit",
  "64",
  "--batch-size",
  "8",
  "--output-dir",
  out,
  "--no-progress",
  ...extra,
];

function chunkFiles(root: string): string[] {
  // The model-file digests kept beside the chunks (file-digests/) are not chunks.
  const keys = readdirSync(root).filter((key) => key !== "file-digests");
  return keys.flatMap((key) => readdirSync(join(root, key)).map((name) => join(root, key, name)));
}

/** Swaps the last two float32 values of each chunk (a row's two logits), or flips one bit in its last value. */
function damage(root: string, how: "swap" | "flip"): string[] {
  const files = chunkFiles(root);
  for (const file of files) {
    const bytes = readFileSync(file);
    const n = bytes.length;
    if (how === "swap") {
      const last = Buffer.from(bytes.subarray(n - 4));
      bytes.copy(bytes, n - 4, n - 8, n - 4);
      last.copy(bytes, n - 8);
    } else bytes[n - 2] = (bytes[n - 2] ?? 0) ^ 0x40;
    writeFileSync(file, bytes);
  }
  return files;
}

describe.skipIf(!hasShared)("a damaged chunk through the CLI", () => {
  beforeAll(() => ensureBuilt());

  it.each(["swap", "flip"] as const)("%s: a warning, the results of a --no-cache run, and the chunk written again", async (how) => {
    const reference = await runAs(args(join(tmp, `reference-${how}`), ["--no-cache"]));
    expect(reference.code, reference.stderr).toBe(0);
    const expected = readFileSync(join(tmp, `reference-${how}`, "sst2.predictions.jsonl"), "utf8");
    const cache = join(tmp, `cache-${how}`);
    const out = join(tmp, `out-${how}`);
    const fill = await runAs(args(out, ["--cache-dir", cache]));
    expect(fill.code, fill.stderr).toBe(0);

    const damaged = damage(cache, how);
    expect(damaged.length).toBeGreaterThan(0);
    const rerun = await runAs(args(out, ["--cache-dir", cache]));
    console.log(`[${how}] ${rerun.stderr.trim().split("\n").join(" | ")}`);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(readFileSync(join(out, "sst2.predictions.jsonl"), "utf8")).toBe(expected);
    const warnings = rerun.stderr.split("\n").filter((l) => l.startsWith("glue-eval: warning:"));
    expect(warnings).toEqual(damaged.map((file) => `glue-eval: warning: cache file ${file} is damaged (checksum mismatch); recomputing it`));

    const third = await runAs(args(out, ["--cache-dir", cache]));
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).not.toMatch(/warning/);
    expect(third.stderr).toMatch(/reused (\d+) of \1 batches from the cache/);
    expect(readFileSync(join(out, "sst2.predictions.jsonl"), "utf8")).toBe(expected);
  });
});
