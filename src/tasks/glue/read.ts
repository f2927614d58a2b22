/** Reads one GLUE split into examples, validating every label. */
import { join } from "node:path";
import { DataError } from "../../errors.js";
import { columnIndex, readTsv, type TsvTable } from "../../data/tsv.js";
import type { Column, GlueSplitLayout, GlueTaskDefinition } from "../catalogue/glue.js";

export interface GlueExample {
  /** The row's index column, else the 0-based row number. */
  index: number | string;
  text: string;
  pair: string | null;
  /** Label index (classification) or score (regression); null when unlabelled. */
  label: number | null;
}

export interface GlueSplitData {
  file: string;
  split: string;
  examples: GlueExample[];
  labelled: boolean;
}

export async function readGlueSplit(def: GlueTaskDefinition, layout: GlueSplitLayout, dataDir: string, labelsFile: string | null): Promise<GlueSplitData> {
  const file = join(dataDir, "glue", layout.file);
  const table = await readTsv(file, layout.columns === undefined ? { hasHeader: layout.hasHeader } : { hasHeader: layout.hasHeader, columns: layout.columns });
  if (table.rows.length === 0) throw new DataError({ file }, "no data rows");
  const col = (c: Column): number => (typeof c === "number" ? c : columnIndex(table, c));
  const text = col(layout.text);
  const pair = layout.pair === undefined ? null : col(layout.pair);
  const index = layout.index === undefined ? null : col(layout.index);
  const labelColumn = layout.label === undefined ? null : col(layout.label);
  const labels = labelColumn === null ? (labelsFile === null ? null : await readLabelsFile(def, labelsFile, table.rows.length)) : null;
  const examples = table.rows.map((row, i): GlueExample => {
    const line = table.firstLine + i;
    const field = (c: number): string => row[c] ?? "";
    let label: number | null = labels?.[i] ?? null;
    if (labelColumn !== null) label = parseLabel(def, field(labelColumn), { file, line, field: String(layout.label) });
    const ownIndex = index === null ? "" : field(index);
    return {
      index: ownIndex === "" ? i : /^\d+$/.test(ownIndex) ? Number(ownIndex) : ownIndex,
      text: field(text),
      pair: pair === null ? null : field(pair),
      label,
    };
  });
  return { file, split: layout.split, examples, labelled: labelColumn !== null || labels !== null };
}

export function parseLabel(def: GlueTaskDefinition, raw: string, where: { file: string; line: number; field: string }): number {
  const value = raw.trim();
  if (def.labels === null) {
    const score = Number(value);
    if (value === "" || !Number.isFinite(score)) throw new DataError(where, `"${value}" is not a number`);
    return score;
  }
  const index = def.labels.findIndex((l) => l.value === value);
  if (index < 0) {
    throw new DataError(where, `unknown label "${value}" (expected one of: ${def.labels.map((l) => l.value).join(", ")})`);
  }
  return index;
}

/** A labelled copy of an unlabelled split (AX: diagnostic-full.tsv, column "Label"). */
async function readLabelsFile(def: GlueTaskDefinition, file: string, expected: number): Promise<number[]> {
  const table: TsvTable = await readTsv(file, { hasHeader: true });
  const column = table.header?.findIndex((h) => h.toLowerCase() === "label") ?? -1;
  if (column < 0) throw new DataError({ file, line: 1, field: "Label" }, "missing column");
  if (table.rows.length !== expected) {
    throw new DataError({ file }, `has ${table.rows.length} rows, the evaluated file ${expected}`);
  }
  return table.rows.map((row, i) => parseLabel(def, row[column] ?? "", { file, line: table.firstLine + i, field: "Label" }));
}
