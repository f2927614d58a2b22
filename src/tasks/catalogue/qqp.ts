import { binary, GLUE_DEFAULTS, type GlueTaskDefinition } from "./glue.js";

export const qqp = {
  ...GLUE_DEFAULTS,
  name: "qqp",
  kind: "classification",
  title: "QQP",
  paper: { column: "qqp", metrics: ["accuracy", "f1"] },
  labels: binary("not_duplicate", "duplicate"),
  metrics: "accuracy_f1",
  primary: "accuracy",
  submission: { file: "QQP.tsv", testRows: 390965 },
  dev: { file: "QQP/dev.tsv", split: "dev", hasHeader: true, text: "question1", pair: "question2", label: "is_duplicate" },
  test: { file: "QQP/test.tsv", split: "test", hasHeader: true, text: "question1", pair: "question2", index: "id" },
} satisfies GlueTaskDefinition;
