/**
 * Reader for the official SQuAD JSON (v1.1 and v2.0): articles -> paragraphs -> qas.
 * Returns the questions in file order; every problem is a DataError naming the file and
 * the JSON path of the offending field.
 */
import { readFile } from "node:fs/promises";
import { DataError, oneLine } from "../errors.js";

export interface SquadExample {
  id: string;
  question: string;
  context: string;
  /** Gold answers (v2.0: empty for an unanswerable question). */
  answers: { texts: string[]; starts: number[] };
  isImpossible: boolean;
  /** JSON path of the question, e.g. `data[3].paragraphs[0].qas[2]`, for messages. */
  path: string;
}

export interface SquadFile {
  file: string;
  version: string | null;
  examples: SquadExample[];
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Where a JSON.parse error happened, as a 1-based line, when V8 says so. */
function errorLine(text: string, error: unknown): number | undefined {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : "");
  if (!match?.[1]) return undefined;
  const position = Number(match[1]);
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function parseJsonFile(file: string, text: string): Json {
  try {
    return JSON.parse(text);
  } catch (error) {
    const line = errorLine(text, error);
    const reason = oneLine(error instanceof Error ? error.message : String(error)).slice(0, 200);
    const where = line === undefined ? { file } : { file, line };
    const truncated = /end of JSON input|Unterminated/.test(reason) ? "; the file is truncated" : "";
    throw new DataError(where, `not valid JSON (${reason})${truncated}`, { cause: error });
  }
}

export async function readJsonFile(file: string): Promise<Json> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new DataError({ file }, "cannot read the file", { cause: error });
  }
  return parseJsonFile(file, text);
}

/** Length in code points, the unit of SQuAD's `answer_start` (Python string indices). */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) n--;
    }
  }
  return n;
}

function arrayAt(file: string, value: Json, field: string): Json[] {
  if (!Array.isArray(value)) throw new DataError({ file, field }, "expected a list");
  return value;
}

function objectAt(file: string, value: Json, field: string): Record<string, Json> {
  if (!isObject(value)) throw new DataError({ file, field }, "expected an object");
  return value;
}

function stringAt(file: string, value: Json, field: string): string {
  if (typeof value !== "string") throw new DataError({ file, field }, "expected a string");
  return value;
}

interface Paragraph {
  context: string;
  /** In code points. */
  contextLength: number;
}

function readAnswers(file: string, qa: Record<string, Json>, path: string, contextLength: number): SquadExample["answers"] {
  if (!("answers" in qa)) throw new DataError({ file, field: `${path}.answers` }, "question has no answers list");
  const list = arrayAt(file, qa.answers, `${path}.answers`);
  const answers: SquadExample["answers"] = { texts: [], starts: [] };
  list.forEach((raw, k) => {
    const field = `${path}.answers[${k}]`;
    const answer = objectAt(file, raw, field);
    const text = stringAt(file, answer.text, `${field}.text`);
    const start = answer.answer_start;
    if (typeof start !== "number" || !Number.isInteger(start)) {
      throw new DataError({ file, field: `${field}.answer_start` }, "expected an integer");
    }
    if (start < 0 || start + codePointLength(text) > contextLength) {
      throw new DataError({ file, field: `${field}.answer_start` }, `answer_start ${start} puts the answer outside its context (${contextLength} characters)`);
    }
    answers.texts.push(text);
    answers.starts.push(start);
  });
  return answers;
}

function readQuestion(file: string, raw: Json, path: string, { context, contextLength }: Paragraph): SquadExample {
  const qa = objectAt(file, raw, path);
  const id = stringAt(file, qa.id, `${path}.id`);
  const question = stringAt(file, qa.question, `${path}.question`);
  const answers = readAnswers(file, qa, path, contextLength);
  const impossible = qa.is_impossible ?? false;
  if (typeof impossible !== "boolean") throw new DataError({ file, field: `${path}.is_impossible` }, "expected true or false");
  return { id, question, context, answers, isImpossible: impossible, path };
}

/** Validates parsed SQuAD JSON and flattens it to questions in file order. */
export function parseSquad(file: string, json: Json): SquadFile {
  const root = objectAt(file, json, "(top level)");
  if (!("data" in root)) throw new DataError({ file, field: "data" }, "missing: not a SQuAD file");
  const examples: SquadExample[] = [];
  const seen = new Set<string>();
  arrayAt(file, root.data, "data").forEach((rawArticle, i) => {
    const article = objectAt(file, rawArticle, `data[${i}]`);
    arrayAt(file, article.paragraphs, `data[${i}].paragraphs`).forEach((rawParagraph, j) => {
      const path = `data[${i}].paragraphs[${j}]`;
      const paragraph = objectAt(file, rawParagraph, path);
      const context = stringAt(file, paragraph.context, `${path}.context`);
      const shared = { context, contextLength: codePointLength(context) };
      arrayAt(file, paragraph.qas, `${path}.qas`).forEach((rawQa, k) => {
        const example = readQuestion(file, rawQa, `${path}.qas[${k}]`, shared);
        if (seen.has(example.id)) throw new DataError({ file, field: `${example.path}.id` }, `duplicate question id ${example.id}`);
        seen.add(example.id);
        examples.push(example);
      });
    });
  });
  // Scoring nothing would give NaN metrics and a run that looks like it succeeded.
  if (examples.length === 0) throw new DataError({ file, field: "data" }, "no questions: the file holds no data[].paragraphs[].qas entries");
  const version = typeof root.version === "string" ? root.version : null;
  return { file, version, examples };
}

export async function readSquadFile(file: string): Promise<SquadFile> {
  return parseSquad(file, await readJsonFile(file));
}

/** SQuAD v1.1 scoring needs at least one gold answer per question (the script crashes otherwise). */
export function requireAnswers(data: SquadFile): void {
  const bare = data.examples.find((example) => example.answers.texts.length === 0);
  if (bare) {
    throw new DataError({ file: data.file, field: `${bare.path}.answers` }, `question ${bare.id} has no gold answer (a SQuAD 2.0 file? use squad_v2)`);
  }
}
