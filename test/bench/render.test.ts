import { describe, expect, it } from "vitest";
import { renderBench } from "../../bench/render.js";
import { spread } from "../../bench/stats.js";
import { BENCH_SCHEMA, type BenchReport, type CaseReport } from "../../bench/types.js";

const mode = (seconds: number, n: number) => ({ seconds: spread([seconds]), examplesPerSecond: n / seconds });

function tinyCase(over: Partial<CaseReport> = {}): CaseReport {
  return {
    model: "bert-tiny-sst2",
    modelBytes: 4e6,
    task: "sst2",
    n: 100,
    features: 100,
    batchSize: 32,
    maxSeqLength: 128,
    repetitions: 5,
    tokenize: mode(0.01, 100),
    inferenceAlone: mode(0.09, 100),
    cpuSeconds: { tokenize: 0.018, inference: 0.17, cores: 2 },
    raw: { ...mode(0.1, 100), inferSeconds: spread([0.09]) },
    glueEval: { ...mode(0.105, 100), wholeCallSeconds: spread([0.3]) },
    glueEvalNoCache: mode(0.1, 100),
    transformersJs: { ...mode(0.42, 100), agreement: 1, note: "" },
    fixed: { ...mode(0.3, 100), inferSeconds: spread([0.29]) },
    padding: { dynamic: 0.03, fixed: 0.8 },
    ratios: {
      glueEvalOverRaw: 1.05,
      glueEvalNoCacheOverRaw: 1,
      glueEvalOverAlone: 1.17,
      cpuBoundOverAlone: 1.04,
      transformersJsOverGlueEval: 4,
      fixedOverGlueEval: 2.86,
    },
    peakRss: { bytes: 200 * 2 ** 20, limitBytes: 404 * 2 ** 20 },
    warnings: [],
    ...over,
  };
}

const report = (cases: BenchReport["cases"]): BenchReport => ({
  schema: BENCH_SCHEMA,
  date: "2026-01-01T00:00:00.000Z",
  machine: { cpus: 2, threads: 2, node: "v20", onnxruntime: "1.30.0", platform: "linux-x64" },
  runs: 5,
  shortCase: { seconds: 3, maxRuns: 25 },
  warmup: true,
  cases,
  padding: { batchSize: 32, maxSeqLength: 128, rows: [{ task: "mrpc", n: 408, dynamic: 0.012, fixed: 0.6 }] },
  precision: null,
  shards: null,
  overlap: null,
  large: null,
  seconds: 10,
});

describe("renderBench", () => {
  it("marks targets met and missed", () => {
    const md = renderBench(
      report([
        tinyCase(),
        tinyCase({
          task: "mrpc",
          ratios: {
            glueEvalOverRaw: 1.2,
            glueEvalNoCacheOverRaw: 1.05,
            glueEvalOverAlone: 1.3,
            cpuBoundOverAlone: 1,
            transformersJsOverGlueEval: 2,
            fixedOverGlueEval: 2,
          },
        }),
      ]),
    );
    expect(md).toContain("| bert-tiny-sst2 | sst2 | 1.05 ✓ | 1.00 ✓ | 4.00× ✓ (≥3×) | 2.86× | 3.0% | 80.0% | 200 MiB |");
    expect(md).toContain("| bert-tiny-sst2 | mrpc | 1.20 ✗ | 1.05 ✓ | 2.00× ✗ (≥3×) |");
    expect(md).toContain("| mrpc | 408 | 1.2% ✓ | 60.0% |");
  });

  it("shows inference alone beside tokenization, and holds tiny BERT on QQP and SQuAD to the overlap goal", () => {
    const alone = (ratio: number) => ({
      glueEvalOverRaw: 1,
      glueEvalNoCacheOverRaw: 1,
      glueEvalOverAlone: ratio,
      cpuBoundOverAlone: 1.04,
      transformersJsOverGlueEval: null,
      fixedOverGlueEval: 2,
    });
    const md = renderBench(
      report([
        tinyCase({ task: "qqp", ratios: alone(1.17) }),
        tinyCase({ task: "squad", ratios: alone(1.1) }),
        tinyCase({ ratios: alone(1.5) }),
        tinyCase({ task: "qqp", modelBytes: 4e8, ratios: alone(1.02) }),
      ]),
    );
    expect(md).toContain("| bert-tiny-sst2 | qqp | 0.01 s | 0.09 s | 0.10 s | 1.17 ✗ | 0.02 / 0.17 | 1.04 |");
    expect(md).toContain("| bert-tiny-sst2 | squad | 0.01 s | 0.09 s | 0.10 s | 1.10 ✓ |");
    // The goal is for tiny models on QQP and SQuAD: other rows are for information.
    expect(md).toContain("| bert-tiny-sst2 | sst2 | 0.01 s | 0.09 s | 0.10 s | 1.50 | ");
    expect(md).toMatch(/\| qqp \| 0\.01 s \| 0\.09 s \| 0\.10 s \| 1\.02 \| /);
    // Inference alone in the throughput table: 100 examples in 0.09 s.
    expect(md).toMatch(/\| bert-tiny-sst2 \| sst2 \| 100 \| 5 \| 10000 \(10000–10000\) \| 1111 \(1111–1111\) \|/);
  });

  it("holds peak RSS to its limit on QQP only", () => {
    const over = { bytes: 500 * 2 ** 20, limitBytes: 404 * 2 ** 20 };
    const md = renderBench(report([tinyCase({ task: "qqp", peakRss: over }), tinyCase({ task: "squad", peakRss: over })]));
    expect(md).toContain("| 500 MiB ✗ (≤404 MiB) |");
    expect(md).toMatch(/\| squad \|.*\| 500 MiB \|$/m);
  });

  it("says why transformers.js or a case did not run", () => {
    const md = renderBench(
      report([
        tinyCase({
          transformersJs: { skipped: "no text_pair" },
          ratios: {
            glueEvalOverRaw: 1,
            glueEvalNoCacheOverRaw: 1,
            glueEvalOverAlone: 1,
            cpuBoundOverAlone: 1,
            transformersJsOverGlueEval: null,
            fixedOverGlueEval: 2,
          },
        }),
        { model: "m", task: "squad", skipped: "no such task" },
      ]),
    );
    expect(md).toContain("n/a¹");
    expect(md).toContain("- bert-tiny-sst2 sst2: no text_pair");
    expect(md).toContain("- m squad: no such task");
  });

  it("adds the precision, shard and large-model sections when they ran, and leaves out the throughput tables when none ran", () => {
    const skippedCase = { model: "m", task: "sst2", skipped: "why" };
    const md = renderBench({ ...report([]), padding: null, precision: skippedCase, shards: { skipped: "no merge" }, large: { ...skippedCase, task: "mnli" } });
    expect(md).not.toContain("## Throughput");
    expect(md).not.toContain("## What is measured");
    expect(md.indexOf("## Precisions")).toBeLessThan(md.indexOf("## Shards"));
    expect(md.indexOf("## Shards")).toBeLessThan(md.indexOf("## Large model (--large)"));
    expect(renderBench(report([tinyCase()]))).not.toMatch(/## Precisions|## Shards|## Large model/);
    expect(md).toContain("Median of 5 repetitions");
    expect(renderBench({ ...report([]), padding: null, large: { ...skippedCase, task: "mnli" } })).not.toContain("Median of");
  });
});
