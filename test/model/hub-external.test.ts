/**
 * A hub model whose graph keeps its weights in a file other than `<graph>_data`: the download
 * fetches every external-data file the graph's initializers name, and a snapshot that lacks
 * one is not taken as complete.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { externalDataFiles, graphFiles } from "../../src/model/inspect.js";
import { resolveModel } from "../../src/model/hub.js";
import { classifierGraph, wordTokenizer, WORDS } from "../factories/onnx.js";
import { notFound, sendBytes, startServer, type TestServer } from "../download/server.js";

describe("hub models with external weights", () => {
  const built = classifierGraph({ weights: [1, 2, 3, 4], external: "weights.bin" });
  const files = new Map<string, Uint8Array>([
    ["config.json", Buffer.from(JSON.stringify({ id2label: { 0: "negative", 1: "positive" } }))],
    ["tokenizer.json", Buffer.from(wordTokenizer(WORDS))],
    ["onnx/model.onnx", built.graph],
    ["onnx/weights.bin", built.data as Uint8Array],
  ]);
  let hub: TestServer;
  let cache = "";
  beforeAll(async () => {
    hub = await startServer((req, res, path) => {
      const match = /^\/test-org\/ext\/resolve\/main\/(.+)$/.exec(path);
      const data = match === null ? undefined : files.get(match[1] ?? "");
      if (data === undefined) return notFound(res, "EntryNotFound");
      sendBytes(req, res, data);
    });
    cache = await mkdtemp(join(tmpdir(), "glue-eval-hub-ext-"));
  });
  afterAll(async () => {
    await hub.close();
    await rm(cache, { recursive: true, force: true });
  });

  it("lists the files a graph needs: itself and the external data its initializers name", async () => {
    const dir = await resolveModel("test-org/ext", { dtype: "fp32", endpoint: hub.url, cacheDir: cache });
    expect(await externalDataFiles(join(dir, "onnx", "model.onnx"))).toEqual(["weights.bin"]);
    expect(await graphFiles(join(dir, "onnx", "model.onnx"), "onnx/model.onnx")).toEqual(["onnx/model.onnx", "onnx/weights.bin"]);
  });

  it("fetches the weights the graph names, and refetches a snapshot that lacks them", async () => {
    const dir = await resolveModel("test-org/ext", { dtype: "fp32", endpoint: hub.url, cacheDir: cache });
    expect(readFileSync(join(dir, "onnx", "weights.bin"))).toEqual(Buffer.from(built.data as Uint8Array));
    rmSync(join(dir, "onnx", "weights.bin"));
    hub.requests.length = 0;
    await resolveModel("test-org/ext", { dtype: "fp32", endpoint: hub.url, cacheDir: cache });
    expect(existsSync(join(dir, "onnx", "weights.bin"))).toBe(true);
    expect(hub.requests.some((r) => r.path.endsWith("/onnx/weights.bin"))).toBe(true);
  });
});
