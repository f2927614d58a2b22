import { describe, expect, it } from "vitest";
import type { ProcSnapshot } from "../../../bench/large/proc.js";
import { renderLarge } from "../../../bench/large/render.js";
import type { LargeSection } from "../../../bench/large/types.js";

const GIB = 2 ** 30;
const snap: ProcSnapshot = { rssBytes: 6 * GIB, peakRssBytes: 6 * GIB, anonBytes: 6 * GIB, fileBytes: 0, weights: { mappings: 0, sizeBytes: 0, rssBytes: 0 } };

const large = (peak: number): LargeSection => ({
  model: "encoder-1.5b-random-cls",
  parameters: 1559829507,
  weightBytes: 6 * GIB,
  dataFile: "model.onnx_data",
  task: "mnli",
  n: 32,
  threads: 2,
  digest: { sha256: "ab".repeat(32), firstSeconds: 12, cachedSeconds: 0.004 },
  loadSeconds: 14.6,
  glueEval: { taskSeconds: 21.5, wholeCallSeconds: 38, examplesPerSecond: 32 / 21.5 },
  peakRss: { bytes: peak, limitBytes: 7 * GIB, loadBytes: 6.1 * GIB },
  weights: { holding: "copied", evidence: "the reasons.", afterLoad: snap, afterInference: snap, maxMapping: snap.weights, samples: 3 },
});

describe("renderLarge", () => {
  it("gives load, digest, speed and memory, holding peak RSS to the weights + 1 GiB", () => {
    const md = renderLarge(large(6.5 * GIB)).join("\n");
    expect(md).toContain("## Large model (--large): encoder-1.5b-random-cls");
    expect(md).toContain("1,559,829,507 parameters; graph and weights 6.00 GiB (weights in model.onnx_data); mnli, the first 32 examples");
    expect(md).toContain("| session load (onnxruntime InferenceSession on the graph) | 14.6 s |");
    expect(md).toContain("| model digest, first use (every byte read and hashed) | 12.0 s (512 MiB/s) |");
    expect(md).toContain("| model digest, served from the file-digest cache | 0.004 s |");
    expect(md).toContain("| glue-eval on 32 mnli examples (task clock) | 1.49 examples/s (21.5 s) |");
    expect(md).toContain("| peak RSS of the evaluation | 6.50 GiB ✓ (≤ 7.00 GiB: the weights + 1 GiB) |");
    expect(md).toContain("| weight file | copied |");
    expect(md).toContain("How onnxruntime holds the weights: the reasons.");
    expect(renderLarge(large(7.5 * GIB)).join("\n")).toContain("7.50 GiB ✗");
  });

  it("says why it did not run", () => {
    expect(renderLarge({ model: "encoder-1.5b-random-cls", task: "mnli", skipped: "no space left" }).join("\n")).toContain(
      "Not run (encoder-1.5b-random-cls mnli): no space left",
    );
  });
});
