/** Padding of length-sorted batches over whole GLUE dev splits: tokenize and plan, no inference. */
import { readTokenizerFile } from "../src/model/tokenizer.js";
import { planBatches } from "../src/runner/batching.js";
import { glueDefinitions } from "../src/tasks/catalogue/index.js";
import { encodeExamples } from "../src/tasks/glue/encode.js";
import { readGlueSplit } from "../src/tasks/glue/read.js";
import { fixedBatches, padFraction } from "./raw.js";
import type { PaddingRow } from "./types.js";

export const SURVEY_TASKS = ["sst2", "mrpc", "qnli", "rte", "mnli", "qqp"] as const;

export async function paddingSurvey(tokenizerPath: string, dataDir: string, batchSize: number, maxSeqLength: number): Promise<PaddingRow[]> {
  const tokenizer = await readTokenizerFile(tokenizerPath);
  const rows: PaddingRow[] = [];
  for (const name of SURVEY_TASKS) {
    const def = glueDefinitions.find((d) => d.name === name);
    if (def === undefined) continue;
    const data = await readGlueSplit(def, def.dev, dataDir, null);
    const { features } = await encodeExamples(tokenizer, data.examples, maxSeqLength);
    rows.push({
      task: name,
      n: features.length,
      dynamic: padFraction(features, planBatches(features, batchSize)),
      fixed: padFraction(features, fixedBatches(features.length, batchSize, maxSeqLength)),
    });
  }
  return rows;
}
