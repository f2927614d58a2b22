import { type GlueTaskDefinition, named } from "./glue.js";

export const qnli = {
  name: "qnli",
  description: "QNLI (accuracy)",
  labels: named("entailment", "not_entailment"),
  metrics: "accuracy",
  dev: { file: "QNLI/dev.tsv", split: "dev", hasHeader: true, text: "question", pair: "sentence", label: "label" },
  test: { file: "QNLI/test.tsv", split: "test", hasHeader: true, text: "question", pair: "sentence", index: "index" },
} satisfies GlueTaskDefinition;
