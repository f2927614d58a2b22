import { describe, expect, it } from "vitest";
import { shardRatios } from "../../../bench/shards/args.js";
import { renderShards } from "../../../bench/shards/render.js";
import type { ShardRow, ShardSection } from "../../../bench/shards/types.js";

const row = (task: string, merge: number, over: Partial<ShardRow> = {}): ShardRow => ({
  model: `bert-${task}`,
  task,
  n: 100,
  ...shardRatios({ single: [10], sharded: [8], merge: [merge] }),
  sameAsSingle: { predictions: true, metrics: true },
  ...over,
});

const section = (rows: ShardSection["rows"]): ShardSection => ({ cli: "dist-bench/src/cli/main.js", shards: 2, singleThreads: 2, rows });

describe("renderShards", () => {
  it("gives the ratio, the merge's share, and holds the merge to 5% on QQP only", () => {
    const md = renderShards(section([row("qqp", 0.2), row("sst2", 0.8), row("qqp", 0.8, { model: "other" })])).join("\n");
    expect(md).toContain("## Shards (2 processes × 1 thread against 1 process × 2 threads)");
    expect(md).toContain("| bert-qqp | qqp | 100 | 1 | 10.0 s (10.00–10.00) | 8.00 s (8.00–8.00) | 0.80 | 0.20 s (0.20–0.20) | 2.5% ✓ (<5.0%) | yes / yes |");
    expect(md).toMatch(/\| bert-sst2 \| sst2 \|.*\| 10\.0% \| yes \/ yes \|$/m);
    expect(md).toContain("| other | qqp |");
    expect(md).toContain("10.0% ✗ (<5.0%)");
  });

  it("shows a merge that differs from the single process", () => {
    const md = renderShards(section([row("qqp", 0.2, { sameAsSingle: { predictions: false, metrics: true } })])).join("\n");
    expect(md).toContain("| **no** / yes |");
  });

  it("says why the rows, or one of them, did not run", () => {
    expect(renderShards({ skipped: "main.js has no merge command" }).join("\n")).toContain("Not run: main.js has no merge command.");
    expect(renderShards(section([{ model: "bert-base-random-cls", task: "sst2", skipped: "out of memory" }])).join("\n")).toContain(
      "- bert-base-random-cls sst2: out of memory",
    );
  });
});
