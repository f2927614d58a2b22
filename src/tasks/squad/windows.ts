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
import type { Feature } from "../types.js";

/** Start and end of a token in the context, in code points (Python string indices). */
export type Offset = readonly [number, number];

export interface QaWindow extends Feature {
  ids: number[];
  typeIds: number[];
  /** Context tokens' offsets; null for question and special tokens. */
  offsets: (Offset | null)[];
  /** Index of the question in the list given to `buildWindows`. */
  exampleIndex: number;
}

export interface WindowOptions {
  maxSeqLength: number;
  docStride: number;
  /** Data file, for error messages. */
  file: string;
  onEncoded?: (done: number, total: number) => void;
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

/** Special tokens the post-processor adds to a pair (3 for BERT, 4 for RoBERTa). */
export async function pairSpecialTokens(tokenizer: Tokenizer): Promise<number> {
  const pair = await tokenizer.encode("a", "b");
  return pair.getLength() - (await countTokens(tokenizer, "a")) - (await countTokens(tokenizer, "b"));
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
export function checkRoom(
  example: SquadExample,
  counts: { question: number; context: number; special: number },
  options: WindowOptions,
): void {
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
  const offsets = encoding.getOffsets().map((offset, k): Offset | null => {
    const [start, end] = offset;
    return sequenceIds[k] === contextIndex && start !== undefined && end !== undefined ? [start, end] : null;
  });
  return { ids: encoding.getIds(), typeIds: encoding.getTypeIds(), offsets, exampleIndex };
}

async function encodeExample(
  example: SquadExample,
  exampleIndex: number,
  tokenizers: { windows: Tokenizer; counter: Counter; special: number; questionFirst: boolean },
  options: WindowOptions,
): Promise<QaWindow[]> {
  const question = pyLstrip(example.question);
  const [questionCount, contextCount] = await Promise.all([
    countTokens(tokenizers.counter.tokenizer, question),
    contextTokens(tokenizers.counter, example.context),
  ]);
  checkRoom(example, { question: questionCount, context: contextCount, special: tokenizers.special }, options);
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
export async function buildWindows(
  examples: readonly SquadExample[],
  file: TokenizerFile,
  options: WindowOptions,
): Promise<QaWindow[]> {
  const questionFirst = file.padSide === "right";
  const windows = createTokenizer(file, {
    maxLength: options.maxSeqLength,
    strategy: questionFirst ? "only_second" : "only_first",
    stride: options.docStride,
  });
  const counter = { tokenizer: createTokenizer(file, null), contexts: new Map<string, Promise<number>>() };
  const special = await pairSpecialTokens(counter.tokenizer);
  const limit = pLimit(IN_FLIGHT);
  let done = 0;
  const perExample = await Promise.all(
    examples.map((example, i) =>
      limit(async () => {
        const result = await encodeExample(example, i, { windows, counter, special, questionFirst }, options);
        done += 1;
        options.onEncoded?.(done, examples.length);
        return result;
      }),
    ),
  );
  return perExample.flat();
}
