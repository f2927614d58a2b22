/**
 * Three shards, each a process of its own (`glue-eval --shard K/3`), then `glue-eval merge`:
 * the same files as one unsharded run, byte for byte, and in `<task>.json` everything but the
 * date and the timing. Int8 graphs in file order are cut on the whole run's batches (a cut
 * inside a batch changes the logits, as the control below shows). A shard killed mid-run is
 * rerun alone and reuses its cache; the merge refuses until it is back.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCliProcess, startCli } from "../cli-process.js";
import { hasShared } from "../shared.js";
import { evalArgs, filesUnder, metricDifference, ok, runMerge, stableResult } from "./shard-helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-shards-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => ensureBuilt());

const SHARDS = 3;
const shardFlag = (k: number): string[] => ["--shard", `${k}/${SHARDS}`];

/** The merged folder against the whole run's: the same files, identical bytes; `<task>.json` apart from date and timing. */
function expectSameResults(task: string, whole: string, merged: string, folders: { whole: string[]; merged: string[] }, label: string): void {
  const names = filesUnder(whole);
  expect(filesUnder(merged).filter((f) => !f.startsWith("shards"))).toEqual(names);
  for (const name of names) {
    if (name === `${task}.json`) expect(stableResult(join(merged, name), folders.merged)).toBe(stableResult(join(whole, name), folders.whole));
    else expect(readFileSync(join(merged, name)).equals(readFileSync(join(whole, name))), `${name} differs`).toBe(true);
  }
  const metrics = (dir: string) => (JSON.parse(readFileSync(join(dir, `${task}.json`), "utf8")) as { metrics: Record<string, number | null> }).metrics;
  const difference = metricDifference(metrics(whole), metrics(merged));
  console.log(`merge = single run | ${label} | files ${names.join(", ")} | identical bytes: yes | largest metric difference: ${difference}`);
  expect(difference).toBe(0);
}

interface Case {
  title: string;
  task: string;
  model: string;
  extra: string[];
}

const CASES: Case[] = [
  { title: "SST-2, int8, file-order batches", task: "sst2", model: "bert-tiny-sst2", extra: ["--dtype", "q8"] },
  { title: "SQuAD v1.1, fp32", task: "squad", model: "bert-tiny-squad", extra: [] },
  // A third of the dev set keeps the test short; every SQuAD 2.0 metric, the best_* thresholds included, is over all of it.
  {
    title: "SQuAD 2.0, fp32 (first 4,000 questions)",
    task: "squad_v2",
    model: "bert-tiny-squad2",
    extra: ["--null-score-diff-threshold", "3.64", "--limit", "4000"],
  },
  {
    // Short windows give many questions several windows: cuts must fall both between questions and on batch boundaries.
    title: "SQuAD 2.0, int8 DeBERTa-v3, file-order batches of windows (first 300 questions, 128-token windows)",
    task: "squad_v2",
    model: "deberta-v3-tiny-squad2",
    extra: ["--dtype", "q8", "--null-score-diff-threshold", "3.86", "--limit", "300", "--max-seq-length", "128", "--doc-stride", "32"],
  },
];

