import { GLUE_DEFAULTS, type GlueTaskDefinition } from "./glue.js";
import { glueZip, pin } from "./sources.js";

/** STS-B: similarity regression (0..5); the model's single raw output, no softmax, no clipping. */
export const stsb = {
  ...GLUE_DEFAULTS,
  name: "stsb",
  kind: "regression",
  title: "STS-B",
  paper: { column: "stsb", metrics: ["pearson", "spearmanr"] },
  labels: null,
  metrics: "pearson_spearman",
  primary: "pearson",
  submission: { file: "STS-B.tsv", testRows: 1379 },
  data: glueZip("stsb", "STS-B.zip", "e60a6393de5a8b5b9bac5020a1554b54e3691f9d600b775bd131e613ac179c85", 802872, [
    pin("glue/STS-B/dev.tsv", "fe7dc0632a5033562f3cadff991f6e8d9b9b6311861660e78c3c82eb7db67f59"),
    pin("glue/STS-B/train.tsv", "41c4d978b6162abdcada7e49a982211954cca5459c228db478af333124b257a2"),
  ]),
  dev: { file: "STS-B/dev.tsv", split: "dev", hasHeader: true, text: "sentence1", pair: "sentence2", label: "score" },
  test: { file: "STS-B/test.tsv", split: "test", hasHeader: true, text: "sentence1", pair: "sentence2", index: "index" },
} satisfies GlueTaskDefinition;
