import { GLUE_DEFAULTS, type GlueTaskDefinition } from "./glue.js";

/** STS-B: similarity regression (0..5); the model's single raw output, no softmax, no clipping. */
export const stsb = {
  ...GLUE_DEFAULTS,
  name: "stsb",
  kind: "regression",
  title: "STS-B",
  paper: { column: "stsb", metrics: ["pearson", "spearmanr"] },
  labels: null,
  metrics: "pearson_spearman",
  primary: "pearson",
  submission: { file: "STS-B.tsv", testRows: 1379 },
  dev: { file: "STS-B/dev.tsv", split: "dev", hasHeader: true, text: "sentence1", pair: "sentence2", label: "score" },
  test: { file: "STS-B/test.tsv", split: "test", hasHeader: true, text: "sentence1", pair: "sentence2", index: "index" },
} satisfies GlueTaskDefinition;
