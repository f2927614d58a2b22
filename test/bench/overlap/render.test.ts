import { describe, expect, it } from "vitest";
import { renderOverlap } from "../../../bench/overlap/render.js";
import type { OverlapRow } from "../../../bench/overlap/types.js";
import { spread } from "../../../bench/stats.js";

const row = (over: Partial<OverlapRow> = {}): OverlapRow => ({
  model: "bert-tiny-mnli",
  tasks: "mnli,mnli-mm",
  n: 19647,
  repetitions: 3,
  timings: [
    { threads: 1, off: spread([3.4, 3.5, 3.3]), on: spread([3.1, 3.2, 3.0]), ratio: 3.1 / 3.4, auto: "on" },
    { threads: 2, off: spread([3.3]), on: spread([3.5]), ratio: 3.5 / 3.3, auto: "off" },
  ],
  samePredictions: true,
  ...over,
});

describe("renderOverlap", () => {
  it("has a line per thread count with both wall times, their ratio and what auto chooses", () => {
    const md = renderOverlap({ cli: "dist-bench/src/cli/bin.cjs", cores: 2, rows: [row(), { model: "m", task: "mnli,mnli-mm", skipped: "no model" }] }).join(
      "\n",
    );
    expect(md).toContain("| bert-tiny-mnli | mnli,mnli-mm | 19647 | 3 | 1 | 3.40 s (3.30–3.50) | 3.10 s (3.00–3.20) | 0.91 | on | yes |");
    expect(md).toContain("| bert-tiny-mnli | mnli,mnli-mm | 19647 | 3 | 2 | 3.30 s (3.30–3.30) | 3.50 s (3.50–3.50) | 1.06 | off | yes |");
    expect(md).toContain("- m mnli,mnli-mm: no model");
    expect(md).toContain("these 2 cores");
  });

  it("flags predictions that differed between runs", () => {
    expect(renderOverlap({ cli: "c", cores: 2, rows: [row({ samePredictions: false })] }).join("\n")).toContain("| **no** |");
  });

  it("says why the part did not run", () => {
    expect(renderOverlap({ skipped: "cli missing" })).toEqual(["## Overlap", "", "Not run: cli missing.", ""]);
  });
});
