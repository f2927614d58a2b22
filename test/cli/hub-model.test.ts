/** `--model org/name` end to end: downloaded from a hub-compatible endpoint on 127.0.0.1, then evaluated. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TaskResult } from "../../src/results.js";
import { ensureBuilt, runCliProcess } from "../cli-process.js";
import { notFound, sendBytes, startServer, type TestServer } from "../download/server.js";
import { hasShared, sharedPath } from "../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-hub-"));
let hub: TestServer;

beforeAll(async () => {
  ensureBuilt();
  hub = await startServer((req, res, path) => {
    const match = /^\/test-org\/bert-tiny-rte\/resolve\/main\/(.+)$/.exec(path);
    const file = match?.[1] === undefined ? null : sharedPath("fixtures", "models", "bert-tiny-rte", match[1]);
    if (file === null || file.includes("..") || !existsSync(file)) return notFound(res);
    sendBytes(req, res, readFileSync(file));
  });
});
afterAll(async () => {
  await hub?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!hasShared)("models by hub id", () => {
  it("downloads, caches and evaluates test-org/bert-tiny-rte like the local folder", async () => {
    const env = { HF_ENDPOINT: hub.url, HF_HOME: join(tmp, "hf") };
    const out = join(tmp, "out");
    const run = await runCliProcess(["--task", "rte", "--model", "test-org/bert-tiny-rte", "--data-dir", sharedPath("data"), "--output-dir", out, "--no-cache"], undefined, env);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(out, "rte.json"), "utf8")) as TaskResult;
    expect(result.model.path).toBe("test-org/bert-tiny-rte");
    expect(result.model.name).toBe("bert-tiny-rte");
    const ref = JSON.parse(readFileSync(sharedPath("fixtures", "refs", "bert-tiny-rte.json"), "utf8")) as { splits: { dev: { metrics: { accuracy: number } } } };
    expect(Math.abs((result.metrics.accuracy as number) - ref.splits.dev.metrics.accuracy)).toBeLessThanOrEqual(1e-6);
    expect(existsSync(join(tmp, "hf", "hub", "models--test-org--bert-tiny-rte", "snapshots", "main", "model.onnx"))).toBe(true);

    const requests = hub.requests.length;
    const again = await runCliProcess(["--task", "rte", "--model", "test-org/bert-tiny-rte", "--data-dir", sharedPath("data"), "--output-dir", join(tmp, "out2"), "--no-cache"], undefined, env);
    expect(again.code, again.stderr).toBe(0);
    expect(hub.requests.length).toBe(requests);
  });
});
