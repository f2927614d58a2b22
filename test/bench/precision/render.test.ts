import { describe, expect, it } from "vitest";
import { renderPrecision } from "../../../bench/precision/render.js";
import { type PrecisionSample, precisionRows } from "../../../bench/precision/rows.js";
import type { PrecisionSection } from "../../../bench/precision/types.js";

const sample = (
  dtype: string,
  file: string,
  precision: string,
  batchOrder: string,
  bytes: number,
  seconds: number,
  predictions: number[],
): PrecisionSample => ({
  dtype,
  file,
  precision,
  batchOrder,
  fileBytes: bytes,
  n: predictions.length,
  seconds: [seconds],
  predictions,
  metric: { name: "accuracy", value: predictions.filter((p) => p === 1).length / predictions.length },
  peakRss: dtype === "q8" ? { skipped: "not measured (--no-rss)" } : { bytes: 130 * 2 ** 20 },
});

const section: PrecisionSection = {
  model: "bert-tiny-sst2-dtypes",
  task: "sst2",
  n: 4,
  batchSize: 32,
  repetitions: 7,
  rows: precisionRows([
    sample("fp32", "onnx/model.onnx", "float32 activations, weights not quantized", "length", 4122988, 0.1, [1, 1, 0, 1]),
    sample("q8", "onnx/model_quantized.onnx", "float32 activations, dynamic 8-bit quantization", "file", 1101853, 0.2, [1, 0, 0, 1]),
  ]),
  warnings: ["--dtype q8 (onnx/model_quantized.onnx): glue-eval read fp32 from the graph"],
};

describe("renderPrecision", () => {
  const md = renderPrecision(section).join("\n");

  it("one row per precision: graph, precision, batch order, size, speed against fp32, agreement, metric, peak RSS", () => {
    expect(md).toContain("## Precisions (bert-tiny-sst2-dtypes, sst2 dev, 4 examples)");
    expect(md).toContain("7 repetitions of every precision");
    expect(md).toContain(
      "| fp32 | onnx/model.onnx | float32 activations, weights not quantized | length | 3.93 MiB | 40.0 (40.0–40.0) | 1.00× | (baseline) | 0.7500 | 130 MiB |",
    );
    expect(md).toContain(
      "| q8 | onnx/model_quantized.onnx | float32 activations, dynamic 8-bit quantization | file | 1.05 MiB | 20.0 (20.0–20.0) | 0.50× | 3 of 4 (75.0%) | 0.5000 | not measured (--no-rss) |",
    );
    expect(md).toContain("- --dtype q8 (onnx/model_quantized.onnx): glue-eval read fp32 from the graph");
  });

  it("says why it did not run", () => {
    expect(renderPrecision({ model: "bert-tiny-sst2-dtypes", task: "sst2", skipped: "no such folder" }).join("\n")).toContain(
      "Not run (bert-tiny-sst2-dtypes sst2): no such folder",
    );
  });
});
