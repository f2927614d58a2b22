/**
 * What the merge refuses, through the real CLI: a missing shard, overlapping shards, a shard
 * of another model. Each is one line naming the shard, exit 1, and nothing written. Also: a
 * sharded run on an execution provider this build lacks fails before writing anything.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCliProcess } from "../cli-process.js";
import { hasShared } from "../shared.js";
import { evalArgs, filesUnder, ok, runMerge } from "./shard-helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-refusals-"));
type Indexed = { index: number | string };
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Shards of SST-2 and WNLI (fp32), of SST-2 at 1/2, and shard 2/3 of the int8 graph, each run once. */
const pool = join(tmp, "pool");
beforeAll(async () => {
  ensureBuilt();
  const runs = [
    ...[0, 1, 2].map((k) => evalArgs("sst2,wnli", "bert-tiny-sst2", pool, ["--no-cache", "--label-map", "0,1", "--shard", `${k}/3`])),
    evalArgs("sst2", "bert-tiny-sst2", pool, ["--no-cache", "--label-map", "0,1", "--shard", "1/2"]),
    evalArgs("sst2", "bert-tiny-sst2", join(tmp, "pool-q8"), ["--no-cache", "--label-map", "0,1", "--dtype", "q8", "--shard", "2/3"]),
  ];
  for (const args of runs) await ok(runCliProcess(args));
});

/** A results folder holding the named shard folders, copied from the pool. */
function resultsWith(name: string, shards: { from?: string; folder: string; tasks?: string[] }[]): string {
  const dir = join(tmp, name);
  for (const { from = pool, folder, tasks } of shards) {
    const target = join(dir, "shards", folder);
    mkdirSync(target, { recursive: true });
    cpSync(join(from, "shards", folder), target, {
      recursive: true,
      filter: (src) => tasks === undefined || statSync(src).isDirectory() || tasks.some((t) => basename(src).startsWith(`${t}.`)),
    });
  }
  return dir;
}

async function expectRefused(dir: string, message: RegExp): Promise<void> {
  const before = filesUnder(dir);
  const result = await runMerge(dir);
  const lines = result.stderr.trim().split("\n");
  console.log(`[exit ${result.code}] ${lines.join(" | ")}`);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^glue-eval: error: cannot merge: /);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.code).toBe(1);
  expect(filesUnder(dir)).toEqual(before);
}

