/**
 * A SQuAD shard's `<task>.nbest.jsonl`: per question, in order, its gold answers, its n best
 * answers and its null odds, which the merge needs besides the predictions file to write
 * and score the whole task. Numbers keep every bit: −0 stays −0, and NaN and ±Infinity
 * (which JSON cannot hold) are written as strings.
 */
import { readFile } from "node:fs/promises";
import { DataError } from "../../errors.js";
import type { GoldQuestion } from "../../metrics/squad/question.js";
import type { NBestEntry, QuestionDecoding } from "./decode.js";
import type { DecodedQuestion } from "./outputs.js";

export const recordsFileName = (task: string): string => `${task}.nbest.jsonl`;

/**
 * One line: {"id", "answers", "nullOdds", "nbest": [[text, start logit, end logit, probability,
 * placeholder 0/1], …]}, and "nonFinite": true for a question whose windows' logits hold NaN or
 * ±Infinity (the merge counts those as the run does; the logits themselves are not kept).
 */
export function* recordLines(decoded: readonly DecodedQuestion[], gold: readonly GoldQuestion[]): Generator<string> {
  for (const [i, { id, decoding, nonFinite }] of decoded.entries()) {
    const nbest = decoding.nbest.map((e) => `[${JSON.stringify(e.text)},${num(e.startLogit)},${num(e.endLogit)},${num(e.probability)},${e.placeholder ? 1 : 0}]`);
    const odds = decoding.nullOdds === null ? "null" : num(decoding.nullOdds);
    const flag = nonFinite === true ? `,"nonFinite":true` : "";
    yield `{"id":${JSON.stringify(id)},"answers":${JSON.stringify(gold[i]?.answers ?? [])},"nullOdds":${odds},"nbest":[${nbest.join(",")}]${flag}}\n`;
  }
}

function num(x: number): string {
  if (!Number.isFinite(x)) return `"${x}"`;
  return Object.is(x, -0) ? "-0" : String(x);
}

export interface QuestionRecord {
  id: string;
  answers: string[];
  nullOdds: number | null;
  nbest: NBestEntry[];
  nonFinite: boolean;
}

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
  const record = value as Partial<Record<keyof QuestionRecord, unknown>>;
  if (typeof record.id !== "string") throw new DataError({ ...where, field: "id" }, "must be a string");
  if (!Array.isArray(record.answers) || !record.answers.every((a) => typeof a === "string")) throw new DataError({ ...where, field: "answers" }, "must be a list of strings");
  const nullOdds = record.nullOdds === null ? null : number(record.nullOdds, where, "nullOdds");
  if (!Array.isArray(record.nbest)) throw new DataError({ ...where, field: "nbest" }, "must be a list");
  const nbest = record.nbest.map((entry: unknown): NBestEntry => {
    if (!Array.isArray(entry) || entry.length !== 5 || typeof entry[0] !== "string") throw new DataError({ ...where, field: "nbest" }, "each entry must be [text, start logit, end logit, probability, placeholder]");
    const [text, start, end, probability, placeholder] = entry as [string, unknown, unknown, unknown, unknown];
    return { text, startLogit: number(start, where, "nbest"), endLogit: number(end, where, "nbest"), probability: number(probability, where, "nbest"), placeholder: placeholder === 1 };
  });
  return { id: record.id, answers: record.answers as string[], nullOdds, nbest, nonFinite: record.nonFinite === true };
}

function number(value: unknown, where: { file: string; line: number }, field: string): number {
  if (typeof value === "number") return value;
  if (value === "NaN" || value === "Infinity" || value === "-Infinity") return Number(value);
  throw new DataError({ ...where, field }, "must be a number");
}

/** A decoded question as read back: the same prediction, n best and null odds. */
export function decodingOf(prediction: string, record: QuestionRecord): QuestionDecoding {
  return { prediction, nbest: record.nbest, nullOdds: record.nullOdds };
}