describe.skipIf(!hasShared)("merged shards equal one run", () => {
  it.each(CASES)("$title", async ({ task, model, extra }) => {
    const whole = join(tmp, `${task}-${model}-whole`);
    const sharded = join(tmp, `${task}-${model}-sharded`);
    const common = ["--no-cache", ...extra];
    await ok(runCliProcess(evalArgs(task, model, whole, common)));
    await Promise.all(Array.from({ length: SHARDS }, (_, k) => ok(runCliProcess(evalArgs(task, model, sharded, [...common, ...shardFlag(k)])))));
    expect(readdirSync(join(sharded, "shards")).sort()).toEqual(["0-of-3", "1-of-3", "2-of-3"]);
    await ok(runMerge(sharded));
    expectSameResults(task, whole, sharded, { whole: [whole], merged: [sharded] }, `${task} ${model} ${extra.includes("q8") ? "int8" : "fp32"}`);

    // Merging again is harmless: the same files, only the date and timing rewritten.
    const before = filesUnder(sharded).map((f) => [
      f,
      f.endsWith(`${task}.json`) ? stableResult(join(sharded, f), [sharded]) : readFileSync(join(sharded, f), "utf8"),
    ]);
    await ok(runMerge(sharded));
    expect(
      filesUnder(sharded).map((f) => [f, f.endsWith(`${task}.json`) ? stableResult(join(sharded, f), [sharded]) : readFileSync(join(sharded, f), "utf8")]),
    ).toEqual(before);
  });

  it("int8 control: a cut inside a batch of the whole run changes logits, so the cuts must fall on batch boundaries", async () => {
    const whole = join(tmp, "sst2-bert-tiny-sst2-whole");
    if (!existsSync(whole)) await ok(runCliProcess(evalArgs("sst2", "bert-tiny-sst2", whole, ["--no-cache", "--dtype", "q8"])));
    // The first 300 rows end 12 rows into the whole run's tenth batch of 32.
    const prefix = join(tmp, "sst2-q8-prefix");
    await ok(runCliProcess(evalArgs("sst2", "bert-tiny-sst2", prefix, ["--no-cache", "--dtype", "q8", "--limit", "300"])));
    const logits = (dir: string) =>
      readFileSync(join(dir, "sst2.predictions.jsonl"), "utf8")
        .trim()
        .split("\n")
        .slice(0, 300)
        .map((l) => JSON.stringify((JSON.parse(l) as { logits: number[] }).logits));
    const [a, b] = [logits(whole), logits(prefix)];
    expect(a.slice(0, 288)).toEqual(b.slice(0, 288));
    expect(a.slice(288).filter((row, i) => row !== b[288 + i]).length).toBeGreaterThan(0);
    const cuts = [0, 1, 2].map(
      (k) =>
        (JSON.parse(readFileSync(join(tmp, "sst2-bert-tiny-sst2-sharded", "shards", `${k}-of-3`, "sst2.json"), "utf8")) as { shard: { start: number } }).shard
          .start,
    );
    expect(cuts).toEqual([0, 288, 576]);
  });

  it("QQP, fp32, all 40,430 pairs: a shard killed mid-run is refused by the merge, rerun alone from its cache, then merged", async () => {
    const whole = join(tmp, "qqp-whole");
    const sharded = join(tmp, "qqp-sharded");
    const cache = join(tmp, "qqp-cache");
    const args = (out: string, extra: string[] = []) => evalArgs("qqp", "bert-tiny-qqp", out, ["--cache-dir", cache, ...extra]);

    const { child, done } = startCli(args(sharded, shardFlag(1)));
    while (chunkFiles(cache) < 3) {
      if (child.exitCode !== null) throw new Error("shard 1 ended before it could be killed");
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill("SIGKILL");
    expect((await done).signal).toBe("SIGKILL");
    await Promise.all([0, 2].map((k) => ok(runCliProcess(args(sharded, shardFlag(k))))));

    const refused = await runMerge(sharded);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^glue-eval: error: cannot merge: qqp shard 1\/3 is missing from .*shards \(found 0\/3, 2\/3\)/),
    ]);
    expect(readdirSync(sharded)).toEqual(["shards"]);

    const rerun = await ok(runCliProcess(args(sharded, shardFlag(1))));
    const match = /reused (\d+) of (\d+) batches from the cache/.exec(rerun.stderr);
    console.log(`killed shard 1/3: its rerun ${match?.[0] ?? "reused nothing"}`);
    expect(Number(match?.[1])).toBeGreaterThan(0);
    expect(Number(match?.[1])).toBeLessThan(Number(match?.[2]));

    await ok(runMerge(sharded));
    await ok(runCliProcess(args(whole)));
    expectSameResults("qqp", whole, sharded, { whole: [whole, cache], merged: [sharded, cache] }, "qqp bert-tiny-qqp fp32");
    const merged = JSON.parse(readFileSync(join(sharded, "qqp.json"), "utf8")) as { n: number; timing: { shards: number } };
    expect(merged.n).toBe(40430);
    expect(merged.timing.shards).toBe(3);
  });
});

function chunkFiles(cache: string): number {
  if (!existsSync(cache)) return 0;
  // Besides the key folders, the cache root holds other files (file digests, a write probe).
  const keys = readdirSync(cache, { withFileTypes: true }).filter((e) => e.isDirectory());
  return keys.flatMap((key) => readdirSync(join(cache, key.name)).filter((f) => /^chunk-\d+\.bin$/.test(f))).length;
}
