import { GLUE_DEFAULTS, type GlueTaskDefinition, named } from "./glue.js";
import { glueZip, pin } from "./sources.js";

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
  data: glueZip("rte", "RTE.zip", "6bf86de103ecd335f3441bd43574d23fef87ecc695977a63b82d5efb206556ee", 697150, [
    pin("glue/RTE/dev.tsv", "80230dfa1347282e7b532b06a1004a76a710087541189bf874223ddf0e3819fb"),
    pin("glue/RTE/train.tsv", "41e3a9b063433392343fad9e962cf2f58b681c78d8f71592f4186f0837246c5c"),
  ]),
  dev: { file: "RTE/dev.tsv", split: "dev", hasHeader: true, text: "sentence1", pair: "sentence2", label: "label" },
  test: { file: "RTE/test.tsv", split: "test", hasHeader: true, text: "sentence1", pair: "sentence2", index: "index" },
} satisfies GlueTaskDefinition;
