import { describe, expect, it } from "vitest";
import { PAPER_COLUMNS, PAPER_FOOTNOTES, PAPER_ROWS } from "../../src/report/paper.js";
import { renderMarkdownTable } from "../../src/report/render/table.js";
import { buildPaperTable, cellText } from "../../src/report/table.js";

/** The DeBERTa paper's dev-set table, as printed there. */
const EXPECTED = `
| model | SQuAD 1.1 | SQuAD 2.0 | MNLI-m/mm | SST-2 | QNLI | CoLA | RTE | MRPC | QQP | STS-B |
|---|---|---|---|---|---|---|---|---|---|---|
| BERT-Large | 90.9/84.1 | 81.8/79.0 | 86.6/- | 93.2 | 92.3 | 60.6 | 70.4 | 88.0/- | 91.3/- | 90.0/- |
| RoBERTa-Large | 94.6/88.9 | 89.4/86.5 | 90.2/- | 96.4 | 93.9 | 68.0 | 86.6 | 90.9/- | 92.2/- | 92.4/- |
| XLNet-Large | 95.1/89.7 | 90.6/87.9 | 90.8/- | 97.0 | 94.9 | 69.0 | 85.9 | 90.8/- | 92.3/- | 92.5/- |
| DeBERTa-Large | 95.5/90.1 | 90.7/88.0 | 91.3/91.1 | 96.5 | 95.3 | 69.5 | 91.0 | 92.6/94.6 | 92.3/- | 92.8/92.5 |
| DeBERTa-XLarge | -/- | -/- | 91.5/91.2 | 97.0 | - | - | 93.1 | 92.1/94.3 | - | 92.9/92.7 |
| DeBERTa-V2-XLarge | 95.8/90.8 | 91.4/88.9 | 91.7/91.6 | 97.5 | 95.8 | 71.1 | 93.9 | 92.0/94.2 | 92.3/89.8 | 92.9/92.9 |
| DeBERTa-V2-XXLarge | 96.1/91.4 | 92.2/89.7 | 91.7/91.9 | 97.2 | 96.0 | 72.0 | 93.5 | 93.1/94.9 | 92.7/90.3 | 93.2/93.1 |
`;

const expectedRows = EXPECTED.trim()
  .split("\n")
  .slice(2)
  .map((line) =>
    line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim()),
  );

describe("paper reference rows", () => {
  const table = buildPaperTable([], true);

  it("has the paper's columns in order", () => {
    const header = EXPECTED.trim().split("\n")[0]?.split("|").slice(2, -1).map((c) => c.trim());
    expect(PAPER_COLUMNS.map((c) => c.title)).toEqual(header);
    expect(PAPER_COLUMNS.map((c) => c.metrics)).toEqual(["F1/EM", "F1/EM", "Acc", "Acc", "Acc", "MCC", "Acc", "Acc/F1", "Acc/F1", "P/S"]);
  });

  it("renders every reference cell digit for digit", () => {
    const rendered = table.rows.map((row) => [row.label, ...PAPER_COLUMNS.map((_, c) => cellText(table, row, c, (t) => t))]);
    expect(rendered).toEqual(expectedRows);
    expect(PAPER_ROWS.map((r) => [r.model, ...r.cells])).toEqual(expectedRows);
  });

  it("keeps the paper's footnotes", () => {
    expect(PAPER_ROWS.filter((r) => r.notes.includes(1)).map((r) => r.model)).toEqual([
      "DeBERTa-Large",
      "DeBERTa-XLarge",
      "DeBERTa-V2-XLarge",
      "DeBERTa-V2-XXLarge",
    ]);
    expect(PAPER_ROWS.filter((r) => r.notes.includes(2)).map((r) => r.model)).toEqual(["DeBERTa-V2-XXLarge"]);
    expect(PAPER_FOOTNOTES.get(1)).toMatch(/RTE, MRPC and STS-B.*MNLI/);
    expect(PAPER_FOOTNOTES.get(2)).toMatch(/DeepSpeed/);
    expect(table.footnotes.map((f) => f.mark)).toEqual(["¹", "²"]);
  });

  it("bolds the best value of each column part", () => {
    expect(renderMarkdownTable(table)).toBe(
      [
        "| Model | SQuAD 1.1 | SQuAD 2.0 | MNLI-m/mm | SST-2 | QNLI | CoLA | RTE | MRPC | QQP | STS-B |",
        "|---|:---:|:---:|:---:|:---:|:---:|:---:|:---:|:---:|:---:|:---:|",
        "| | F1/EM | F1/EM | Acc | Acc | Acc | MCC | Acc | Acc/F1 | Acc/F1 | P/S |",
        "| BERT-Large | 90.9/84.1 | 81.8/79.0 | 86.6/- | 93.2 | 92.3 | 60.6 | 70.4 | 88.0/- | 91.3/- | 90.0/- |",
        "| RoBERTa-Large | 94.6/88.9 | 89.4/86.5 | 90.2/- | 96.4 | 93.9 | 68.0 | 86.6 | 90.9/- | 92.2/- | 92.4/- |",
        "| XLNet-Large | 95.1/89.7 | 90.6/87.9 | 90.8/- | 97.0 | 94.9 | 69.0 | 85.9 | 90.8/- | 92.3/- | 92.5/- |",
        "| DeBERTa-Large¹ | 95.5/90.1 | 90.7/88.0 | 91.3/91.1 | 96.5 | 95.3 | 69.5 | 91.0 | 92.6/94.6 | 92.3/- | 92.8/92.5 |",
        "| DeBERTa-XLarge¹ | -/- | -/- | 91.5/91.2 | 97.0 | - | - | 93.1 | 92.1/94.3 | - | 92.9/92.7 |",
        "| DeBERTa-V2-XLarge¹ | 95.8/90.8 | 91.4/88.9 | **91.7**/91.6 | **97.5** | 95.8 | 71.1 | **93.9** | 92.0/94.2 | 92.3/89.8 | 92.9/92.9 |",
        "| DeBERTa-V2-XXLarge¹² | **96.1**/**91.4** | **92.2**/**89.7** | **91.7**/**91.9** | 97.2 | **96.0** | **72.0** | 93.5 | **93.1**/**94.9** | **92.7**/**90.3** | **93.2**/**93.1** |",
      ].join("\n"),
    );
  });
});
