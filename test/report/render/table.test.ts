import { describe, expect, it } from "vitest";
import { renderMarkdownTable, renderTerminalTable } from "../../../src/report/render/table.js";
import { buildPaperTable, cellText, type RunMetrics, shownValue } from "../../../src/report/table.js";
import { expectGolden } from "../../factories/golden.js";

const ESC = String.fromCharCode(27);

const metrics = (entries: Record<string, Record<string, number | null>>): RunMetrics => new Map(Object.entries(entries));

const alpha = metrics({
  squad_v2: { f1: 71.234, exact: 68.05, best_f1: 99 },
  mnli: { accuracy: 0.86651 },
  "mnli-mm": { accuracy: 0.8665 },
  sst2: { accuracy: 0.9312 },
  cola: { matthews_correlation: -0.0412 },
  mrpc: { accuracy: 0.875, f1: 0.9 },
  stsb: { pearson: 0.88, spearmanr: null },
});
const beta = metrics({
  squad: { f1: 88.1, exact_match: 80.95 },
  mnli: { accuracy: 0.8665 },
  sst2: { accuracy: 0.95 },
  qnli: { accuracy: 0.9 },
  cola: { matthews_correlation: 0.1 },
});

describe("the paper's table with evaluated runs", () => {
  const table = buildPaperTable(
    [
      { label: "alpha", metrics: alpha },
      { label: "beta", metrics: beta },
    ],
    false,
  );
  const text = (row: number, column: number): string => cellText(table, table.rows[row] as (typeof table.rows)[number], column, (t) => `*${t}*`);

  it("multiplies GLUE values by 100, keeps SQuAD's, rounds to one decimal", () => {
    expect(shownValue("sst2", "accuracy", 0.9312)).toBe(93.1);
    expect(shownValue("squad", "f1", 88.1)).toBe(88.1);
    expect(shownValue("mnli", "accuracy", 0.8665)).toBe(86.7);
    expect(shownValue("cola", "matthews_correlation", -0.0004)).toBe(0);
    expect(shownValue("stsb", "pearson", null)).toBeNull();
  });

  it("joins pairs with '/', '-' for a missing part or column, marks the best per part", () => {
    expect(table.rows.map((r) => r.label)).toEqual(["alpha", "beta"]);
    expect(text(0, 0)).toBe("-");
    expect(text(1, 0)).toBe("*88.1*/*81.0*");
    expect(text(0, 1)).toBe("*71.2*/*68.1*");
    // 0.86651 and 0.8665 (86.64999… in binary) both show as 86.7: a tie, both best.
    expect(text(0, 2)).toBe("*86.7*/*86.7*");
    expect(text(1, 2)).toBe("*86.7*/-");
    expect(text(0, 3)).toBe("93.1");
    expect(text(1, 3)).toBe("*95.0*");
    expect(text(0, 5)).toBe("-4.1");
    expect(text(1, 5)).toBe("*10.0*");
    expect(text(0, 9)).toBe("*88.0*/-");
    expect(text(1, 9)).toBe("-");
  });

  it("renders markdown", () => {
    expect(renderMarkdownTable(table)).toBe(
      [
        "| Model | SQuAD 1.1 | SQuAD 2.0 | MNLI-m/mm | SST-2 | QNLI | CoLA | RTE | MRPC | QQP | STS-B |",
        "|---|:---:|:---:|:---:|:---:|:---:|:---:|:---:|:---:|:---:|:---:|",
        "| | F1/EM | F1/EM | Acc | Acc | Acc | MCC | Acc | Acc/F1 | Acc/F1 | P/S |",
        "| alpha | - | **71.2**/**68.1** | **86.7**/**86.7** | 93.1 | - | -4.1 | - | **87.5**/**90.0** | - | **88.0**/- |",
        "| beta | **88.1**/**81.0** | - | **86.7**/- | **95.0** | **90.0** | **10.0** | - | - | - | - |",
      ].join("\n"),
    );
  });

  it("renders the terminal table without escape codes unless highlighting", () => {
    const plain = renderTerminalTable(table, { highlight: false });
    expect(plain).not.toContain(ESC);
    expectGolden("terminal-table.txt", `${plain}\n`);
    const bold = renderTerminalTable(table, { highlight: true });
    expect(bold).toContain(`${ESC}[1m95.0${ESC}[22m`);
    expect(bold).not.toContain(`${ESC}[1m93.1`);
    expect(bold.replaceAll(`${ESC}[1m`, "").replaceAll(`${ESC}[22m`, "")).toBe(plain);
  });

  it("puts the reference rows first and footnote marks after their names", () => {
    const withPaper = buildPaperTable([{ label: "alpha", metrics: alpha }], true);
    expect(withPaper.rows.map((r) => `${r.label}${r.marks}`)).toEqual([
      "BERT-Large",
      "RoBERTa-Large",
      "XLNet-Large",
      "DeBERTa-Large¹",
      "DeBERTa-XLarge¹",
      "DeBERTa-V2-XLarge¹",
      "DeBERTa-V2-XXLarge¹²",
      "alpha",
    ]);
    expectGolden("terminal-table-paper.txt", `${renderTerminalTable(withPaper, { highlight: false })}\n`);
  });
});

describe("fixed", () => {
  it("rounds the decimal a value stands for, half away from zero", async () => {
    const { fixed } = await import("../../../src/report/format.js");
    expect(fixed(68.05, 1)).toBe("68.1");
    expect(fixed(0.8665 * 100, 1)).toBe("86.7");
    expect(fixed(86.649999, 1)).toBe("86.6");
    expect(fixed(-4.15, 1)).toBe("-4.2");
    expect(fixed(-0.04, 1)).toBe("0.0");
    expect(fixed(2.5, 0)).toBe("3");
    expect(fixed(1e-9, 2)).toBe("0.00");
    expect(fixed(3, 3)).toBe("3.000");
  });
});

describe("markdown and shell helpers", () => {
  it("escapes table cells and quotes commands", async () => {
    const { shellQuote } = await import("../../../src/report/format.js");
    const { mdCell, mdCode } = await import("../../../src/report/escape-markdown.js");
    expect(mdCell("a|b\nc")).toBe("a\\|b c");
    expect(mdCode("x `y` z")).toBe("``x `y` z``");
    expect(shellQuote(["glue-eval", "--name", "my model", "--label-map", "it's", ""])).toBe("glue-eval --name 'my model' --label-map 'it'\\''s' ''");
  });
});
