import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GlueEvalError, ModelError } from "../../src/errors.js";
import { defaultHubCache, resolveModel } from "../../src/model/hub.js";
import { sha256 } from "../../src/util/hash.js";
import { hasShared, sharedPath } from "../shared.js";
import { listFiles, notFound, sendBytes, startServer, type TestServer } from "../download/server.js";

type Repo = Map<string, Uint8Array>;

function repoFromFolder(folder: string): Repo {
  const dir = sharedPath("fixtures", "models", folder);
  const files: Repo = new Map();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(full.slice(dir.length + 1).split("\\").join("/"), readFileSync(full));
  }
  return files;
}

const ENV_KEYS = ["HF_HOME", "HF_HUB_CACHE", "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_ENDPOINT", "XDG_CACHE_HOME"] as const;

describe.skipIf(!hasShared)("resolveModel from a hub-compatible endpoint", () => {
  const repos = new Map<string, Repo>();
  /** CDN paths whose next GET is cut after this many bytes; CDN blobs served with other bytes. */
  const dropNext = new Map<string, number>();
  const tamper = new Set<string>();
  let hub: TestServer;
  let cdn: TestServer;
  let hfHome: string;
  const savedEnv = new Map<string, string | undefined>();

  beforeAll(async () => {
    repos.set("test-org/bert-tiny-sst2", repoFromFolder("bert-tiny-sst2"));
    const optimum = repoFromFolder("bert-tiny-cola");
    optimum.set("model.onnx_data", randomBytes(50_000));
    repos.set("test-org/optimum-tiny", optimum);
    repos.set("test-org/deberta-int8-only", repoFromFolder("deberta-v3-tiny-squad2"));
    const blobs = new Map<string, Uint8Array>();
    for (const repo of repos.values()) for (const data of repo.values()) blobs.set(sha256(data), data);
    cdn = await startServer((req, res, path) => {
      const data = blobs.get(path.replace(/^\/blobs\//, ""));
      if (data === undefined) return notFound(res);
      const drop = req.method === "GET" ? dropNext.get(path) : undefined;
      dropNext.delete(path);
      sendBytes(req, res, tamper.has(path) ? Buffer.from(data).reverse() : data, drop === undefined ? {} : { dropAfter: drop });
    });
    hub = await startServer((req, res, path) => {
      const match = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(path);
      const repo = match ? repos.get(match[1] ?? "") : undefined;
      if (!match || !repo) return notFound(res, "RepoNotFound");
      if (match[2] !== "main") return notFound(res, "RevisionNotFound");
      const data = repo.get(match[3] ?? "");
      if (data === undefined) return notFound(res, "EntryNotFound");
      if (!(match[3] ?? "").includes(".onnx")) {
        return sendBytes(req, res, data, { headers: { etag: `"${createHash("sha1").update(data).digest("hex")}"` } });
      }
      const oid = sha256(data);
      res.writeHead(302, { location: `${cdn.url}/blobs/${oid}`, "x-linked-size": String(data.length), "x-linked-etag": `"${oid}"`, etag: `"${oid}"` }).end();
    });
  });
  afterAll(async () => {
    await hub.close();
    await cdn.close();
  });
  beforeEach(async () => {
    for (const key of ENV_KEYS) {
      savedEnv.set(key, process.env[key]);
      delete process.env[key];
    }
    hfHome = await mkdtemp(join(tmpdir(), "glue-eval-hf-"));
    process.env.HF_HOME = hfHome;
    hub.requests.length = 0;
    cdn.requests.length = 0;
  });
  afterEach(async () => {
    for (const key of ENV_KEYS) {
      const value = savedEnv.get(key);
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await rm(hfHome, { recursive: true, force: true });
  });

  it("downloads a transformers.js-layout model into $HF_HOME/hub and then serves it from the cache without a request", async () => {
    const dir = await resolveModel("test-org/bert-tiny-sst2", { dtype: "q8", endpoint: hub.url });
    expect(dir).toBe(join(hfHome, "hub", "models--test-org--bert-tiny-sst2", "snapshots", "main"));
    expect(defaultHubCache()).toBe(join(hfHome, "hub"));
    expect(await listFiles(dir)).toEqual(["config.json", "onnx/model_quantized.onnx", "tokenizer.json", "tokenizer_config.json"]);
    const reference = sharedPath("fixtures", "models", "bert-tiny-sst2", "onnx", "model_quantized.onnx");
    expect((await readFile(join(dir, "onnx", "model_quantized.onnx"))).equals(await readFile(reference))).toBe(true);
    const heads = hub.requests.filter((r) => r.method === "HEAD").map((r) => r.path.split("/resolve/main/")[1]);
    expect(heads.indexOf("model_quantized.onnx")).toBeLessThan(heads.indexOf("onnx/model_quantized.onnx"));
    expect(heads).toContain("onnx/model_quantized.onnx_data");

    const counts = [hub.requests.length, cdn.requests.length];
    expect(await resolveModel("test-org/bert-tiny-sst2", { dtype: "q8", endpoint: hub.url })).toBe(dir);
    expect([hub.requests.length, cdn.requests.length]).toEqual(counts);
  });

  it("reads the optimum layout and fetches the external data file", async () => {
    const cacheDir = join(hfHome, "elsewhere");
    const dir = await resolveModel("test-org/optimum-tiny", { dtype: "fp32", endpoint: hub.url, cacheDir });
    expect(dir).toBe(join(cacheDir, "models--test-org--optimum-tiny", "snapshots", "main"));
    expect(await listFiles(dir)).toEqual(["config.json", "model.onnx", "model.onnx_data", "tokenizer.json", "tokenizer_config.json"]);
    expect(sha256(await readFile(join(dir, "model.onnx_data")))).toBe(sha256(repos.get("test-org/optimum-tiny")?.get("model.onnx_data") ?? new Uint8Array()));
    expect(hub.requests.some((r) => r.path.includes("/onnx/"))).toBe(false);
  });

  it("sends HF_TOKEN to the hub but not to the CDN it redirects to", async () => {
    process.env.HF_TOKEN = "hf_secret";
    await resolveModel("test-org/bert-tiny-sst2", { dtype: "fp32", endpoint: hub.url });
    expect(hub.requests.every((r) => r.authorization === "Bearer hf_secret")).toBe(true);
    expect(cdn.requests.length).toBeGreaterThan(0);
    expect(cdn.requests.every((r) => r.authorization === undefined)).toBe(true);
  });

  it("resumes a graph download cut off mid-file", async () => {
    const data = repos.get("test-org/bert-tiny-sst2")?.get("onnx/model.onnx") ?? new Uint8Array();
    dropNext.set(`/blobs/${sha256(data)}`, 1_500_000);
    process.env.HF_ENDPOINT = hub.url;
    const dir = await resolveModel("test-org/bert-tiny-sst2", { dtype: "fp32" });
    expect(sha256(await readFile(join(dir, "onnx", "model.onnx")))).toBe(sha256(data));
    const gets = cdn.requests.filter((r) => r.method === "GET" && r.path === `/blobs/${sha256(data)}`);
    expect(gets.map((r) => r.range === undefined)).toEqual([true, false]);
  });

  it("rejects a graph whose bytes do not match the hub's sha256 and leaves no file", async () => {
    const data = repos.get("test-org/bert-tiny-sst2")?.get("onnx/model_quantized.onnx") ?? new Uint8Array();
    const blob = `/blobs/${sha256(data)}`;
    tamper.add(blob);
    try {
      const error = await resolveModel("test-org/bert-tiny-sst2", { dtype: "q8", endpoint: hub.url }).catch((e: unknown) => e);
      expect((error as GlueEvalError).code).toBe("INTEGRITY");
      expect((error as Error).message).toMatch(new RegExp(`^test-org/bert-tiny-sst2/onnx/model_quantized\\.onnx: sha256 mismatch: expected ${sha256(data)}, got [0-9a-f]{64}$`));
      const snapshot = join(hfHome, "hub", "models--test-org--bert-tiny-sst2", "snapshots", "main");
      expect((await listFiles(snapshot)).filter((f) => f.startsWith("onnx/"))).toEqual([]);
    } finally {
      tamper.delete(blob);
    }
  });

  it("names the repo and the endpoint on one line when the repo does not exist", async () => {
    const error = await resolveModel("nobody/missing-model", { dtype: "fp32", endpoint: hub.url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    const message = (error as Error).message;
    expect(message).toContain("nobody/missing-model");
    expect(message).toContain(hub.url);
    expect(message).not.toContain("\n");
    expect(await listFiles(hfHome)).toEqual([]);
  });

  it("explains which graph files were tried", async () => {
    await expect(resolveModel("test-org/deberta-int8-only", { dtype: "fp32", endpoint: hub.url })).rejects.toThrow(
      /no fp32 ONNX graph .*tried model\.onnx, onnx\/model\.onnx/,
    );
  });

  it("names an unknown revision", async () => {
    await expect(resolveModel("test-org/bert-tiny-sst2", { dtype: "fp32", endpoint: hub.url, revision: "v9" })).rejects.toThrow(/revision "v9" not found/);
  });

  it("returns an existing folder unchanged and refuses what is neither a folder nor org/name", async () => {
    const folder = sharedPath("fixtures", "models", "bert-tiny-cola");
    expect(await resolveModel(folder, { dtype: "fp32" })).toBe(folder);
    await expect(resolveModel("./no/such/folder", { dtype: "fp32" })).rejects.toThrow(/not a folder, and not a hub model id/);
    expect(hub.requests).toEqual([]);
  });
});
