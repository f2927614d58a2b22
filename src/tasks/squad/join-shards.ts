/** A SQuAD task from its shards: predictions files plus n-best records, scored and written as one run. */
import { join } from "node:path";
import { DataError } from "../../errors.js";
import type { GoldQuestion } from "../../metrics/squad/question.js";
import type { MergeContext, ShardPart, TaskRun } from "../interface.js";
import { finishSquad } from "./finish.js";
import type { DecodedQuestion } from "./outputs.js";
import { decodingOf, readRecords, recordsFileName } from "./records.js";

export async function mergeSquad(def: { name: string; version2: boolean }, { parts, warn }: MergeContext): Promise<TaskRun> {
  const first = parts[0];
  if (first === undefined) throw new RangeError("mergeSquad needs at least one shard");
  const decoded: DecodedQuestion[] = [];
  const gold: GoldQuestion[] = [];
  const questions: string[] = [];
  for (const part of parts) {
    const file = join(part.dir, recordsFileName(def.name));
    const records = await readRecords(file, part.predictions.length);
    part.predictions.forEach((line, i) => {
      const record = records[i];
      if (record === undefined || record.id !== line.index || typeof line.prediction !== "string") {
        throw new DataError(
          { file: part.predictionsFile, line: i + 1, field: "index" },
          `question ${String(line.index)} does not match line ${i + 1} of ${file}`,
        );
      }
      decoded.push({ id: record.id, decoding: decodingOf(line.prediction, record), ...(record.nonFinite ? { nonFinite: true } : {}) });
      gold.push({ id: record.id, answers: record.answers });
      if (typeof line.text === "string") questions.push(line.text);
    });
  }
  const sum = (value: (part: ShardPart) => number): number => parts.reduce((total, part) => total + value(part), 0);
  return finishSquad(
    def,
    {
      decoded,
      gold,
      questions: questions.length === decoded.length ? questions : null,
      features: sum((p) => p.result.features),
      truncated: sum((p) => p.result.truncated),
      dataFile: first.result.data.file,
      config: first.result.config,
      tokenizeSeconds: sum((p) => p.result.timing.tokenizeSeconds),
    },
    warn,
  );
}
