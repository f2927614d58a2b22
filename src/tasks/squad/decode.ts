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
import { type CodePointText, codePointText, sliceCodePoints } from "./text.js";
import { topIndices } from "./topk.js";
import type { OffsetLookup } from "./windows.js";

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
  /** Worked out when read: only the n-best file needs the texts and probabilities. */
  readonly nbest: NBestEntry[];
  /** SQuAD 2.0: null score - best non-null score (float32); null for v1.1. */
  nullOdds: number | null;
}

const f32 = Math.fround;

/** A kept candidate is 5 numbers: score, start logit, end logit, first character, end character. */
const SLOT = 5;

/**
 * The n best candidates, best first; equal scores keep their arrival order. This is what
 * utils_qa.py's stable `sorted(prelim, key=score, reverse=True)[:n_best]` keeps, without
 * building and sorting every pair (up to n_best² per window). Candidates live packed in one
 * array (room for one more: SQuAD 2.0 may append the null answer), so a question leaves
 * one small array behind, not dozens of objects.
 */
class BestCandidates {
  count = 0;
  readonly slots: Float64Array;
  constructor(readonly size: number) {
    this.slots = new Float64Array((size + 1) * SLOT);
  }

  full(): boolean {
    return this.count >= this.size;
  }

  /** The lowest kept score (−∞ while empty). */
  worst(): number {
    return this.count === 0 ? Number.NEGATIVE_INFINITY : (this.slots[(this.count - 1) * SLOT] as number);
  }

  /** Would a candidate scoring `score`, arriving now, be kept? */
  admits(score: number): boolean {
    return this.size > 0 && (!this.full() || this.worst() < score);
  }

  add(score: number, startLogit: number, endLogit: number, from: number, to: number): void {
    const { slots } = this;
    let at = this.count;
    // After every kept candidate scoring the same or more (they arrived first).
    while (at > 0 && (slots[(at - 1) * SLOT] as number) < score) at--;
    const kept = Math.min(this.count, this.size - 1);
    slots.copyWithin((at + 1) * SLOT, at * SLOT, kept * SLOT);
    this.put(at, score, startLogit, endLogit, from, to);
    this.count = kept + 1;
  }

  /** Appends past the n best (the null answer of SQuAD 2.0, when it did not make them). */
  append(score: number, startLogit: number, endLogit: number, from: number, to: number): void {
    this.put(this.count, score, startLogit, endLogit, from, to);
    this.count += 1;
  }

  /** The kept candidates' numbers, in a plain array of their own. */
  copy(): number[] {
    const out = new Array<number>(this.count * SLOT);
    for (let i = 0; i < out.length; i++) out[i] = this.slots[i] as number;
    return out;
  }

  has(from: number, to: number): boolean {
    for (let i = 0; i < this.count; i++) if (this.slots[i * SLOT + 3] === from && this.slots[i * SLOT + 4] === to) return true;
    return false;
  }

  private put(at: number, score: number, startLogit: number, endLogit: number, from: number, to: number): void {
    const base = at * SLOT;
    this.slots[base] = score;
    this.slots[base + 1] = startLogit;
    this.slots[base + 2] = endLogit;
    this.slots[base + 3] = from;
    this.slots[base + 4] = to;
  }
}

function windowCandidates(window: WindowLogits, options: DecodeOptions, out: BestCandidates): void {
  const { offsets, start, end } = window;
  const starts = topIndices(start, options.nBestSize);
  const ends = topIndices(end, options.nBestSize);
  // Each end's last character (−1 outside the context), looked up once per window, not per pair.
  const endChars = ends.map((e) => offsets.at(e)?.[1] ?? -1);
  for (const s of starts) {
    const from = offsets.at(s);
    if (!from) continue;
    const startLogit = start[s] as number;
    for (let k = 0; k < ends.length; k++) {
      const e = ends[k] as number;
      const endLogit = end[e] as number;
      const score = f32(startLogit + endLogit);
      // Ends come best first and rounding is monotonic: no later end can be kept either.
      if (out.full() && score <= out.worst()) break;
      const to = endChars[k] as number;
      if (to < 0) continue;
      if (e < s || e - s + 1 > options.maxAnswerLength) continue;
      if (out.admits(score)) out.add(score, startLogit, endLogit, from[0], to);
    }
  }
}

