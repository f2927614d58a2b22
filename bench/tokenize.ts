/**
 * The raw path's tokenization: the same tokenizer settings glue-eval uses, with the Rust
 * tokenizer built once beforehand, every example in flight at once (single sentences in one
 * encodeBatch call), nothing kept but ids.
 */
import { join } from "node:path";
import { readSquadFile } from "../src/data/squad.js";
import { createTokenizer, type TokenizerFile } from "../src/model/tokenizer.js";
import { readGlueSplit } from "../src/tasks/glue/read.js";
import { catalogue, type TaskDefinition, type TaskName } from "../src/tasks/catalogue/index.js";
import { buildWindows } from "../src/tasks/squad/windows.js";
import type { Feature } from "../src/tasks/interface.js";
import { timed } from "./stats.js";

export interface TokenizeSource {
  /** Examples (GLUE rows, SQuAD questions). */
  n: number;
  /** Sentence pairs (false: single sentences). */
  pairs: boolean;
  /** First texts of the examples, file order (what a single-text pipeline gets). */
  texts: string[];
  /** One timed pass; the features are what glue-eval feeds the model. */
  run(): Promise<{ seconds: number; value: Feature[] }>;
  /** What the pass includes beyond encoding, if anything. */
  note: string | null;
}

export async function tokenizeSource(
  task: TaskName,
  file: TokenizerFile,
  o: { dataDir: string; limit: number | null; maxSeqLength: number; docStride: number },
): Promise<TokenizeSource> {
  const cut = <T>(all: T[]): T[] => (o.limit === null ? all : all.slice(0, o.limit));
  const def: TaskDefinition = catalogue[task];
  if (def.format !== "tsv") {
    const data = await readSquadFile(join(o.dataDir, "squad", def.file));
    const examples = cut(data.examples);
    const options = { maxSeqLength: o.maxSeqLength, docStride: o.docStride, file: data.file };
    return {
      n: examples.length,
      pairs: true,
      texts: examples.map((e) => e.question),
      run: () => timed(() => buildWindows(examples, file, options)),
      note: "SQuAD tokenization is glue-eval's own window builder, tokenizer set-up included",
    };
  }
  const examples = cut((await readGlueSplit(def, def.dev, o.dataDir, null)).examples);
  const tokenizer = createTokenizer(file, { maxLength: o.maxSeqLength, strategy: "longest_first" });
  const pairs = def.dev.pair !== undefined;
  const texts = examples.map((e) => e.text);
  return {
    n: examples.length,
    pairs,
    texts,
    run: () =>
      timed(async () => {
        const encodings = pairs ? await Promise.all(examples.map((ex) => tokenizer.encode(ex.text, ex.pair))) : await tokenizer.encodeBatch(texts);
        return encodings.map((e): Feature => ({ ids: e.getIds(), typeIds: e.getTypeIds() }));
      }),
    note: null,
  };
}
