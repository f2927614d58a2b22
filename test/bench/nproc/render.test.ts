import { describe, expect, it } from "vitest";
import { renderNproc } from "../../../bench/nproc/render.js";
import type { NprocRow, NprocSection, NprocSetup } from "../../../bench/nproc/types.js";
import { spread } from "../../../bench/stats.js";

const MiB = 2 ** 20;
const setup = (nproc: string, seconds: number, workers: number, rule: string | null = null): NprocSetup => ({
  nproc,
  workers,
  rule,
  wall: spread([seconds]),
  overRaw: seconds / 5,
  overOne: seconds / 5.5,
  peakRssBytes: (150 + 150 * workers) * MiB,
});

const row = (model: string, task: string, auto: number, over: Partial<NprocRow> = {}): NprocRow => ({
  model,
  task,
  n: 40430,
  repetitions: 1,
  raw: spread([5]),
  rawPeakRssBytes: 150 * MiB,
  setups: [setup("1", 5.5, 1), setup("2", 4, 2), setup("auto", auto, 2, "auto: 2 (2 cores, 40430 examples, weights 4 MiB, 20480 MiB free)")],
  samePredictions: true,
  ...over,
});

const section = (rows: NprocSection["rows"]): NprocSection => ({ cli: "dist-bench/src/cli/bin.cjs", rows });

describe("renderNproc", () => {
  it("gives every set-up against the raw loop and one process, auto's choice, the peak RSS; holds auto on tiny QQP to 0.85", () => {
    const md = renderNproc(section([row("bert-tiny-qqp", "qqp", 4), row("bert-tiny-squad", "squad", 4.5)])).join("\n");
    expect(md).toContain("## Workers (`--nproc`): one command on every core");
    expect(md).toContain(
      "| bert-tiny-qqp | qqp | 40430 | 1 | 5.00 s (5.00–5.00) | 5.50 s (5.50–5.50) | 4.00 s (4.00–4.00) | 4.00 s (4.00–4.00) | 2 | 1.10 | 0.80 | 0.80 ✓ (≤0.85) | 0.73 | 0.73 | 150 MiB / 300 MiB / 450 MiB / 450 MiB | yes |",
    );
    expect(md).toMatch(/\| bert-tiny-squad \| squad \|.*\| 0\.90 \| 0\.73 \| 0\.82 \|/);
    expect(md).toContain("- bert-tiny-qqp qqp: auto: 2 (2 cores, 40430 examples, weights 4 MiB, 20480 MiB free)");
    expect(renderNproc(section([row("bert-tiny-qqp", "qqp", 4.5)])).join("\n")).toContain("| 0.90 ✗ (≤0.85) |");
  });

  it("shows predictions that differ from one process's, and a memory that was not measured", () => {
    const r = row("bert-tiny-qqp", "qqp", 4, { samePredictions: false, rawPeakRssBytes: null });
    const md = renderNproc(section([r])).join("\n");
    expect(md).toContain("| – / 300 MiB / 450 MiB / 450 MiB | **no** |");
  });

  it("says why the rows, or one of them, did not run", () => {
    expect(renderNproc({ skipped: "bin.cjs is missing" }).join("\n")).toContain("Not run: bin.cjs is missing.");
    expect(renderNproc(section([{ model: "bert-base-random-cls", task: "sst2", skipped: "out of memory" }])).join("\n")).toContain(
      "- bert-base-random-cls sst2: out of memory",
    );
  });
});
