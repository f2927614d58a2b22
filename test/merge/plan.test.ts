/** The merge's refusals, on results built in memory: one line naming the shard, before anything is read or written. */
import { describe, expect, it } from "vitest";
import { GlueEvalError } from "../../src/errors.js";
import { type ShardFile, planMerge } from "../../src/merge/plan.js";
import { wholeRunCommand } from "../../src/merge/join.js";
import type { TaskResult } from "../../src/results/schema.js";
import { sliceBounds } from "../../src/tasks/shard.js";
import { baseResult } from "../factories/results.js";

const TOTAL = 100;

function shard(index: number, count: number, edit: (r: TaskResult) => void = () => {}, task = "qqp"): ShardFile {
  const { start, end } = sliceBounds(TOTAL, { index, count, align: 1 });
  const files = { [`${task}.predictions.jsonl`]: { bytes: 100, sha256: "0".repeat(64) } };
  const result: TaskResult = {
    ...baseResult(task, { name: "m" }, end - start),
    files,
    shard: { index, count, start, end, total: TOTAL, fedTokens: 10, realTokens: 8 },
  };
  edit(result);
  const dir = `out/shards/${index}-of-${count}`;
  return { dir, file: `${dir}/${task}.json`, predictionsFile: `${dir}/${task}.predictions.jsonl`, result };
}

function refusal(files: ShardFile[]): string {
  try {
    planMerge("out/shards", files);
  } catch (error) {
    expect(error).toBeInstanceOf(GlueEvalError);
    const message = (error as Error).message;
    expect(message).not.toMatch(/\n/);
    return message;
  }
  throw new Error("the merge was not refused");
}

describe("planMerge", () => {
  it("orders each task's shards by their examples, whatever the order found", () => {
    const plan = planMerge("out/shards", [shard(2, 3), shard(0, 3), shard(1, 3), shard(1, 2, () => {}, "sst2"), shard(0, 2, () => {}, "sst2")]);
    expect([...plan.keys()]).toEqual(["qqp", "sst2"]);
    expect(plan.get("qqp")?.map((s) => s.shard.index)).toEqual([0, 1, 2]);
    expect(plan.get("sst2")?.map((s) => s.shard.index)).toEqual([0, 1]);
  });

  it("takes shards of different counts whose examples fit together", () => {
    expect(planMerge("out/shards", [shard(0, 2), shard(2, 4), shard(3, 4)]).get("qqp")).toHaveLength(3);
  });

  it.each([
    {
      title: "a missing shard",
      files: () => [shard(0, 3), shard(2, 3)],
      message: /^cannot merge: qqp shard 1\/3 is missing from out\/shards \(found 0\/3, 2\/3\)/,
    },
    { title: "a missing last shard", files: () => [shard(0, 3), shard(1, 3)], message: /qqp shard 2\/3 is missing/ },
    { title: "several missing shards", files: () => [shard(1, 4)], message: /qqp shards 0\/4, 2\/4, 3\/4 are missing/ },
    { title: "a gap between shards of different counts", files: () => [shard(0, 3), shard(1, 2)], message: /qqp examples \[33, 50\) are in no shard/ },
    {
      title: "overlapping shards",
      files: () => [shard(0, 3), shard(1, 3), shard(2, 3), shard(1, 2)],
      message: /qqp shard 1\/2 \(examples \[50, 100\)\) overlaps shard 1\/3 \(examples \[33, 67\)\)/,
    },
    {
      title: "a shard of another model",
      files: () => [shard(0, 3), shard(1, 3), shard(2, 3, (r) => Object.assign(r.model, { sha256: "f".repeat(64) }))],
      message: /qqp shard 2\/3 in out\/shards is of another model than shard 0\/3 \(sha256 ffffffffffff… against /,
    },
    {
      title: "a shard on other data",
      files: () => [shard(0, 2), shard(1, 2, (r) => Object.assign(r.data, { sha256: "e".repeat(64) }))],
      message: /shard 1\/2 in out\/shards was run on other data than shard 0\/2/,
    },
    {
      title: "a shard with other flags",
      files: () => [shard(0, 2), shard(1, 2, (r) => Object.assign(r.config, { max_seq_length: 64 }))],
      message: /shard 1\/2 in out\/shards was run with other flags than shard 0\/2 \(max_seq_length 64 against 128\)/,
    },
    {
      title: "a shard of a --limit run",
      files: () => [shard(0, 2), shard(1, 2, (r) => Object.assign(r.shard ?? {}, { total: 90 }))],
      message: /was run with other flags than shard 0\/2 \(examples 90 against 100\)/,
    },
    {
      title: "a shard on another execution provider",
      files: () => [shard(0, 2), shard(1, 2, (r) => Object.assign(r.runtime, { executionProvider: "cuda" }))],
      message: /ran on another runtime than shard 0\/2 \(executionProvider "cuda" against "cpu"\)/,
    },
    {
      title: "a whole run's results among the shards",
      files: () => [shard(0, 1, (r) => delete r.shard)],
      message: /out\/shards\/0-of-1\/qqp\.json is a whole run's results, not a shard's/,
    },
    { title: "no shards at all", files: () => [], message: /no shard results in out\/shards/ },
    {
      title: "a shard without its files list",
      files: () => [shard(0, 2), shard(1, 2, (r) => delete r.files)],
      message: /out\/shards\/1-of-2\/qqp\.json lists no files \(field "files"\), so its predictions cannot be checked; run shard 1\/2 again/,
    },
  ])("refuses $title", ({ files, message }) => {
    expect(refusal(files())).toMatch(message);
  });

  it("lets what cannot change a number differ: model path, threads, command", () => {
    const other = shard(1, 2, (r) => {
      r.model.path = "/mnt/elsewhere/m";
      r.runtime.threads = 16;
      r.command = ["glue-eval", "--shard", "1/2"];
    });
    expect(planMerge("out/shards", [shard(0, 2), other]).get("qqp")).toHaveLength(2);
  });
});

describe("wholeRunCommand", () => {
  it("drops the per-shard flags in both spellings and keeps the rest", () => {
    const command = [
      "glue-eval",
      "--task",
      "qqp",
      "--shard",
      "auto",
      "--shards=4",
      "--execution-provider",
      "cuda",
      "--device-id",
      "auto",
      "--shard=1/4",
      "--no-progress",
    ];
    expect(wholeRunCommand(command)).toEqual(["glue-eval", "--task", "qqp", "--execution-provider", "cuda", "--no-progress"]);
  });
});
