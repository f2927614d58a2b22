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
import { resolveModel } from "../../src/hub/resolve.js";
import { externalDataFiles, graphFiles } from "../../src/model/inspect.js";
import { classifierGraph, WORDS, wordTokenizer } from "../factories/onnx.js";
import { type Files, type MockHub, singleCommitRepo, startMockHub } from "./mock-hub.js";

describe("hub models with external weights", () => {
  const built = classifierGraph({ weights: [1, 2, 3, 4], external: "weights.bin" });
  const files: Files = new Map<string, Uint8Array>([
    ["config.json", Buffer.from(JSON.stringify({ id2label: { 0: "negative", 1: "positive" } }))],
    ["tokenizer.json", Buffer.from(wordTokenizer(WORDS))],
    ["onnx/model.onnx", built.graph],
    ["onnx/weights.bin", built.data as Uint8Array],
  ]);
  let mock: MockHub;
  let cache = "";
  const settings = () => ({ endpoint: mock.hub.url, cacheDir: cache, token: null, offline: false });
  beforeAll(async () => {
    mock = await startMockHub(new Map([["test-org/ext", singleCommitRepo(files)]]));
    cache = await mkdtemp(join(tmpdir(), "glue-eval-hub-ext-"));
  });
  afterAll(async () => {
    await mock.close();
    await rm(cache, { recursive: true, force: true });
  });

  it("lists the files a graph needs: itself and the external data its initializers name", async () => {
    const { dir } = await resolveModel("test-org/ext", { dtype: "fp32", settings: settings() });
    expect(await externalDataFiles(join(dir, "onnx", "model.onnx"))).toEqual(["weights.bin"]);
    expect(await graphFiles(join(dir, "onnx", "model.onnx"), "onnx/model.onnx")).toEqual(["onnx/model.onnx", "onnx/weights.bin"]);
  });

  it("fetches the weights the graph names, and completes a snapshot that lacks them", async () => {
    const { dir } = await resolveModel("test-org/ext", { dtype: "fp32", settings: settings() });
    expect(readFileSync(join(dir, "onnx", "weights.bin"))).toEqual(Buffer.from(built.data as Uint8Array));
    rmSync(join(dir, "onnx", "weights.bin"));
    mock.clear();
    await resolveModel("test-org/ext", { dtype: "fp32", settings: settings() });
    expect(existsSync(join(dir, "onnx", "weights.bin"))).toBe(true);
    // The snapshot was seen to be incomplete: the missing file was asked about (its blob, still
    // in the cache, is linked again rather than fetched).
    expect(mock.log().some((line) => line.includes("/paths-info/"))).toBe(true);
  });
});