describe.skipIf(!hasShared)("glue-eval merge refuses", () => {
  it("a missing shard, and then writes no task at all (here SST-2 is whole, WNLI lacks shard 1/3)", async () => {
    const dir = resultsWith("missing", [{ folder: "0-of-3" }, { folder: "1-of-3", tasks: ["sst2"] }, { folder: "2-of-3" }]);
    await expectRefused(dir, /wnli shard 1\/3 is missing from .*missing\/shards \(found 0\/3, 2\/3\)/);
  });

  it("overlapping shards", async () => {
    const dir = resultsWith("overlap", [
      { folder: "0-of-3", tasks: ["sst2"] },
      { folder: "1-of-3", tasks: ["sst2"] },
      { folder: "2-of-3", tasks: ["sst2"] },
      { folder: "1-of-2" },
    ]);
    await expectRefused(
      dir,
      /sst2 shard 1\/2 \(examples \[436, 872\)\) overlaps shard 1\/3 \(examples \[291, 581\)\) in .*overlap\/shards; remove the stale one/,
    );
  });

  it("a shard of another model (the int8 graph among fp32 shards)", async () => {
    const dir = resultsWith("other-model", [
      { folder: "0-of-3", tasks: ["sst2"] },
      { folder: "1-of-3", tasks: ["sst2"] },
      { from: join(tmp, "pool-q8"), folder: "2-of-3" },
    ]);
    await expectRefused(dir, /sst2 shard 2\/3 in .*other-model\/shards is of another model than shard 0\/3 \(sha256 [0-9a-f]{12}… against [0-9a-f]{12}…\)/);
  });

  /**
   * Before, the merge trusted the indexes inside a shard's predictions: shard 1/3 holding shard
   * 0/3's indexes (its JSON listing that file's correct size and sha256) was accepted, examples
   * counted twice and others never; and a shard JSON without its `files` list was read unchecked.
   */
  it.each([
    {
      title: "indexes outside its range",
      edit: (lines: Indexed[]) =>
        lines.forEach((l, i) => {
          l.index = i;
        }),
      message: /\/1-of-3\/sst2\.predictions\.jsonl:1 holds sst2 example 0, outside the examples \[291, 581\) of shard 1\/3; run that shard again$/,
    },
    {
      title: "an example twice",
      edit: (lines: Indexed[]) => Object.assign(lines[5] as Indexed, { index: (lines[4] as Indexed).index }),
      message:
        /\/1-of-3\/sst2\.predictions\.jsonl:6 holds sst2 example 295 a second time \(first at .*\/1-of-3\/sst2\.predictions\.jsonl:5\); run that shard again$/,
    },
  ])("a shard whose predictions hold $title, listed with their own sha256", async ({ title, edit, message }) => {
    const dir = resultsWith(`indexes-${title.replace(/\W+/g, "-")}`, [
      { folder: "0-of-3", tasks: ["sst2"] },
      { folder: "1-of-3", tasks: ["sst2"] },
      { folder: "2-of-3", tasks: ["sst2"] },
    ]);
    const shard = join(dir, "shards", "1-of-3");
    const predictions = join(shard, "sst2.predictions.jsonl");
    const lines = readFileSync(predictions, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Indexed);
    edit(lines);
    writeFileSync(predictions, lines.map((l) => `${JSON.stringify(l)}\n`).join(""));
    const file = join(shard, "sst2.json");
    const result = JSON.parse(readFileSync(file, "utf8")) as { files: Record<string, { bytes: number; sha256: string }> };
    result.files["sst2.predictions.jsonl"] = {
      bytes: statSync(predictions).size,
      sha256: createHash("sha256").update(readFileSync(predictions)).digest("hex"),
    };
    writeFileSync(file, JSON.stringify(result, null, 2));
    await expectRefused(dir, message);
  });

  it("a shard whose JSON lists no files", async () => {
    const dir = resultsWith("no-files", [
      { folder: "0-of-3", tasks: ["sst2"] },
      { folder: "1-of-3", tasks: ["sst2"] },
      { folder: "2-of-3", tasks: ["sst2"] },
    ]);
    const file = join(dir, "shards", "2-of-3", "sst2.json");
    const result = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    delete result.files;
    writeFileSync(file, JSON.stringify(result, null, 2));
    await expectRefused(dir, /\/2-of-3\/sst2\.json lists no files \(field "files"\), so its predictions cannot be checked; run shard 2\/3 again$/);
  });

  it("a folder without shards", async () => {
    const dir = join(tmp, "empty");
    mkdirSync(dir);
    const result = await runMerge(dir);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^glue-eval: error: .*empty: no shards to merge: expected .*empty\/shards\/K-of-N folders/);
  });

  it("nothing, when the pool's complete sets are merged: both tasks written", async () => {
    const dir = resultsWith("complete", [{ folder: "0-of-3" }, { folder: "1-of-3" }, { folder: "2-of-3" }]);
    await ok(runMerge(dir));
    expect(filesUnder(dir).filter((f) => !f.startsWith("shards"))).toEqual(["sst2.json", "sst2.predictions.jsonl", "wnli.json", "wnli.predictions.jsonl"]);
  });
});

describe.skipIf(!hasShared)("a sharded run on a GPU provider this onnxruntime-node build lacks", () => {
  it.each([
    { title: "--device-id 1", device: ["--device-id", "1"], env: {} },
    { title: "--device-id auto from LOCAL_RANK", device: ["--device-id", "auto"], env: { LOCAL_RANK: "1" } },
  ])("fails before writing anything ($title)", async ({ device, env }) => {
    const out = join(tmp, `gpu-${device.join("")}`);
    const result = await runCliProcess(
      [...evalArgs("sst2", "bert-tiny-sst2", out, ["--execution-provider", "cuda", ...device, "--shard", "1/2"])],
      undefined,
      env,
    );
    const lines = result.stderr.trim().split("\n");
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^glue-eval: error: execution provider "cuda" could not be loaded .*; install them with ONNXRUNTIME_NODE_INSTALL=cuda12 node ".*\/onnxruntime-node\/script\/install\.js"$/,
    );
    expect(result.code).toBe(1);
    expect(filesUnder(out)).toEqual([]);
  });

  it("refuses --device-id auto outside a launcher, and on the CPU provider, as usage errors", async () => {
    const out = join(tmp, "gpu-usage");
    const clean = { LOCAL_RANK: "", CUDA_VISIBLE_DEVICES: "" };
    const auto = await runCliProcess(evalArgs("sst2", "bert-tiny-sst2", out, ["--execution-provider", "cuda", "--device-id", "auto"]), undefined, clean);
    expect(auto.code).toBe(2);
    expect(auto.stderr.trim()).toMatch(/^glue-eval: error: --device-id auto needs LOCAL_RANK/);
    const cpu = await runCliProcess(evalArgs("sst2", "bert-tiny-sst2", out, ["--device-id", "0"]));
    expect(cpu.code).toBe(2);
    expect(cpu.stderr.trim()).toMatch(/^glue-eval: error: --device-id applies to --execution-provider cuda/);
    expect(filesUnder(out)).toEqual([]);
  });
});
