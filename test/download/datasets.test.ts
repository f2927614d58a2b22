import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { downloadDatasets } from "../../src/download/datasets.js";
import { GlueEvalError } from "../../src/errors.js";
import { DATA_SOURCES } from "../../src/tasks/catalogue/index.js";
import { sha256 } from "../../src/util/hash.js";
import { hasShared, sharedPath } from "../shared.js";
import { glueZip, msrTestStandIn, msrTrainStandIn, sharedFile, withSteps } from "./builders.js";
import { listFiles, notFound, sendBytes, startServer, type TestServer } from "./server.js";

describe.skipIf(!hasShared)("dataset download from a mirror", () => {
  const served = new Map<string, Uint8Array>();
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    served.set("/glue/CoLA.zip", glueZip("CoLA", ["dev.tsv", "train.tsv"]));
    served.set("/glue/RTE.zip", glueZip("RTE", ["dev.tsv", "train.tsv"]));
    served.set("/glue/AX.tsv", sharedFile("data", "glue", "diagnostic", "diagnostic.tsv"));
    served.set("/glue/mrpc_dev_ids.tsv", sharedFile("data", "glue", "MRPC", "dev_ids.tsv"));
    served.set("/senteval/msr_paraphrase_train.txt", msrTrainStandIn());
    served.set("/senteval/msr_paraphrase_test.txt", msrTestStandIn());
    served.set("/squad/dev-v1.1.json", sharedFile("data", "squad", "dev-v1.1.json"));
    server = await startServer((req, res, path) => {
      const data = served.get(path);
      if (data === undefined) notFound(res);
      else sendBytes(req, res, data);
    });
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "glue-eval-data-"));
    server.requests.length = 0;
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  /** The catalogue's sources; only the stand-in archives and MRPC sources get their own hashes. */
  const specs = () => [
    withSteps("cola", { "glue/CoLA.zip": served.get("/glue/CoLA.zip") ?? new Uint8Array() }),
    withSteps("rte", { "glue/RTE.zip": served.get("/glue/RTE.zip") ?? new Uint8Array() }),
    withSteps("mrpc", {
      "senteval/msr_paraphrase_train.txt": served.get("/senteval/msr_paraphrase_train.txt") ?? new Uint8Array(),
      "senteval/msr_paraphrase_test.txt": served.get("/senteval/msr_paraphrase_test.txt") ?? new Uint8Array(),
    }),
    ...DATA_SOURCES.filter((s) => s.name === "ax" || s.name === "squad"),
  ];

  it("fetches, extracts and verifies several datasets, then finds them present without a request", async () => {
    const results = await downloadDatasets(specs(), { dataDir, baseUrl: `${server.url}/` });
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ["cola", "downloaded"],
      ["rte", "downloaded"],
      ["mrpc", "downloaded"],
      ["ax", "downloaded"],
      ["squad", "downloaded"],
    ]);
    expect(results[0]?.verified).toEqual(["CoLA.zip", "glue/CoLA/dev.tsv", "glue/CoLA/train.tsv"]);
    expect(results[2]?.verified).toContain("glue/MRPC/dev.tsv");
    expect(await listFiles(dataDir)).toEqual([
      "glue/CoLA/dev.tsv",
      "glue/CoLA/train.tsv",
      "glue/MRPC/dev.tsv",
      "glue/MRPC/dev_ids.tsv",
      "glue/MRPC/msr_paraphrase_test.txt",
      "glue/MRPC/msr_paraphrase_train.txt",
      "glue/MRPC/test.tsv",
      "glue/MRPC/train.tsv",
      "glue/RTE/dev.tsv",
      "glue/RTE/train.tsv",
      "glue/diagnostic/diagnostic.tsv",
      "squad/dev-v1.1.json",
    ]);
    expect(await readFile(join(dataDir, "glue/RTE/dev.tsv"))).toEqual(await readFile(sharedPath("data/glue/RTE/dev.tsv")));
    expect(await readFile(join(dataDir, "glue/MRPC/dev.tsv"))).toEqual(await readFile(sharedPath("data/glue/MRPC/dev.tsv")));

    server.requests.length = 0;
    const again = await downloadDatasets(specs(), { dataDir, baseUrl: server.url });
    expect(again.every((r) => r.status === "present")).toBe(true);
    expect(server.requests).toEqual([]);
  });

  it("rejects a tampered file with both hashes and leaves nothing behind", async () => {
    const original = sharedFile("data", "squad", "dev-v1.1.json");
    const tampered = Buffer.from(original);
    tampered[100] = (tampered[100] ?? 0) ^ 1;
    served.set("/squad/dev-v1.1.json", tampered);
    try {
      const error = await downloadDatasets(
        DATA_SOURCES.filter((s) => s.name === "squad"),
        { dataDir, baseUrl: server.url },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GlueEvalError);
      expect((error as GlueEvalError).code).toBe("INTEGRITY");
      expect((error as Error).message).toBe(`squad/dev-v1.1.json: sha256 mismatch: expected ${sha256(original)}, got ${sha256(tampered)}`);
      expect(await listFiles(dataDir)).toEqual([]);
      expect(await readdir(dataDir)).toEqual([]);
    } finally {
      served.set("/squad/dev-v1.1.json", original);
    }
  });

  it("rejects an archive whose extracted file was tampered with, leaving nothing behind", async () => {
    const zip = glueZip("CoLA", ["dev.tsv", "train.tsv"], { "dev.tsv": Buffer.from("1\tgj04\t\tthe sailors rode the breeze clear of the rocks .") });
    served.set("/glue/CoLA.zip", zip);
    try {
      const spec = withSteps("cola", { "glue/CoLA.zip": zip });
      await expect(downloadDatasets([spec], { dataDir, baseUrl: server.url })).rejects.toThrow(
        /^CoLA\.zip: CoLA\/dev\.tsv: sha256 mismatch: expected 8c013e21/,
      );
      expect(await listFiles(dataDir)).toEqual([]);
    } finally {
      served.set("/glue/CoLA.zip", glueZip("CoLA", ["dev.tsv", "train.tsv"]));
    }
  });

  it("refuses a zip-slip archive and writes nothing inside or outside the data dir", async () => {
    const evil = zipSync({ "CoLA/dev.tsv": sharedFile("data/glue/CoLA/dev.tsv"), "../evil.txt": Buffer.from("x"), "/abs": Buffer.from("y") });
    served.set("/glue/CoLA.zip", evil);
    const parent = await mkdtemp(join(tmpdir(), "glue-eval-slip-"));
    const inner = join(parent, "data");
    try {
      const spec = withSteps("cola", { "glue/CoLA.zip": evil });
      await expect(downloadDatasets([spec], { dataDir: inner, baseUrl: server.url })).rejects.toThrow(/CoLA\.zip: refusing archive entry "\.\.\/evil\.txt"/);
      expect(await listFiles(parent)).toEqual([]);
    } finally {
      served.set("/glue/CoLA.zip", glueZip("CoLA", ["dev.tsv", "train.tsv"]));
      await rm(parent, { recursive: true, force: true });
    }
  });

  it("reports a mirror that lacks a file as a network error naming the URL", async () => {
    const error = await downloadDatasets(
      DATA_SOURCES.filter((s) => s.name === "wnli"),
      { dataDir, baseUrl: server.url },
    ).catch((e: unknown) => e);
    expect((error as GlueEvalError).code).toBe("NETWORK");
    expect((error as Error).message).toContain(`${server.url}/glue/WNLI.zip: HTTP 404`);
    expect(server.requests.filter((r) => r.path === "/glue/WNLI.zip")).toHaveLength(1);
  });
});
