import { describe, expect, it } from "vitest";
import { type HoldingInput, weightHolding } from "../../../bench/large/holding.js";
import type { FileMapping, ProcSnapshot } from "../../../bench/large/proc.js";

const GIB = 2 ** 30;
const none: FileMapping = { mappings: 0, sizeBytes: 0, rssBytes: 0 };
const whole: FileMapping = { mappings: 1, sizeBytes: 6 * GIB, rssBytes: 6 * GIB };
const snap = (anon: number, file: number, weights: FileMapping): ProcSnapshot => ({
  rssBytes: (anon + file) * GIB,
  peakRssBytes: (anon + file) * GIB,
  anonBytes: anon * GIB,
  fileBytes: file * GIB,
  weights,
});
const input = (afterInference: ProcSnapshot, maxMapping: FileMapping): HoldingInput => ({
  dataFile: "model.onnx_data",
  weightBytes: 6 * GIB,
  afterLoad: afterInference,
  afterInference,
  maxMapping,
  samples: 40,
});

describe("weightHolding", () => {
  it("mapped: the file stays mapped and anonymous memory stays small", () => {
    const r = weightHolding(input(snap(0.5, 6, whole), whole));
    expect(r.holding).toBe("mapped");
    expect(r.evidence).toContain("stays mapped during inference");
    expect(r.evidence).toContain("anonymous 0.50 GiB and file pages 6.00 GiB; 1 mapping(s) of model.onnx_data, 6.00 GiB mapped, 6.00 GiB of it resident");
  });

  it("copied: mapped while loading, then held in anonymous memory and unmapped", () => {
    const r = weightHolding(input(snap(6, 0.1, none), whole));
    expect(r.holding).toBe("copied");
    expect(r.evidence).toContain(
      "onnxruntime mapped model.onnx_data while it loaded (up to 6.00 GiB and 1 mappings at once); during inference it holds the weights in its own anonymous memory (6.00 GiB, about the file's size): it copies them.",
    );
    expect(r.evidence).toContain("in 40 samples of /proc/<pid>/maps of the two processes: 6.00 GiB.");
  });

  it("copied, but for a part that stays mapped (a gathered embedding needs no copy)", () => {
    const part: FileMapping = { mappings: 2, sizeBytes: 0.75 * GIB, rssBytes: 0.5 * GIB };
    const r = weightHolding(input(snap(5.5, 0.6, part), whole));
    expect(r.holding).toBe("copied");
    expect(r.evidence).toContain("it copies them, but for 0.75 GiB (12.5% of the file) that stays mapped, 0.50 GiB of it resident as file pages.");
  });

  it("copied: never mapped, read into anonymous memory", () => {
    expect(weightHolding(input(snap(6, 0.1, none), none)).evidence).toContain("No mapping of model.onnx_data in any sample");
  });

  it("mapped and copied, or unclear", () => {
    expect(weightHolding(input(snap(6, 6, whole), whole)).holding).toBe("mapped and copied");
    expect(weightHolding(input(snap(1, 0.1, none), none)).holding).toBe("unclear");
  });
});
