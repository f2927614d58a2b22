import type { GlueTaskDefinition } from "./glue.js";

/** STS-B: similarity regression (0..5); the model's single raw output, no softmax, no clipping. */
export const stsb = {
  name: "stsb",
  description: "STS-B (Pearson / Spearman)",
  labels: null,
  metrics: "pearson_spearman",
  dev: { file: "STS-B/dev.tsv", split: "dev", hasHeader: true, text: "sentence1", pair: "sentence2", label: "score" },
  test: { file: "STS-B/test.tsv", split: "test", hasHeader: true, text: "sentence1", pair: "sentence2", index: "index" },
} satisfies GlueTaskDefinition;
