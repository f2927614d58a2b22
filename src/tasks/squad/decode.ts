/**
 * Answer decoding exactly as HF utils_qa.py's `postprocess_qa_predictions`, for one question:
 * per window the n_best start and end indices, every pair inside the context with
 * end >= start and at most max_answer_length tokens, score = start + end logit (float32,
 * as numpy adds the model's float32 logits); SQuAD 2.0 adds the null answer of the window
 * with the lowest null score; the n_best best by score (a stable sort, as Python's); the
 * texts sliced from the original context; "empty" when nothing else is left; softmax
 * probabilities; SQuAD 2.0 answers "" when null score - best non-null score exceeds the
 * threshold (compared in float32, as numpy compares a float32 with a Python float).
 */
import { softmax } from "./probabilities.js";
import { codePointText, sliceCodePoints } from "./text.js";
import { topIndices } from "./topk.js";
import type { Offset, OffsetLookup } from "./windows.js";

export interface WindowLogits {
  offsets: OffsetLookup;
  start: ArrayLike<number>;
  end: ArrayLike<number>;
}

export interface DecodeOptions {
  nBestSize: number;
  maxAnswerLength: number;
  version2: boolean;
  nullScoreDiffThreshold: number;
}

export interface NBestEntry {
  text: string;
  startLogit: number;
  endLogit: number;
  probability: number;
  /** The "empty" placeholder utils_qa.py inserts when no answer is left. */
  placeholder: boolean;
}

export interface QuestionDecoding {
  prediction: string;
  /** Worked out when first read: only the n-best file needs the probabilities. */
  readonly nbest: NBestEntry[];
  /** SQuAD 2.0: null score - best non-null score (float32); null for v1.1. */
  nullOdds: number | null;
}

interface Candidate {
  offsets: Offset;
  score: number;
  startLogit: number;
  endLogit: number;
}

const f32 = Math.fround;

/**
 * The n best candidates, best first; equal scores keep their arrival order. This is what
 * utils_qa.py's stable `sorted(prelim, key=score, reverse=True)[:n_best]` keeps, without
 * building and sorting every pair (up to n_best² per window).
 */
class BestCandidates {
  readonly items: Candidate[] = [];
  constructor(private readonly size: number) {}

  full(): boolean {
    return this.items.length >= this.size;
  }

  /** The lowest kept score (−∞ while empty). */
  worst(): number {
    return this.items[this.items.length - 1]?.score ?? Number.NEGATIVE_INFINITY;
  }

  /** Would a candidate scoring `score`, arriving now, be kept? */
  admits(score: number): boolean {
    return this.size > 0 && (!this.full() || this.worst() < score);
  }

  add(candidate: Candidate): void {
    const { items } = this;
    let at = items.length;
    // After every kept candidate scoring the same or more (they arrived first).
    while (at > 0 && (items[at - 1] as Candidate).score < candidate.score) at--;
    items.splice(at, 0, candidate);
    if (items.length > this.size) items.pop();
  }
}

function windowCandidates(window: WindowLogits, options: DecodeOptions, out: BestCandidates): void {
  const { offsets, start, end } = window;
  const starts = topIndices(start, options.nBestSize);
  const ends = topIndices(end, options.nBestSize);
  for (const s of starts) {
    const from = offsets.at(s);
    if (!from) continue;
    const startLogit = start[s] as number;
    for (const e of ends) {
      const endLogit = end[e] as number;
      const score = f32(startLogit + endLogit);
      // Ends come best first and rounding is monotonic: no later end can be kept either.
      if (out.full() && score <= out.worst()) break;
      const to = offsets.at(e);
      if (!to) continue;
      if (e < s || e - s + 1 > options.maxAnswerLength) continue;
      if (out.admits(score)) out.add({ offsets: [from[0], to[1]], score, startLogit, endLogit });
    }
  }
}

/** The window null answer with the lowest score (the first of equals). */
function minNullCandidate(windows: readonly WindowLogits[]): Candidate | null {
  let best: Candidate | null = null;
  for (const { start, end } of windows) {
    const startLogit = start[0] as number;
    const endLogit = end[0] as number;
    const score = f32(startLogit + endLogit);
    if (best === null || best.score > score) best = { offsets: [0, 0], score, startLogit, endLogit };
  }
  return best;
}

const isNullOffsets = (c: Candidate): boolean => c.offsets[0] === 0 && c.offsets[1] === 0;

function bestNonNull(entries: readonly NBestEntry[]): NBestEntry {
  // utils_qa.py steps past "" texts; the placeholder guarantees one unless several windows'
  // answers slice to "", where the script would fail: that case falls back to the placeholder's values.
  return entries.find((entry) => entry.text !== "") ?? { text: "", startLogit: 0, endLogit: 0, probability: 0, placeholder: true };
}

export function decodeQuestion(context: string, windows: readonly WindowLogits[], options: DecodeOptions): QuestionDecoding {
  const kept = new BestCandidates(options.nBestSize);
  for (const window of windows) windowCandidates(window, options, kept);
  const minNull = options.version2 ? minNullCandidate(windows) : null;
  if (minNull !== null && kept.admits(minNull.score)) kept.add(minNull);
  const chosen = kept.items;
  if (minNull !== null && !chosen.some(isNullOffsets)) chosen.push(minNull);

  const source = codePointText(context);
  const entries: NBestEntry[] = chosen.map((c) => ({ text: sliceCodePoints(source, c.offsets[0], c.offsets[1]), startLogit: c.startLogit, endLogit: c.endLogit, probability: 0, placeholder: false }));
  const scores = chosen.map((c) => c.score);
  const placeholder = entries.length === 0 || (entries.length === 1 && entries[0]?.text === "");
  if (placeholder) {
    entries.unshift({ text: "empty", startLogit: 0, endLogit: 0, probability: 0, placeholder: true });
    scores.unshift(0);
  }
  let withProbabilities = false;
  const nbest = (): NBestEntry[] => {
    if (!withProbabilities) {
      softmax(scores, !placeholder).forEach((p, i) => {
        (entries[i] as NBestEntry).probability = p;
      });
      withProbabilities = true;
    }
    return entries;
  };

  if (minNull === null) return { prediction: entries[0]?.text ?? "", get nbest() { return nbest(); }, nullOdds: null };
  const best = bestNonNull(entries);
  const nullOdds = f32(f32(minNull.score - best.startLogit) - best.endLogit);
  const prediction = nullOdds > f32(options.nullScoreDiffThreshold) ? "" : best.text;
  return { prediction, get nbest() { return nbest(); }, nullOdds };
}
