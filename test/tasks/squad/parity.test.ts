/**
 * Parity with the Python reference (run_qa.py preprocessing, utils_qa.py decoding, the
 * official SQuAD scripts) for every SQuAD fixture model, whole dev sets.
 *
 * Through the CLI with default flags: metrics to 1e-4 and at least 99.5% identical answers
 * (the bar), for fp32 and int8 alike (seen: all identical, metrics equal); the n-best
 * lists and null odds within the logit tolerance below.
 * int8 needs the default batch order for int8 graphs ("file": 32 windows in feature order,
 * as the reference ran): dynamic quantization takes its activation range over the whole
 * batch, so with length-sorted batches 97.66% of the answers were identical and metrics
 * moved by up to 0.32 points.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/dispatch.js";
import type { PredictionLine, TaskResult } from "../../../src/results/schema.js";
import { hasShared, sharedPath } from "../../shared.js";
import { QA_MODELS, readRef, type SquadRef } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-squad-parity-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function compare(ref: SquadRef, label: string, predictions: ReadonlyMap<string, string>, metrics: Record<string, number | null>) {
  const expected = Object.values(ref.splits)[0];
  if (expected === undefined) throw new Error("no split");
  const ids = Object.keys(expected.predictions);
  const same = ids.filter((id) => predictions.get(id) === expected.predictions[id]).length;
  const deltas = Object.entries(expected.metrics).map(([key, value]) => [key, Math.abs((metrics[key] ?? Number.NaN) - value)] as const);
  const worst = Math.max(...deltas.map(([, d]) => d));
  console.log(`${label}: identical answers ${((100 * same) / ids.length).toFixed(3)}% (${ids.length - same} differ); max |Δmetric| ${worst}`);
  expect(Object.keys(metrics).sort()).toEqual(Object.keys(expected.metrics).sort());
  return { rate: same / ids.length, deltas };
}

type NBest = Record<string, { text: string; start_logit: number; end_logit: number; probability: number }[]>;

/**
 * How far logits may be from the reference's. onnxruntime picks its CPU kernels by instruction
 * set, so the reference (made on another machine) cannot be met bit for bit: on an AMD EPYC
 * with AVX2 and no AVX-512, 6,527 of 10,570 questions of bert-tiny-squad had n-best logits off
 * by up to 2.4e-6 (4.8e-7 relative), every text and answer identical; under CPU models without
 * AVX-512 (AVX2, and SSE4.2 only) the fp32 fixtures moved by up to 2.7e-6 here. int8 graphs
 * move more: without AVX2 the u8 × s8 products take another path, and deberta-v3-tiny-squad2's
 * logits moved by up to 8.9e-3. Bit equality is checked only between two runs on one machine
 * (merge against a whole run, cache against none).
 */
const LOGIT_TOLERANCE = { fp32: 1e-5, q8: 0.02 } as const;

interface Tolerance {
  logit: number;
  /** An answer's score is a start and an end logit. */
  score: number;
  /** Null odds are the difference of two scores. */
  odds: number;
  /** A softmax moves a probability p by at most 2 · p · the largest change of a score; 1e-6 for numpy's float32 exp. */
  probability(p: number): number;
}

function tolerance(logit: number): Tolerance {
  const score = 2 * logit;
  return { logit, score, odds: 2 * score, probability: (p) => 1e-6 * Math.max(1, p) + 2 * score * p };
}

type Entry = NBest[string][number];
const score = (e: Entry): number => e.start_logit + e.end_logit;

/** Whether our n-best entry is the reference's within the tolerances. */
function sameEntry(ours: Entry | undefined, ref: Entry | undefined, t: Tolerance): boolean {
  if (ours === undefined || ref === undefined) return ours === ref;
  return (
    ours.text === ref.text &&
    Math.abs(ours.start_logit - ref.start_logit) <= t.logit &&
    Math.abs(ours.end_logit - ref.end_logit) <= t.logit &&
    Math.abs(ours.probability - ref.probability) <= t.probability(ref.probability)
  );
}

