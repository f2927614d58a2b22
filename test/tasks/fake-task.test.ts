/**
 * A task added through the catalogue alone: one more entry in tasks/catalogue/entries.ts, and
 * nothing else. The help of run, score and download names it, the glue group holds it,
 * `download` fetches it (from the local mock server), and run and score evaluate it. The fake
 * task is SST-2's first rows under another name, so its run must score as SST-2's does.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { selectDatasets } from "../../src/download/select.js";
import { DATA_SOURCES, GROUPS, TASK_NAMES } from "../../src/tasks/catalogue/index.js";
import { resolveTaskList } from "../../src/tasks/catalogue/resolve.js";
import { tasks } from "../../src/tasks/index.js";
import { SUBMISSION_TASKS } from "../../src/submit/leaderboard.js";
import { listFiles, notFound, sendBytes, startServer, type TestServer } from "../download/server.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL } from "../examples.js";
import { runCaptured } from "../factories/cli.js";

const fakeDev = vi.hoisted(() => ({ rows: 40, bytes: Buffer.alloc(0) }));
const ROWS = fakeDev.rows;

vi.mock("../../src/tasks/catalogue/entries.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/tasks/catalogue/entries.js")>();
  const { GLUE_DEFAULTS, binary } = await import("../../src/tasks/catalogue/glue.js");
  const { plainFile, singleFile } = await import("../../src/tasks/catalogue/sources.js");
  const { EXAMPLE_DATA: data } = await import("../examples.js");
  const lines = readFileSync(join(data, "glue", "SST-2", "dev.tsv"), "utf8").split("\n");
  fakeDev.bytes = Buffer.from(`${lines.slice(0, fakeDev.rows + 1).join("\n")}\n`);
  const sha256 = createHash("sha256").update(fakeDev.bytes).digest("hex");
  const fake = {
    ...GLUE_DEFAULTS,
    name: "fake",
    kind: "classification",
    title: "Fake-SST",
    aliases: ["fake_config"],
    paper: null,
    labels: binary("negative", "positive"),
    metrics: "accuracy",
    primary: "accuracy",
    submission: null,
    data: singleFile("fake", plainFile("https://data.example/fake/", "fake", "dev.tsv", "glue/FAKE/dev.tsv", sha256, fakeDev.bytes.length)),
    dev: { file: "FAKE/dev.tsv", split: "dev", hasHeader: true, text: "sentence", label: "label" },
    test: { file: "FAKE/test.tsv", split: "test", hasHeader: true, text: "sentence", index: "index" },
  } as const;
  return { ...original, catalogue: { ...original.catalogue, fake } };
});

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-fake-task-"));
const dataDir = join(tmp, "data");
let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res, path) => {
    if (path === "/mirror/fake/dev.tsv") sendBytes(req, res, fakeDev.bytes);
    else notFound(res);
  });
});
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

const words = (text: string): Set<string> => new Set(text.split(/[\s,;:().]+/));

describe("a task added to the catalogue alone", () => {
  it("is a task, with its own runnable task, in every group it belongs to, and not in the leaderboard archive", () => {
    expect(TASK_NAMES).toContain("fake");
    expect(typeof (tasks as Record<string, { run?: unknown }>).fake?.run).toBe("function");
    expect(GROUPS.glue).toContain("fake");
    expect(GROUPS.all).toContain("fake");
    expect(resolveTaskList("glue")).toContain("fake");
    expect(resolveTaskList("FAKE_CONFIG,fake-sst")).toEqual(["fake"]);
    expect(() => resolveTaskList("fakee")).toThrow(/did you mean "fake"\?/);
    expect(SUBMISSION_TASKS.map((t) => t.name)).not.toContain("fake");
  });

  it.each([["run"], ["download"], ["score"]])("%s --help names it", async (command) => {
    const { code, stdout } = await runCaptured([command, "--help"]);
    expect(code).toBe(0);
    expect(words(stdout)).toContain("fake");
    expect(words(stdout)).toContain("fake_config");
  });

  it("is among the downloads of its group, and download fetches and verifies it from a mirror", async () => {
    expect(selectDatasets("glue").map((s) => s.name)).toContain("fake");
    expect(DATA_SOURCES.map((s) => s.name)).toContain("fake");
    const run = await runCaptured(["download", "--task", "fake_config", "--data-dir", dataDir, "--base-url", `${server.url}/mirror`]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe("fake: downloaded; sha256 verified: glue/FAKE/dev.tsv\n");
    expect(await listFiles(dataDir)).toEqual(["glue/FAKE/dev.tsv"]);
    expect(readFileSync(join(dataDir, "glue", "FAKE", "dev.tsv"))).toEqual(fakeDev.bytes);
  });

  it("is evaluated by run and scored by score, as SST-2 on the same rows", async () => {
    const fake = await runCaptured([
      "--task",
      "fake",
      "--model",
      EXAMPLE_MODEL,
      "--data-dir",
      dataDir,
      "--output-dir",
      join(tmp, "fake"),
      "--no-cache",
      "--json",
    ]);
    expect(fake.code, fake.stderr).toBe(0);
    const sst2 = await runCaptured([
      "--task",
      "sst2",
      "--limit",
      String(ROWS),
      "--model",
      EXAMPLE_MODEL,
      "--data-dir",
      EXAMPLE_DATA,
      "--output-dir",
      join(tmp, "sst2"),
      "--no-cache",
      "--json",
    ]);
    expect(sst2.code, sst2.stderr).toBe(0);
    const metrics = (stdout: string) => (JSON.parse(stdout) as { results: { metrics: Record<string, number> }[] }[])[0]?.results[0]?.metrics;
    expect(metrics(fake.stdout)?.accuracy).toBeGreaterThan(0);
    expect(metrics(fake.stdout)).toEqual(metrics(sst2.stdout));

    const ones = join(tmp, "ones.tsv");
    writeFileSync(ones, `index\tprediction\n${Array.from({ length: ROWS }, (_, i) => `${i}\t1`).join("\n")}\n`);
    const scored = await runCaptured(["score", "--task", "Fake-SST", "--predictions", ones, "--data-dir", dataDir, "--json"]);
    expect(scored.code, scored.stderr).toBe(0);
    const positives = fakeDev.bytes
      .toString("utf8")
      .trim()
      .split("\n")
      .slice(1)
      .filter((line) => line.endsWith("\t1")).length;
    expect(JSON.parse(scored.stdout)).toEqual({ accuracy: positives / ROWS });
  });

  it("names the download command when its data is missing", async () => {
    const empty = join(tmp, "empty");
    const run = await runCaptured([
      "--task",
      "sst2,fake",
      "--model",
      EXAMPLE_MODEL,
      "--data-dir",
      EXAMPLE_DATA,
      "--output-dir",
      join(tmp, "missing"),
      "--no-cache",
    ]);
    expect(run.code).toBe(1);
    const file = join(EXAMPLE_DATA, "glue", "FAKE", "dev.tsv");
    expect(run.stderr).toBe(`glue-eval: error: ${file}: no such file; fetch the data with \`glue-eval download --task fake --data-dir ${EXAMPLE_DATA}\`\n`);
    const scored = await runCaptured(["score", "--task", "fake", "--predictions", join(tmp, "ones.tsv"), "--data-dir", empty]);
    expect(scored.code).toBe(1);
    expect(scored.stderr).toContain(`fetch the data with \`glue-eval download --task fake --data-dir ${empty}\``);
  });
});
