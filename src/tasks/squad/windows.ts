/**
 * SQuAD windows exactly as run_qa.py's `prepare_validation_features`: the question
 * left-stripped; question first when the tokenizer pads on the right (truncation
 * only_second), context first otherwise (only_first); overflowing windows that overlap
 * by `docStride` tokens (the fast tokenizers' meaning of stride); character offsets kept
 * for context tokens only.
 */
import pLimit from "p-limit";
import type { Encoding, Tokenizer } from "tokenizers";
import { DataError, UsageError } from "../../errors.js";
import type { SquadExample } from "../../data/squad.js";
import { pyLstrip } from "../../metrics/squad/normalize.js";
import { createTokenizer, type TokenizerFile } from "../../model/tokenizer.js";
import type { Feature } from "../interface.js";

/** Start and end of a token in the context, in code points (Python string indices). */
export type Offset = readonly [number, number];

/** Per token, its offsets in the context, or null (question and special tokens). Arrays of offsets fit too. */
export interface OffsetLookup {
  readonly length: number;
  at(token: number): Offset | null | undefined;
}

/** Context offsets packed two int32 per token (-1 for tokens outside the context): a few bytes per token, not an array each. */
export class ContextOffsets implements OffsetLookup {
  constructor(private readonly packed: Int32Array) {}

  get length(): number {
    return this.packed.length / 2;
  }

  at(token: number): Offset | null {
    if (!(token >= 0 && token < this.length)) return null;
    const start = this.packed[2 * token] as number;
    return start < 0 ? null : [start, this.packed[2 * token + 1] as number];
  }

  toArray(): (Offset | null)[] {
    return Array.from({ length: this.length }, (_, k) => this.at(k));
  }
}

export interface QaWindow extends Feature {
  ids: number[];
  typeIds: number[];
  /** Context tokens' offsets; null for question and special tokens. */
  offsets: ContextOffsets;
  /** Index of the question in the list given to `buildWindows`. */
  exampleIndex: number;
}

export interface WindowOptions {
  maxSeqLength: number;
  docStride: number;
  /** Data file, for error messages. */
  file: string;
}

// Encodings run on libuv's thread pool; this many questions are kept in flight.
const IN_FLIGHT = 64;

interface Counter {
  tokenizer: Tokenizer;
  contexts: Map<string, Promise<number>>;
}

async function countTokens(tokenizer: Tokenizer, text: string): Promise<number> {
  return (await tokenizer.encode(text, null, { addSpecialTokens: false })).getLength();
}

/** Special tokens the post-processor adds to one sequence (2 for BERT) and to a pair (3 for BERT, 4 for RoBERTa). */
export async function specialTokens(tokenizer: Tokenizer): Promise<{ single: number; pair: number }> {
  const [a, b, single, pair] = await Promise.all([countTokens(tokenizer, "a"), countTokens(tokenizer, "b"), tokenizer.encode("a"), tokenizer.encode("a", "b")]);
  return { single: single.getLength() - a, pair: pair.getLength() - a - b };
}

/**
 * The Rust tokenizer refuses (and here, aborts the process on) a truncation whose stride
 * exceeds max_length minus the special tokens of one sequence, whatever the inputs.
 */
export function checkStride(options: WindowOptions, singleSpecial: number): void {
  const limit = options.maxSeqLength - singleSpecial;
  if (options.docStride > limit) {
    throw new UsageError(
      `--doc-stride ${options.docStride} is too large for --max-seq-length ${options.maxSeqLength}: the tokenizer allows at most ${limit} (max_seq_length - ${singleSpecial} special tokens), and a window needs room beside the question`,
    );
  }
}

function contextTokens(counter: Counter, context: string): Promise<number> {
  let count = counter.contexts.get(context);
  if (count === undefined) {
    count = countTokens(counter.tokenizer, context);
    counter.contexts.set(context, count);
  }
  return count;
}

/**
 * The Rust tokenizer fails on a question that leaves no room for the context and aborts
 * the process on a stride that is not below that room, but only when the context has to
 * be cut: the same cases are refused here first, by name.
 */
