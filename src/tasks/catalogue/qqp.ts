import { binary, type GlueTaskDefinition } from "./glue.js";

export const qqp = {
  name: "qqp",
  description: "QQP (accuracy / F1)",
  labels: binary("not_duplicate", "duplicate"),
  metrics: "accuracy_f1",
  dev: { file: "QQP/dev.tsv", split: "dev", hasHeader: true, text: "question1", pair: "question2", label: "is_duplicate" },
  test: { file: "QQP/test.tsv", split: "test", hasHeader: true, text: "question1", pair: "question2", index: "id" },
} satisfies GlueTaskDefinition;
