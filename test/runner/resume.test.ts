/**
 * Cache and resume: a run killed with SIGKILL mid-way, rerun with the same flags, recomputes
 * only what was not cached and gives exactly the results of an uninterrupted run.
 * Also: two identical runs write byte-identical files apart from the volatile fields.
 * Runs on the embedded demo set (examples/), so it needs nothing beside the checkout.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTokenizerFile } from "../../src/model/tokenizer.js";
import { planBatches } from "../../src/runner/batching.js";
import { planChunks } from "../../src/runner/infer.js";
import { VOLATILE_FIELDS } from "../../src/results/schema.js";
import { glueDefinitions } from "../../src/tasks/catalogue/index.js";
import { encodeExamples } from "../../src/tasks/glue/encode.js";
import { readGlueSplit } from "../../src/tasks/glue/read.js";
import type { Feature } from "../../src/tasks/interface.js";
import { ensureBuilt, runCliProcess, startCli } from "../cli-process.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL, examplePath } from "../examples.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-resume-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * SST-2 dev fits one cache chunk; its rows repeated 12 times (10,464 rows, 263,408 fed tokens
 * at batch size 8) fill nine, so that a run can be killed between two of them.
 */
const DATA = join(tmp, "data");
const REPEATS = 12;
beforeAll(() => {
  ensureBuilt();
  const [header, ...rows] = readFileSync(examplePath("data", "glue", "SST-2", "dev.tsv"), "utf8")
    .replace(/\n$/, "")
    .split("\n");
  mkdirSync(join(DATA, "glue", "SST-2"), { recursive: true });
  const repeated = Array.from({ length: REPEATS }, () => rows).flat();
  writeFileSync(join(DATA, "glue", "SST-2", "dev.tsv"), `${[header, ...repeated].join("\n")}\n`);
});

const args = (out: string, extra: string[]): string[] => [
  "--task",
  "sst2",
  "--model",
  EXAMPLE_MODEL,
  "--batch-size",
  "8",
  "--data-dir",
  DATA,
  "--output-dir",
  out,
  "--no-progress",
  ...extra,
];

/** Indices of the chunk files under the cache root (chunk-00003.bin -> 3). */
function chunkIndices(dir: string): number[] {
  if (!existsSync(dir)) return [];
  // Key folders only: a run's write probe (.probe-*.tmp) may sit in the root while it is polled.
  const keys = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
  const names = keys.flatMap((k) => readdirSync(join(dir, k.name)));
  return names.flatMap((name) => {
    const match = /^chunk-(\d+)\.bin$/.exec(name);
    return match ? [Number(match[1])] : [];
  });
}

/** The features the CLI run feeds (max length 128). */
async function sst2Features(): Promise<Feature[]> {
  const def = glueDefinitions.find((d) => d.name === "sst2");
  if (def === undefined) throw new Error("sst2");
  const file = await readTokenizerFile(join(EXAMPLE_MODEL, "tokenizer.json"));
  const { examples } = await readGlueSplit(def, def.dev, DATA, null);
  return (await encodeExamples(file, examples, 128)).features;
}

const chunkFiles = (dir: string): number => chunkIndices(dir).length;

function stable(path: string): string {
  const result = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  for (const field of VOLATILE_FIELDS) delete result[field];
  return JSON.stringify(result);
}

describe("kill -9 and resume", () => {
  it("recomputes only the unfinished chunks and equals an uninterrupted run", async () => {
    const reference = join(tmp, "reference");
    const plain = await runCliProcess(args(reference, ["--no-cache"]));
    expect(plain.code, plain.stderr).toBe(0);

    const cache = join(tmp, "cache");
    const out = join(tmp, "resumed");
    const { child, done } = startCli(args(out, ["--cache-dir", cache]));
    while (chunkFiles(cache) < 3) {
      if (child.exitCode !== null) throw new Error("the run ended before it could be killed");
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill("SIGKILL");
    const killed = await done;
    expect(killed.signal).toBe("SIGKILL");
    const cachedBefore = chunkFiles(cache);
    const onDisk = chunkIndices(cache);
    expect(existsSync(join(out, "sst2.json"))).toBe(false);
    expect(readdirSync(out, { withFileTypes: true }).filter((e) => e.name.endsWith(".tmp")).length).toBe(0);

    const rerun = await runCliProcess(args(out, ["--cache-dir", cache]));
    expect(rerun.code, rerun.stderr).toBe(0);
    const match = /reused (\d+) of (\d+) batches from the cache/.exec(rerun.stderr);
    expect(match).not.toBeNull();
    const reused = Number(match?.[1]);
    const total = Number(match?.[2]);
    console.log(`killed after ${cachedBefore} chunks; rerun reused ${reused} of ${total} batches, recomputed ${total - reused}`);
    // Exactly the batches of the chunks on disk at the kill are reused (files appear whole, by rename).
    const chunkSizes = planChunks(planBatches(await sst2Features(), 8)).map((c) => c.length);
    expect(onDisk).toHaveLength(cachedBefore);
    expect(reused).toBe(onDisk.reduce((sum, i) => sum + (chunkSizes[i] ?? Number.NaN), 0));
    expect(reused).toBeLessThan(total);

    expect(readFileSync(join(out, "sst2.predictions.jsonl"), "utf8")).toBe(readFileSync(join(reference, "sst2.predictions.jsonl"), "utf8"));
    const a = JSON.parse(readFileSync(join(out, "sst2.json"), "utf8")) as { metrics: unknown };
    const b = JSON.parse(readFileSync(join(reference, "sst2.json"), "utf8")) as { metrics: unknown };
    expect(a.metrics).toEqual(b.metrics);

    // A changed flag is a new key: nothing is reused.
    const changed = await runCliProcess(args(join(tmp, "changed"), ["--cache-dir", cache, "--max-seq-length", "64", "--limit", "500"]));
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stderr).not.toMatch(/reused/);
  });

  it("writes byte-identical results for identical runs, apart from the volatile fields", async () => {
    const sst2 = (out: string): string[] => ["--task", "sst2", "--model", EXAMPLE_MODEL, "--data-dir", EXAMPLE_DATA, "--output-dir", out, "--no-cache"];
    const one = await runCliProcess(sst2(join(tmp, "det1")));
    const two = await runCliProcess(sst2(join(tmp, "det2")));
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(readFileSync(join(tmp, "det1", "sst2.predictions.jsonl"))).toEqual(readFileSync(join(tmp, "det2", "sst2.predictions.jsonl")));
    // The recorded command names the output folder, which differs here by construction.
    const normalized = (p: string): string => stable(p).replace(/det[12]/g, "detN");
    expect(normalized(join(tmp, "det1", "sst2.json"))).toBe(normalized(join(tmp, "det2", "sst2.json")));
  });
});
