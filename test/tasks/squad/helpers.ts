/** Loaders for the SQuAD reference fixtures in ../shared. */
import { readFileSync } from "node:fs";
import { readSquadFile, type SquadExample } from "../../../src/data/squad.js";
import { readTokenizerFile, type TokenizerFile } from "../../../src/model/tokenizer.js";
import { sharedPath } from "../../shared.js";

export type RefOffset = [number, number] | null;

export interface SquadRef {
  model: string;
  task: "squad" | "squad_v2";
  max_seq_length: number;
  doc_stride: number;
  n_best_size: number;
  max_answer_length: number;
  null_score_diff_threshold: number;
  n_examples: number;
  n_features: number;
  features_head: {
    example_id: string[];
    overflow_to_sample_mapping: number[];
    input_ids: number[][];
    offsets: RefOffset[][];
  };
  splits: Record<
    string,
    {
      metrics: Record<string, number>;
      inputs: string[];
      predictions: Record<string, string>;
      nbest_top3: Record<string, { text: string; start_logit: number; end_logit: number; probability: number }[]>;
      null_odds?: Record<string, number> | null;
      start_logits: number[][];
      end_logits: number[][];
    }
  >;
}

export const QA_MODELS = ["bert-tiny-squad", "bert-tiny-squad2", "roberta-tiny-squad", "deberta-v3-tiny-squad2"] as const;

export function readRef(model: string): SquadRef {
  return JSON.parse(readFileSync(sharedPath("fixtures", "refs", `${model}.json`), "utf8")) as SquadRef;
}

export function devFile(task: "squad" | "squad_v2"): string {
  return sharedPath("data", "squad", task === "squad" ? "dev-v1.1.json" : "dev-v2.0.json");
}

const devCache = new Map<string, Promise<SquadExample[]>>();

export function devExamples(task: "squad" | "squad_v2"): Promise<SquadExample[]> {
  let examples = devCache.get(task);
  if (examples === undefined) {
    examples = readSquadFile(devFile(task)).then((data) => data.examples);
    devCache.set(task, examples);
  }
  return examples;
}

export function modelTokenizer(model: string): Promise<TokenizerFile> {
  return readTokenizerFile(sharedPath("fixtures", "models", model, "tokenizer.json"));
}

/** A question as the reader returns it, for hand-made cases. */
export function example(id: string, question: string, context: string, answers: string[] = []): SquadExample {
  const starts = answers.map((text) => context.indexOf(text));
  return { id, question, context, answers: { texts: answers, starts }, isImpossible: answers.length === 0, path: `data[0].paragraphs[0].qas[${id}]` };
}
