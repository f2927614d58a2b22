import { GLUE_DEFAULTS, type GlueTaskDefinition, named } from "./glue.js";

export const rte = {
  ...GLUE_DEFAULTS,
  name: "rte",
  kind: "classification",
  title: "RTE",
  paper: { column: "rte", metrics: ["accuracy"] },
  labels: named("entailment", "not_entailment"),
  metrics: "accuracy",
  primary: "accuracy",
  submission: { file: "RTE.tsv", testRows: 3000 },
  dev: { file: "RTE/dev.tsv", split: "dev", hasHeader: true, text: "sentence1", pair: "sentence2", label: "label" },
  test: { file: "RTE/test.tsv", split: "test", hasHeader: true, text: "sentence1", pair: "sentence2", index: "index" },
} satisfies GlueTaskDefinition;
