import { type GlueTaskDefinition, named } from "./glue.js";

export const rte = {
  name: "rte",
  description: "RTE (accuracy)",
  labels: named("entailment", "not_entailment"),
  metrics: "accuracy",
  dev: { file: "RTE/dev.tsv", split: "dev", hasHeader: true, text: "sentence1", pair: "sentence2", label: "label" },
  test: { file: "RTE/test.tsv", split: "test", hasHeader: true, text: "sentence1", pair: "sentence2", index: "index" },
} satisfies GlueTaskDefinition;