/**
 * Two candidates whose reference scores are within twice the score tolerance may swap places
 * (each moves by up to the tolerance): another candidate in a place is a near tie when its score
 * is within three times the tolerance of the reference's there. Its logits cannot be checked then.
 */
function place(ours: Entry | undefined, ref: Entry | undefined, t: Tolerance): "same" | "near tie" | "differs" {
  if (sameEntry(ours, ref, t)) return "same";
  return ours !== undefined && ref !== undefined && Math.abs(score(ours) - score(ref)) <= 3 * t.score ? "near tie" : "differs";
}

/**
 * The n-best and null-odds files against the reference's top 3 and null odds: each place holds
 * the reference's entry within the tolerances, or another candidate in a near tie. Returns the
 * questions with a near tie.
 */
function checkSideFiles(ref: SquadRef, model: string, out: string, t: Tolerance): number {
  const expected = Object.values(ref.splits)[0];
  if (expected === undefined) throw new Error("no split");
  const nbest = JSON.parse(readFileSync(join(out, `${ref.task}.nbest.json`), "utf8")) as NBest;
  const differ: string[] = [];
  let nearTies = 0;
  let worst = 0;
  for (const [id, top3] of Object.entries(expected.nbest_top3)) {
    const ours = (nbest[id] ?? []).slice(0, 3);
    const places = top3.map((r, k) => place(ours[k], r, t));
    if (ours.length !== top3.length || places.includes("differs")) differ.push(id);
    else if (places.includes("near tie")) nearTies += 1;
    for (const [k, r] of top3.entries()) {
      const e = ours[k];
      if (places[k] === "same" && e !== undefined) worst = Math.max(worst, Math.abs(e.start_logit - r.start_logit), Math.abs(e.end_logit - r.end_logit));
    }
  }
  console.log(
    `${model}: n-best top 3 (logits within ${t.logit}) of ${Object.keys(expected.nbest_top3).length} questions within tolerance, ${nearTies} near ties; max |Δ logit| ${worst}`,
  );
  expect(differ, "questions whose n-best top 3 differ").toEqual([]);
  if (!expected.null_odds) return nearTies;
  const odds = JSON.parse(readFileSync(join(out, `${ref.task}.null_odds.json`), "utf8")) as Record<string, number>;
  const oddsDiffer = Object.entries(expected.null_odds).filter(([id, value]) => !(Math.abs((odds[id] ?? Number.NaN) - value) <= t.odds));
  expect(oddsDiffer, "questions whose null odds differ").toEqual([]);
  return nearTies;
}

describe.skipIf(!hasShared)("SQuAD parity with the Python reference", () => {
  it.each(QA_MODELS)("%s through the CLI", async (model) => {
    const ref = readRef(model);
    const dtype = Object.keys(ref.splits)[0] === "model_quantized" ? "q8" : "fp32";
    const task = ref.task;
    const out = join(tmp, model);
    const args = ["--task", task, "--model", sharedPath("fixtures", "models", model), "--dtype", dtype, "--data-dir", sharedPath("data")];
    args.push("--output-dir", out, "--no-progress", "--no-cache", "--json");
    if (task === "squad_v2") args.push("--null-score-diff-threshold", String(ref.null_score_diff_threshold));
    expect(await runCli(args)).toBe(0);

    const result = JSON.parse(readFileSync(join(out, `${task}.json`), "utf8")) as TaskResult;
    const lines = readFileSync(join(out, `${task}.predictions.jsonl`), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as PredictionLine);
    const predictions = JSON.parse(readFileSync(join(out, `${task}.predictions.json`), "utf8")) as Record<string, string>;
    expect(result.n).toBe(ref.n_examples);
    expect(result.features).toBe(ref.n_features);
    expect(lines).toHaveLength(ref.n_examples);
    const { rate, deltas } = compare(ref, `${model} ${task} ${dtype}`, new Map(Object.entries(predictions)), result.metrics);
    expect(rate).toBeGreaterThanOrEqual(0.995);
    for (const [key, delta] of deltas) expect(delta, key).toBeLessThanOrEqual(1e-4);
    checkSideFiles(ref, model, out, tolerance(LOGIT_TOLERANCE[dtype]));
  });
});
