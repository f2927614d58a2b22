/**
 * A model is all of its bytes. Regression: a graph whose weights lie in model.onnx_data was
 * hashed by model.onnx alone, so replacing its weights reused the first weights' cached
 * outputs ("reused 3 of 3 batches") and gave both models the same sha256.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/dispatch.js";
import { ModelError } from "../../src/errors.js";
import { combinedDigest, fileDigest } from "../../src/model/digest.js";
import { inspectModel } from "../../src/model/inspect.js";
import type { PredictionLine, TaskResult } from "../../src/results/schema.js";
import { classifierGraph, writeModelFolder, writeSst2 } from "../factories/onnx.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-digest-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hex = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");
// Logit 0 = 0.01 × Σ ids, logit 1 = −0.01 × Σ ids: every example is "negative"; W_B flips it.
const W_A = [0.01, -0.01, 0, 0];
const W_B = [-0.01, 0.01, 0, 0];

describe("model digest", () => {
  it("is the graph's sha256 without external data, and the sha256sum listing with it", () => {
    const graph = { file: "model.onnx", bytes: 3, sha256: hex("abc") };
    const data = [
      { file: "weights_b.bin", bytes: 1, sha256: hex("b") },
      { file: "model.onnx_data", bytes: 1, sha256: hex("a") },
    ];
    expect(combinedDigest(graph, [])).toBe(hex("abc"));
    // As `sha256sum model.onnx model.onnx_data weights_b.bin | sha256sum` prints it.
    const listing = `${hex("abc")}  model.onnx\n${hex("a")}  model.onnx_data\n${hex("b")}  weights_b.bin\n`;
    expect(combinedDigest(graph, data)).toBe(hex(listing));
  });

  it("covers every external-data file the graph names and changes with them", async () => {
    const dir = join(tmp, "inspect");
    writeModelFolder(dir, "onnx/model.onnx", classifierGraph({ weights: W_A, external: "model.onnx_data" }), "model.onnx_data");
    const graphPath = join(dir, "onnx", "model.onnx");
    const first = await inspectModel(graphPath, "onnx/model.onnx", null);
    expect(first.files.map((f) => f.file)).toEqual(["onnx/model.onnx", "onnx/model.onnx_data"]);
    expect(first.files[1]).toMatchObject({ bytes: 16, sha256: hex(new Uint8Array(new Float32Array(W_A).buffer)) });
    expect(first.sha256).not.toBe(first.files[0]?.sha256);
    writeFileSync(join(dir, "onnx", "model.onnx_data"), new Uint8Array(new Float32Array(W_B).buffer));
    const second = await inspectModel(graphPath, "onnx/model.onnx", null);
    expect(second.files[0]?.sha256).toBe(first.files[0]?.sha256);
    expect(second.sha256).not.toBe(first.sha256);
  });

  it("names a missing or escaping external-data file in one line", async () => {
    const dir = join(tmp, "missing");
    writeModelFolder(dir, "model.onnx", classifierGraph({ weights: W_A, external: "model.onnx_data" }));
    await expect(inspectModel(join(dir, "model.onnx"), "model.onnx", null)).rejects.toThrow(/keeps weights in "model.onnx_data", which is missing/);
    const outside = join(tmp, "outside");
    writeModelFolder(outside, "model.onnx", classifierGraph({ weights: W_A, external: "../secret.bin" }));
    await expect(inspectModel(join(outside, "model.onnx"), "model.onnx", null)).rejects.toThrow(ModelError);
    await expect(inspectModel(join(outside, "model.onnx"), "model.onnx", null)).rejects.toThrow(/lies outside the graph's folder/);
  });

  it("reuses a kept digest only while size, mtime, ctime and inode are unchanged", async () => {
    const cache = join(tmp, "digest-cache");
    const file = join(tmp, "weights.bin");
    writeFileSync(file, "first content");
    const a = await fileDigest(file, "weights.bin", cache);
    expect(a.sha256).toBe(hex("first content"));
    expect(readdirSync(join(cache, "file-digests"))).toHaveLength(1);
    expect((await fileDigest(file, "weights.bin", cache)).sha256).toBe(a.sha256);
    // Same size, mtime put back: only the ctime (and the content) tell. The kept digest must not be used.
    const { atime, mtime } = statSync(file);
    writeFileSync(file, "other content");
    utimesSync(file, atime, mtime);
    expect((await fileDigest(file, "weights.bin", cache)).sha256).toBe(hex("other content"));
  });

  it("never takes a damaged kept digest for the file's sha256", async () => {
    const cache = join(tmp, "digest-cache-damaged");
    const file = join(tmp, "weights-damaged.bin");
    writeFileSync(file, "some weights");
    await fileDigest(file, "weights.bin", cache);
    const [name] = readdirSync(join(cache, "file-digests"));
    const entry = join(cache, "file-digests", name as string);
    const kept = JSON.parse(readFileSync(entry, "utf8")) as { sha256: string };
    // One hex digit changed: still a well-formed digest, but not this file's.
    const wrong = `${kept.sha256[0] === "0" ? "1" : "0"}${kept.sha256.slice(1)}`;
    writeFileSync(entry, JSON.stringify({ ...kept, sha256: wrong }));
    expect((await fileDigest(file, "weights.bin", cache)).sha256).toBe(hex("some weights"));
  });

  // Before, a named pipe in a kept digest's place blocked the run for good.
  it.skipIf(process.platform === "win32")(
    "never opens a named pipe in a kept digest's place",
    async () => {
      const cache = join(tmp, "digest-cache-fifo");
      const file = join(tmp, "weights-fifo.bin");
      writeFileSync(file, "piped weights");
      await fileDigest(file, "weights.bin", cache);
      const [name] = readdirSync(join(cache, "file-digests"));
      const entry = join(cache, "file-digests", name as string);
      rmSync(entry);
      execFileSync("mkfifo", [entry]);
      expect((await fileDigest(file, "weights.bin", cache)).sha256).toBe(hex("piped weights"));
    },
    10_000,
  );
});

describe("external weights through the CLI", () => {
  const model = join(tmp, "ext-model");
  const data = join(tmp, "data");
  const cache = join(tmp, "cache");
  const run = async (out: string): Promise<{ result: TaskResult; lines: PredictionLine[] }> => {
    const args = [
      "--task",
      "sst2",
      "--model",
      model,
      "--data-dir",
      data,
      "--cache-dir",
      cache,
      "--output-dir",
      out,
      "--batch-size",
      "2",
      "--no-progress",
      "--json",
    ];
    expect(await runCli(args)).toBe(0);
    const result = JSON.parse(readFileSync(join(out, "sst2.json"), "utf8")) as TaskResult;
    const lines = readFileSync(join(out, "sst2.predictions.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as PredictionLine);
    return { result, lines };
  };

  it("new weights change the sha256 and miss the cache; the same weights hit it", async () => {
    writeModelFolder(model, "model.onnx", classifierGraph({ weights: W_A, external: "model.onnx_data" }), "model.onnx_data");
    writeSst2(data, [
      ["a good film", 1],
      ["a bad film", 0],
      ["very very good", 1],
      ["not good", 0],
      ["film", 1],
    ]);
    const first = await run(join(tmp, "out-a"));
    expect(first.result.timing.cachedBatches).toBe(0);
    expect(first.lines.map((l) => l.prediction)).toEqual(["0", "0", "0", "0", "0"]);
    // [CLS] a good film [SEP] = ids 2 4 5 7 3: Σ = 21, so logits 0.21 and −0.21 (float32).
    expect(first.lines[0]?.logits).toEqual([Math.fround(0.01) * 21, Math.fround(-0.01) * 21].map(Math.fround));
    expect(first.result.model.files?.map((f) => f.file)).toEqual(["model.onnx", "model.onnx_data"]);

    const again = await run(join(tmp, "out-a2"));
    expect(again.result.timing.cachedBatches).toBe(again.result.timing.batches);
    expect(again.result.model.sha256).toBe(first.result.model.sha256);

    writeFileSync(join(model, "model.onnx_data"), new Uint8Array(new Float32Array(W_B).buffer));
    const second = await run(join(tmp, "out-b"));
    expect(second.result.model.sha256).not.toBe(first.result.model.sha256);
    expect(second.result.timing.cachedBatches).toBe(0);
    expect(second.lines.map((l) => l.prediction)).toEqual(["1", "1", "1", "1", "1"]);
    expect(existsSync(join(cache, "file-digests"))).toBe(true);
  });
});