/** The window null answer with the lowest score (the first of equals): [score, start logit, end logit]. */
function minNullCandidate(windows: readonly WindowLogits[]): [number, number, number] | null {
  let best: [number, number, number] | null = null;
  for (const { start, end } of windows) {
    const startLogit = start[0] as number;
    const endLogit = end[0] as number;
    const score = f32(startLogit + endLogit);
    if (best === null || best[0] > score) best = [score, startLogit, endLogit];
  }
  return best;
}

/** One reused buffer: decoding is synchronous, and a question keeps only a copy of what it found. */
let scratch = new BestCandidates(20);

/** `context`: the question's context, or its code point view (shared by a paragraph's questions). */
export function decodeQuestion(context: string | CodePointText, windows: readonly WindowLogits[], options: DecodeOptions): QuestionDecoding {
  if (scratch.size !== options.nBestSize) scratch = new BestCandidates(Math.max(0, options.nBestSize));
  const kept = scratch;
  kept.count = 0;
  for (const window of windows) windowCandidates(window, options, kept);
  const minNull = options.version2 ? minNullCandidate(windows) : null;
  if (minNull !== null) {
    if (kept.admits(minNull[0])) kept.add(...minNull, 0, 0);
    if (!kept.has(0, 0)) kept.append(...minNull, 0, 0);
  }
  const source = typeof context === "string" ? codePointText(context) : context;
  return new Decoding(source, kept.copy(), minNull?.[0] ?? null, options.nullScoreDiffThreshold);
}

/**
 * One question's answer. Its texts are sliced when asked for: the prediction needs the first
 * (SQuAD 2.0: the first non-empty), the n-best file all of them, after the task's clock stops.
 */
class Decoding implements QuestionDecoding {
  readonly prediction: string;
  readonly nullOdds: number | null;
  /** utils_qa.py puts an "empty" answer first when no answer (or only one "") is left. */
  private readonly placeholder: boolean;

  constructor(
    private readonly source: CodePointText,
    private readonly slots: readonly number[],
    nullScore: number | null,
    threshold: number,
  ) {
    const count = slots.length / SLOT;
    this.placeholder = count === 0 || (count === 1 && this.text(0) === "");
    if (nullScore === null) {
      this.prediction = this.placeholder ? PLACEHOLDER : this.text(0);
      this.nullOdds = null;
      return;
    }
    // utils_qa.py steps past "" texts; the placeholder guarantees one unless several windows'
    // answers slice to "", where the script would fail: that case falls back to the placeholder's values.
    let best = { text: "", startLogit: 0, endLogit: 0 };
    if (this.placeholder) best = { text: PLACEHOLDER, startLogit: 0, endLogit: 0 };
    else {
      for (let i = 0; i < count; i++) {
        const text = this.text(i);
        if (text !== "") {
          best = { text, startLogit: this.slot(i, 1), endLogit: this.slot(i, 2) };
          break;
        }
      }
    }
    this.nullOdds = f32(f32(nullScore - best.startLogit) - best.endLogit);
    this.prediction = this.nullOdds > f32(threshold) ? "" : best.text;
  }

  get nbest(): NBestEntry[] {
    const count = this.slots.length / SLOT;
    const entries: NBestEntry[] = [];
    const scores: number[] = [];
    if (this.placeholder) {
      entries.push({ text: PLACEHOLDER, startLogit: 0, endLogit: 0, probability: 0, placeholder: true });
      scores.push(0);
    }
    for (let i = 0; i < count; i++) {
      entries.push({ text: this.text(i), startLogit: this.slot(i, 1), endLogit: this.slot(i, 2), probability: 0, placeholder: false });
      scores.push(this.slot(i, 0));
    }
    softmax(scores, !this.placeholder).forEach((p, i) => {
      (entries[i] as NBestEntry).probability = p;
    });
    return entries;
  }

  private slot(i: number, field: number): number {
    return this.slots[i * SLOT + field] as number;
  }

  private text(i: number): string {
    return sliceCodePoints(this.source, this.slot(i, 3), this.slot(i, 4));
  }
}

const PLACEHOLDER = "empty";
