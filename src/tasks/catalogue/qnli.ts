import { GLUE_DEFAULTS, type GlueTaskDefinition, named } from "./glue.js";

export const qnli = {
  ...GLUE_DEFAULTS,
  name: "qnli",
  kind: "classification",
  title: "QNLI",
  paper: { column: "qnli", metrics: ["accuracy"] },
  labels: named("entailment", "not_entailment"),
  metrics: "accuracy",
  primary: "accuracy",
  submission: { file: "QNLI.tsv", testRows: 5463 },
  dev: { file: "QNLI/dev.tsv", split: "dev", hasHeader: true, text: "question", pair: "sentence", label: "label" },
  test: { file: "QNLI/test.tsv", split: "test", hasHeader: true, text: "question", pair: "sentence", index: "index" },
} satisfies GlueTaskDefinition;
