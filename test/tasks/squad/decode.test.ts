import { describe, expect, it } from "vitest";
import { decodeQuestion, type WindowLogits } from "../../../src/tasks/squad/decode.js";
import { hasShared } from "../../shared.js";
import { devExamples, QA_MODELS, readRef } from "./helpers.js";

const LOGIT_FEATURES = 50;

describe.skipIf(!hasShared)("decoding equals utils_qa.py on the reference logits", () => {
  it.each(QA_MODELS)("%s: questions covered by the first 50 windows", async (model) => {
    const ref = readRef(model);
    const split = Object.values(ref.splits)[0];
    if (split === undefined) throw new Error("no split");
    const examples = new Map((await devExamples(ref.task)).map((e) => [e.id, e]));
    const head = ref.features_head;
    const grouped = new Map<string, WindowLogits[]>();
    const lastWindow = new Map<string, number>();
    head.example_id.forEach((id, i) => {
      lastWindow.set(id, i);
    });
    for (let i = 0; i < LOGIT_FEATURES; i++) {
      const id = head.example_id[i] as string;
      const offsets = (head.offsets[i] ?? []).map((o) => (o === null ? null : ([o[0], o[1]] as const)));
      const window = { offsets, start: Float32Array.from(split.start_logits[i] ?? []), end: Float32Array.from(split.end_logits[i] ?? []) };
      grouped.set(id, [...(grouped.get(id) ?? []), window]);
    }
    const covered = [...grouped.keys()].filter((id) => (lastWindow.get(id) ?? Number.POSITIVE_INFINITY) < LOGIT_FEATURES);
    expect(covered.length).toBeGreaterThan(30);
    const version2 = ref.task === "squad_v2";
    for (const id of covered) {
      const decoded = decodeQuestion(examples.get(id)?.context ?? "", grouped.get(id) ?? [], {
        nBestSize: ref.n_best_size,
        maxAnswerLength: ref.max_answer_length,
        version2,
        nullScoreDiffThreshold: ref.null_score_diff_threshold,
      });
      expect(decoded.prediction, `${id} prediction`).toBe(split.predictions[id]);
      if (version2) expect(decoded.nullOdds, `${id} null odds`).toBe(split.null_odds?.[id]);
      const top3 = decoded.nbest.slice(0, 3);
      expect(
        top3.map((e) => [e.text, e.startLogit, e.endLogit]),
        `${id} n-best`,
      ).toEqual((split.nbest_top3[id] ?? []).map((e) => [e.text, e.start_logit, e.end_logit]));
      top3.forEach((entry, k) => {
        const expected = split.nbest_top3[id]?.[k]?.probability ?? Number.NaN;
        // numpy's SIMD float32 exp may differ from a correctly rounded one in the last bits.
        expect(Math.abs(entry.probability - expected), `${id} probability ${k}`).toBeLessThanOrEqual(1e-6 * Math.max(1, expected));
      });
    }
  });
});
