import { describe, expect, it } from "vitest";
import { agreement, type PrecisionSample, precisionRows } from "../../../bench/precision/rows.js";

const sample = (dtype: string, seconds: number[], predictions: unknown[], over: Partial<PrecisionSample> = {}): PrecisionSample => ({
  dtype,
  file: `onnx/model_${dtype}.onnx`,
  precision: "p",
  batchOrder: dtype === "q8" ? "file" : "length",
  fileBytes: 1000,
  n: predictions.length,
  seconds,
  predictions,
  metric: { name: "accuracy", value: 0.5 },
  peakRss: { bytes: 1 },
  ...over,
});

describe("agreement", () => {
  it("counts the examples with the same prediction", () => {
    expect(agreement([0, 1, 1, 0], [0, 1, 0, 0])).toEqual({ same: 3, share: 0.75 });
    expect(agreement(["a", "b"], ["a", "b"])).toEqual({ same: 2, share: 1 });
    expect(agreement([], [])).toEqual({ same: 0, share: 1 });
  });

  it("refuses lists of different lengths (not the same examples)", () => {
    expect(() => agreement([1, 2], [1])).toThrow(/2 predictions against 1/);
  });
});

describe("precisionRows", () => {
  const rows = precisionRows([
    sample("q8", [0.5, 0.4, 0.6], [1, 0, 0, 1]),
    sample("fp32", [0.2, 0.3, 0.1], [1, 0, 1, 1]),
    sample("q4", [0.1, 0.1, 0.1], [1, 0, 1, 1]),
  ]);

  it("puts fp32 first and measures every speed against its median time", () => {
    expect(rows.map((r) => r.dtype)).toEqual(["fp32", "q8", "q4"]);
    expect(rows.map((r) => r.speedRatio)).toEqual([1, 0.2 / 0.5, 0.2 / 0.1]);
    expect(rows[1]?.glueEval.examplesPerSecond).toBe(4 / 0.5);
    expect(rows[1]?.glueEval.seconds).toMatchObject({ median: 0.5, min: 0.4, max: 0.6 });
  });

  it("counts agreement with fp32's predictions and keeps what glue-eval recorded", () => {
    expect(rows.map((r) => r.agreement.same)).toEqual([4, 3, 4]);
    expect(rows[1]).toMatchObject({ batchOrder: "file", file: "onnx/model_q8.onnx", fileBytes: 1000, metric: { name: "accuracy", value: 0.5 } });
  });

  it("takes the first precision as the baseline when there is no fp32", () => {
    expect(precisionRows([sample("fp16", [2], [1]), sample("q4", [1], [0])]).map((r) => [r.dtype, r.speedRatio, r.agreement.share])).toEqual([
      ["fp16", 1, 1],
      ["q4", 2, 0],
    ]);
    expect(precisionRows([])).toEqual([]);
  });
});