export function checkRoom(example: SquadExample, counts: { question: number; context: number; special: number }, options: WindowOptions): void {
  const room = options.maxSeqLength - counts.special - counts.question;
  if (counts.context <= room) return;
  if (room <= 0) {
    throw new DataError(
      { file: options.file, field: `${example.path}.question` },
      `question ${example.id} has ${counts.question} tokens: with max_seq_length ${options.maxSeqLength} and ${counts.special} special tokens no room is left for the context (raise --max-seq-length)`,
    );
  }
  if (options.docStride >= room) {
    throw new UsageError(
      `--doc-stride ${options.docStride} must be less than the ${room} context tokens that fit beside question ${example.id} (max_seq_length ${options.maxSeqLength} - ${counts.question} question tokens - ${counts.special} special tokens)`,
    );
  }
}

function toWindow(encoding: Encoding, contextIndex: number, exampleIndex: number): QaWindow {
  const sequenceIds = encoding.getSequenceIds();
  const offsets = encoding.getOffsets();
  const packed = new Int32Array(2 * offsets.length).fill(-1);
  offsets.forEach(([start, end], k) => {
    if (sequenceIds[k] !== contextIndex || start === undefined || end === undefined) return;
    packed[2 * k] = start;
    packed[2 * k + 1] = end;
  });
  return { ids: encoding.getIds(), typeIds: encoding.getTypeIds(), offsets: new ContextOffsets(packed), exampleIndex };
}

async function encodeExample(
  example: SquadExample,
  exampleIndex: number,
  tokenizers: { windows: Tokenizer; counter: Counter; special: number; questionFirst: boolean },
  options: WindowOptions,
): Promise<QaWindow[]> {
  const question = pyLstrip(example.question);
  const questionCount = await countTokens(tokenizers.counter.tokenizer, question);
  // The context only matters when the room is too small: count it then, not for every question.
  if (options.maxSeqLength - tokenizers.special - questionCount <= options.docStride) {
    const context = await contextTokens(tokenizers.counter, example.context);
    checkRoom(example, { question: questionCount, context, special: tokenizers.special }, options);
  }
  const { windows, questionFirst } = tokenizers;
  let encoding: Encoding;
  try {
    encoding = questionFirst ? await windows.encode(question, example.context) : await windows.encode(example.context, question);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError({ file: options.file, field: example.path }, `cannot tokenize question ${example.id}: ${reason}`, { cause: error });
  }
  // The first encoding's overflowing list holds every further window, in order.
  const contextIndex = questionFirst ? 1 : 0;
  return [encoding, ...encoding.getOverflowing()].map((e) => toWindow(e, contextIndex, exampleIndex));
}

/** All windows of all questions, grouped by question in input order. */
export async function buildWindows(examples: readonly SquadExample[], file: TokenizerFile, options: WindowOptions): Promise<QaWindow[]> {
  const questionFirst = file.padSide === "right";
  const counter = { tokenizer: createTokenizer(file, null), contexts: new Map<string, Promise<number>>() };
  const specials = await specialTokens(counter.tokenizer);
  checkStride(options, specials.single);
  const special = specials.pair;
  const windows = createTokenizer(file, {
    maxLength: options.maxSeqLength,
    strategy: questionFirst ? "only_second" : "only_first",
    stride: options.docStride,
  });
  const limit = pLimit(IN_FLIGHT);
  // On an error, questions not yet started are skipped; those in flight (all earlier in the
  // file) finish, so the error reported is that of the first failing question in file order.
  const failures: { index: number; error: unknown }[] = [];
  const perExample = await Promise.all(
    examples.map((example, i) =>
      limit(async (): Promise<QaWindow[]> => {
        if (failures.length > 0) return [];
        try {
          return await encodeExample(example, i, { windows, counter, special, questionFirst }, options);
        } catch (error) {
          failures.push({ index: i, error });
          return [];
        }
      }),
    ),
  );
  const [first] = failures.sort((a, b) => a.index - b.index);
  if (first !== undefined) throw first.error;
  return perExample.flat();
}
