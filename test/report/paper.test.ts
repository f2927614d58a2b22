/**
 * The paper's reference rows against DeBERTa's table as its authors publish it, transcribed
 * once with its citation in test/fixtures/paper/deberta-dev-results.md, and the rendered table
 * against the rule it follows (the best value of each column part in bold).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PAPER_COLUMNS, PAPER_FOOTNOTES, PAPER_ROWS } from "../../src/report/paper.js";
import { renderMarkdownTable } from "../../src/report/render/table.js";
import { buildPaperTable, cellText } from "../../src/report/table.js";
import { ROOT } from "../cli-process.js";

const SOURCE = readFileSync(join(ROOT, "test", "fixtures", "paper", "deberta-dev-results.md"), "utf8");

const cellsOf = (line: string): string[] =>
  line
    .split("|")
    .slice(1, -1)
    .map((cell) => cell.trim());

/** The markdown table's lines: header, separator, metrics row, then one line per model. */
const [headerLine = "", , metricsLine = "", ...modelLines] = SOURCE.split("\n").filter((line) => line.startsWith("|"));

/** A model cell such as `**[DeBERTa-V2-XXLarge](https://…)<sup>1,2</sup>**`: its name and footnote numbers. */
function modelOf(cell: string): { model: string; notes: number[] } {
  const plain = cell.replaceAll("**", "");
  const sup = /<sup>([\d,]+)<\/sup>/.exec(plain)?.[1];
  const model = plain.replace(/<sup>.*<\/sup>/, "").replace(/^\[(.*)\]\(.*\)$/, "$1");
  return { model, notes: sup === undefined ? [] : sup.split(",").map(Number) };
}

const sourceRows = modelLines.map((line) => {
  const [model = "", ...cells] = cellsOf(line);
  return { ...modelOf(model), cells: cells.map((cell) => cell.replaceAll("**", "")) };
});

const sourceNote = (n: number): string => SOURCE.split("\n").find((line) => line.startsWith(` - <sup>${n}</sup>`)) ?? "";

describe("the paper's reference rows, against the published table", () => {
  it("reads the source: seven models, ten columns", () => {
    expect(sourceRows.map((r) => r.model)).toEqual([
      "BERT-Large",
      "RoBERTa-Large",
      "XLNet-Large",
      "DeBERTa-Large",
      "DeBERTa-XLarge",
      "DeBERTa-V2-XLarge",
      "DeBERTa-V2-XXLarge",
    ]);
    for (const row of sourceRows) expect(row.cells).toHaveLength(10);
  });

  it("has the source's columns and metrics, in its order", () => {
    expect(PAPER_COLUMNS.map((c) => c.title)).toEqual(cellsOf(headerLine).slice(1));
    expect(PAPER_COLUMNS.map((c) => c.metrics)).toEqual(cellsOf(metricsLine).slice(1));
  });

  it("holds every row of the source digit for digit, with its footnote marks", () => {
    expect(PAPER_ROWS.map((r) => ({ model: r.model, notes: r.notes, cells: r.cells }))).toEqual(sourceRows);
  });

  it("renders every cell as the source prints it", () => {
    const table = buildPaperTable([], true);
    const rendered = table.rows.map((row) => ({ model: row.label, cells: PAPER_COLUMNS.map((_, c) => cellText(table, row, c, (t) => t)) }));
    expect(rendered).toEqual(sourceRows.map(({ model, cells }) => ({ model, cells })));
  });

  it("keeps the source's footnotes", () => {
    expect(buildPaperTable([], true).footnotes.map((f) => f.mark)).toEqual(["¹", "²"]);
    // Note 1: which tasks start from the MNLI model.
    for (const task of ["RTE", "MRPC", "STS-B"]) expect(sourceNote(1)).toContain(task);
    expect(PAPER_FOOTNOTES.get(1)).toMatch(/RTE, MRPC and STS-B.*MNLI/);
    expect(sourceNote(2).toLowerCase()).toContain("deepspeed");
    expect(PAPER_FOOTNOTES.get(2)?.toLowerCase()).toContain("deepspeed");
  });
});

describe("the rendered paper table", () => {
  const lines = renderMarkdownTable(buildPaperTable([], true)).split("\n");
  const rows = lines.slice(3).map((line) => cellsOf(line).slice(1));

  it("has the header, the metrics row and one row per model, marked with its footnotes", () => {
    expect(cellsOf(lines[0] ?? "")).toEqual(["Model", ...PAPER_COLUMNS.map((c) => c.title)]);
    expect(cellsOf(lines[2] ?? "")).toEqual(["", ...PAPER_COLUMNS.map((c) => c.metrics)]);
    const marks = ["", "¹", "²"];
    expect(lines.slice(3).map((line) => cellsOf(line)[0])).toEqual(sourceRows.map((r) => r.model + r.notes.map((n) => marks[n]).join("")));
  });

  it.each(PAPER_COLUMNS.map((column, c) => [column.title, c] as const))("%s: bold marks exactly the best value of each part", (_title, c) => {
    const parts = rows.map((row) => (row[c] ?? "").split("/"));
    for (let p = 0; p < (parts[0]?.length ?? 0); p++) {
      const values = parts.map((cell) => Number.parseFloat((cell[p] ?? "-").replaceAll("**", "")));
      const best = Math.max(...values.filter((v) => !Number.isNaN(v)));
      const bold = parts.map((cell) => (cell[p] ?? "").startsWith("**"));
      expect(bold).toEqual(values.map((v) => v === best));
    }
  });
});
