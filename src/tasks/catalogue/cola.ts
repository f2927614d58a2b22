import { binary, GLUE_DEFAULTS, type GlueTaskDefinition } from "./glue.js";
import { glueZip, pin } from "./sources.js";

/** CoLA: grammatical acceptability; dev.tsv has no header (source, label, original label, sentence). */
export const cola = {
  ...GLUE_DEFAULTS,
  name: "cola",
  kind: "classification",
  title: "CoLA",
  paper: { column: "cola", metrics: ["matthews_correlation"] },
  labels: binary("unacceptable", "acceptable"),
  metrics: "matthews",
  primary: "matthews_correlation",
  submission: { file: "CoLA.tsv", testRows: 1063 },
  data: glueZip("cola", "CoLA.zip", "f212fcd832b8f7b435fb991f101abf89f96b933ab400603bf198960dfc32cbff", 376971, [
    pin("glue/CoLA/dev.tsv", "8c013e21dc39957cac37378d87bebe225b694a0d5fe13eded66c2856628833fd"),
    pin("glue/CoLA/train.tsv", "cb368ebeb9f27d7ad03720d27ddc95687a311bdb100781a2fe59a5f5b1bc0624"),
  ]),
  dev: { file: "CoLA/dev.tsv", split: "dev", hasHeader: false, columns: 4, text: 3, label: 1 },
  test: { file: "CoLA/test.tsv", split: "test", hasHeader: true, text: "sentence", index: "index" },
} satisfies GlueTaskDefinition;
