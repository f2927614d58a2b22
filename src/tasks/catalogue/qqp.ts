import { binary, GLUE_DEFAULTS, type GlueTaskDefinition } from "./glue.js";
import { glueZip, pin } from "./sources.js";

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
  data: glueZip("qqp", "QQP-clean.zip", "40e7c862c04eb26ee04b67fd900e76c45c6ba8e6d8fab4f8f1f8072a1a3fbae0", 41696084, [pin("glue/QQP/dev.tsv", null)]),
  dev: { file: "QQP/dev.tsv", split: "dev", hasHeader: true, text: "question1", pair: "question2", label: "is_duplicate" },
  test: { file: "QQP/test.tsv", split: "test", hasHeader: true, text: "question1", pair: "question2", index: "id" },
} satisfies GlueTaskDefinition;
