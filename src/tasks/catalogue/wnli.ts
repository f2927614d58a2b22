import { binary, GLUE_DEFAULTS, type GlueTaskDefinition } from "./glue.js";
import { glueZip, pin } from "./sources.js";

/** WNLI: GLUE writes 1 for entailment; HF datasets orders not_entailment first. Not in the paper's table. */
export const wnli = {
  ...GLUE_DEFAULTS,
  name: "wnli",
  kind: "classification",
  title: "WNLI",
  paper: null,
  labels: binary("not_entailment", "entailment"),
  metrics: "accuracy",
  primary: "accuracy",
  submission: { file: "WNLI.tsv", testRows: 146 },
  data: glueZip("wnli", "WNLI.zip", "ae0e8e4d16f4d46d4a0a566ec7ecceccfd3fbfaa4a7a4b4e02848c0f2561ac46", 28999, [
    pin("glue/WNLI/dev.tsv", "cba00490596dd14be8cf53b4f53bb744abe3a7b89f81ab210528d80225338ed5"),
    pin("glue/WNLI/train.tsv", "9a88e9d54b6861cc796a088e9acf4f5f65064a9ef65ae6fa7a688b28391e5c9a"),
  ]),
  dev: { file: "WNLI/dev.tsv", split: "dev", hasHeader: true, text: "sentence1", pair: "sentence2", label: "label" },
  test: { file: "WNLI/test.tsv", split: "test", hasHeader: true, text: "sentence1", pair: "sentence2", index: "index" },
} satisfies GlueTaskDefinition;
