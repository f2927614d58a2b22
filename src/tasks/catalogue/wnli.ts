import { binary, type GlueTaskDefinition } from "./glue.js";

/** WNLI: GLUE writes 1 for entailment; HF datasets orders not_entailment first. */
export const wnli = {
  name: "wnli",
  description: "WNLI (accuracy)",
  labels: binary("not_entailment", "entailment"),
  metrics: "accuracy",
  dev: { file: "WNLI/dev.tsv", split: "dev", hasHeader: true, text: "sentence1", pair: "sentence2", label: "label" },
  test: { file: "WNLI/test.tsv", split: "test", hasHeader: true, text: "sentence1", pair: "sentence2", index: "index" },
} satisfies GlueTaskDefinition;
