/**
 * A SQuAD shard's `<task>.nbest.jsonl`: per question, in order, its gold answers, its n best
 * answers and its null odds, which the merge needs besides the predictions file to write
 * and score the whole task. Numbers keep every bit: −0 stays −0, and NaN and ±Infinity
 * (which JSON cannot hold) are written as strings.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { DataError } from "../../errors.js";
import type { GoldQuestion } from "../../metrics/squad/question.js";
import type { NBestEntry, QuestionDecoding } from "./decode.js";
import type { DecodedQuestion } from "./outputs.js";
import { checked } from "../../results/validate.js";

export const recordsFileName = (task: string): string => `${task}.nbest.jsonl`;

/**
 * One line: {"id", "answers", "nullOdds", "nbest": [[text, start logit, end logit, probability,
 * placeholder 0/1], …]}, and "nonFinite": true for a question whose windows' logits hold NaN or
 * ±Infinity (the merge counts those as the run does; the logits themselves are not kept).
 */
export function* recordLines(decoded: readonly DecodedQuestion[], gold: readonly GoldQuestion[]): Generator<string> {
  for (const [i, { id, decoding, nonFinite }] of decoded.entries()) {
    const nbest = decoding.nbest.map(
      (e) => `[${JSON.stringify(e.text)},${num(e.startLogit)},${num(e.endLogit)},${num(e.probability)},${e.placeholder ? 1 : 0}]`,
    );
    const odds = decoding.nullOdds === null ? "null" : num(decoding.nullOdds);
    const flag = nonFinite === true ? `,"nonFinite":true` : "";
    yield `{"id":${JSON.stringify(id)},"answers":${JSON.stringify(gold[i]?.answers ?? [])},"nullOdds":${odds},"nbest":[${nbest.join(",")}]${flag}}\n`;
  }
}

function num(x: number): string {
  if (!Number.isFinite(x)) return `"${x}"`;
  return Object.is(x, -0) ? "-0" : String(x);
}

/** A number as recordLines writes it: NaN and ±Infinity as strings. */
const exactNumber = z.union([z.number(), z.literal(["NaN", "Infinity", "-Infinity"]).transform(Number)]);

const NBestSchema = z
  .tuple([z.string(), exactNumber, exactNumber, exactNumber, z.union([z.literal(0), z.literal(1)])])
  .transform(
    ([text, startLogit, endLogit, probability, placeholder]): NBestEntry => ({ text, startLogit, endLogit, probability, placeholder: placeholder === 1 }),
  );

export const QuestionRecordSchema = z.object({
  id: z.string(),
  answers: z.array(z.string()),
  nullOdds: exactNumber.nullable(),
  nbest: z.array(NBestSchema),
  /** A NaN or ±Infinity among the question's logits; absent in records written before it was kept. */
  nonFinite: z
    .boolean()
    .optional()
    .transform((v) => v === true),
});
export type QuestionRecord = z.infer<typeof QuestionRecordSchema>;

/** Reads a records file; `expected` is the number of questions the shard holds. */
export async function readRecords(file: string, expected: number): Promise<QuestionRecord[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new DataError({ file }, `cannot read the shard's n-best records (${(error as NodeJS.ErrnoException).code ?? "error"})`, { cause: error });
  }
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (lines.length !== expected) throw new DataError({ file }, `holds ${lines.length} questions, the shard's predictions ${expected}`);
  return lines.map((line, i) => parseRecord(line, { file, line: i + 1 }));
}

function parseRecord(line: string, where: { file: string; line: number }): QuestionRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new DataError(where, "not valid JSON");
  }
  return checked(QuestionRecordSchema, value, where);
}

/** A decoded question as read back: the same prediction, n best and null odds. */
export function decodingOf(prediction: string, record: QuestionRecord): QuestionDecoding {
  return { prediction, nbest: record.nbest, nullOdds: record.nullOdds };
}
