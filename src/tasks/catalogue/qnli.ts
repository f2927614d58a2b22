import { GLUE_DEFAULTS, type GlueTaskDefinition, named } from "./glue.js";
import { glueZip, pin } from "./sources.js";

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
  data: glueZip("qnli", "QNLIv2.zip", "e634e78627a29adaecd4f955359b22bf5e70f2cbd93b493f2d624138a0c0e5f5", 10627589, [
    pin("glue/QNLI/dev.tsv", "ac19409dcb04631eaaa094bdebdcf621086bc352503dfb6a1a648b614986f4fd"),
  ]),
  dev: { file: "QNLI/dev.tsv", split: "dev", hasHeader: true, text: "question", pair: "sentence", label: "label" },
  test: { file: "QNLI/test.tsv", split: "test", hasHeader: true, text: "question", pair: "sentence", index: "index" },
} satisfies GlueTaskDefinition;
