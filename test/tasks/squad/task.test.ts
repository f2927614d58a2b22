import { describe, expect, it } from "vitest";
import { tasks } from "../../../src/tasks/index.js";
import type { Feature, InferOutputs, TaskContext, TaskOptions } from "../../../src/tasks/interface.js";
import { hasShared, sharedPath } from "../../shared.js";
import { modelTokenizer, readRef } from "./helpers.js";

const LOGIT_FEATURES = 50;

function options(limit: number | null, threshold = 0): TaskOptions {
  return {
    dataDir: sharedPath("data"),
    split: "dev",
    limit,
    maxSeqLength: 384,
    batchSize: 8,
    labelMap: null,
    docStride: 128,
    nBestSize: 20,
    maxAnswerLength: 30,
    nullScoreDiffThreshold: threshold,
    labelsFile: null,
  };
}

/** Questions whose windows all lie among the first 50 windows of the reference run. */
function coveredQuestions(example_id: readonly string[]): number {
  const firstOutside = example_id[LOGIT_FEATURES];
  return new Set(example_id.slice(0, LOGIT_FEATURES).filter((id) => id !== firstOutside)).size;
}

describe.skipIf(!hasShared)("the squad and squad_v2 tasks", () => {
  it.each([
    ["squad", "bert-tiny-squad"],
    ["squad_v2", "bert-tiny-squad2"],
  ] as const)("%s: windows, inference, decoding and scoring end to end (%s reference logits)", async (name, model) => {
    const ref = readRef(model);
    const split = Object.values(ref.splits)[0];
    if (split === undefined) throw new Error("no split");
    const limit = coveredQuestions(ref.features_head.example_id);
    let fed: readonly Feature[] = [];
    const ctx: TaskContext = {
      options: options(limit, ref.null_score_diff_threshold),
      tokenizer: await modelTokenizer(model),
      model: { id2label: null, numLabels: null, problemType: null, inputNames: split.inputs, outputNames: ["start_logits", "end_logits"], path: model },
      warn: () => {},
      inputs: { get: (_key, compute) => compute() },
      infer: async (features): Promise<InferOutputs> => {
        fed = features;
        const rows = (logits: number[][]) => features.map((_, i) => Float32Array.from(logits[i] ?? []));
        return new Map([
          ["start_logits", rows(split.start_logits)],
          ["end_logits", rows(split.end_logits)],
        ]);
      },
    };
    const task = tasks[name];
    expect(task.outputs.map((o) => o.name)).toEqual(["start_logits", "end_logits"]);
    const run = await task.run(ctx);
    expect(run.n).toBe(limit);
    expect(run.features).toBe(fed.length);
    expect(fed.map((f) => Array.from(f.ids))).toEqual(ref.features_head.input_ids.slice(0, fed.length));
    expect(run.config).toMatchObject({ doc_stride: 128, doc_stride_meaning: "overlap", n_best_size: 20, max_answer_length: 30 });

    const files = new Map(run.extraFiles.map((f) => [f.name, typeof f.data === "string" ? f.data : [...f.data()].join("")]));
    const expectedFiles = [`${name}.predictions.json`, `${name}.nbest.json`, ...(name === "squad_v2" ? [`${name}.null_odds.json`] : [])];
    expect([...files.keys()]).toEqual(expectedFiles);
    const predictions = JSON.parse(files.get(`${name}.predictions.json`) ?? "{}") as Record<string, string>;
    expect(Object.keys(predictions)).toHaveLength(limit);
    for (const [id, text] of Object.entries(predictions)) expect(text, id).toBe(split.predictions[id]);

    const lines = [...run.predictions];
    expect(lines).toHaveLength(limit);
    for (const line of lines) {
      expect(line.prediction).toBe(predictions[line.index]);
      expect(typeof line.exact).toBe("number");
      expect(typeof line.f1).toBe("number");
      expect(typeof line.hasAnswer).toBe("boolean");
    }
    const exactKey = name === "squad" ? "exact_match" : "exact";
    const meanExact = (100 * lines.reduce((s, l) => s + (l.exact ?? 0), 0)) / limit;
    expect(run.metrics[exactKey]).toBeCloseTo(meanExact, 9);
    expect(run.tunedOnEval).toEqual(name === "squad" ? [] : ["best_exact", "best_exact_thresh", "best_f1", "best_f1_thresh"]);
  });
});
