/**
 * GLUE TSV files, read with quote handling OFF: their text holds unbalanced `"`
 * characters, and a reader that honours quotes silently merges rows. Row i of the
 * parse is line i + 1 of the file, which keeps error messages exact.
 */
import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import { DataError } from "../errors.js";

export interface TsvTable {
  file: string;
  header: string[] | null;
  rows: string[][];
  /** 1-based line number of rows[0]. */
  firstLine: number;
}

/** A character that never occurs in text, so papaparse treats every `"` as text. */
const NO_QUOTE = "\u0000";

export async function readTsv(file: string, options: { hasHeader: boolean; columns?: number }): Promise<TsvTable> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new DataError({ file }, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`, { cause: error });
  }
  const text = decodeText(file, bytes);
  const lines = Papa.parse<string[]>(text, {
    delimiter: "\t",
    quoteChar: NO_QUOTE,
    escapeChar: NO_QUOTE,
    newline: text.includes("\r\n") ? "\r\n" : "\n",
    skipEmptyLines: false,
  }).data;
  if (lines.length > 0 && isBlank(lines[lines.length - 1])) lines.pop();
  const header = options.hasHeader ? (lines.shift() ?? null) : null;
  if (options.hasHeader && header === null) throw new DataError({ file }, "the file is empty");
  const width = header?.length ?? options.columns;
  const firstLine = options.hasHeader ? 2 : 1;
  lines.forEach((row, i) => {
    if (isBlank(row)) throw new DataError({ file, line: firstLine + i }, "empty line");
    if (width !== undefined && row.length !== width) {
      throw new DataError({ file, line: firstLine + i }, `expected ${width} tab-separated fields, found ${row.length}`);
    }
  });
  return { file, header, rows: lines, firstLine };
}

function isBlank(row: string[] | undefined): boolean {
  return row === undefined || (row.length === 1 && row[0]?.trim() === "");
}

function decodeText(file: string, bytes: Buffer): string {
  if (bytes.length === 0) throw new DataError({ file }, "the file is empty");
  if (bytes.includes(0)) throw new DataError({ file }, "binary data (NUL bytes), not a UTF-8 TSV file");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new DataError({ file }, "not valid UTF-8 text");
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Index of a header column, or a DataError naming the file, line 1 and the column. */
export function columnIndex(table: TsvTable, name: string): number {
  const index = table.header?.indexOf(name) ?? -1;
  if (index < 0) {
    throw new DataError({ file: table.file, line: 1, field: name }, `missing column (header has: ${table.header?.join(", ") ?? "no header"})`);
  }
  return index;
}
