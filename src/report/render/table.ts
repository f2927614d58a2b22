/** The paper's table as markdown and as a terminal table. Pure: data in, text out. */
import Table from "cli-table3";
import { terminalText } from "../../util/escape-terminal.js";
import { mdCell } from "../escape-markdown.js";
import { cellText, type PaperTable, subsetNote } from "../table.js";

const BOLD_ON = "\u001b[1m";
const BOLD_OFF = "\u001b[22m";

const rowLabel = (label: string, marks: string): string => `${label}${marks}`;

/** Markdown: the title row, the metrics row, then one row per model; best values in bold. */
export function renderMarkdownTable(table: PaperTable): string {
  const header = ["Model", ...table.columns.map((c) => mdCell(c.title))];
  const lines = [
    `| ${header.join(" | ")} |`,
    `|${header.map((_, i) => (i === 0 ? "---" : ":---:")).join("|")}|`,
    `| | ${table.columns.map((c) => mdCell(c.metrics)).join(" | ")} |`,
  ];
  for (const row of table.rows) {
    const cells = table.columns.map((_, c) => cellText(table, row, c, (text) => `**${text}**`));
    lines.push(`| ${[mdCell(rowLabel(row.label, row.marks)), ...cells].join(" | ")} |`);
  }
  const note = subsetNote(table).map(mdCell);
  return [...lines, ...(note.length > 0 ? ["", ...note] : [])].join("\n");
}

export interface TerminalTableOptions {
  /** Show the best value of each column in ANSI bold (only for a terminal). */
  highlight: boolean;
}

/** The terminal table (cli-table3): a two-line header (title, metrics), no colours, bold only when highlighting. */
export function renderTerminalTable(table: PaperTable, options: TerminalTableOptions): string {
  const emphasize = options.highlight ? (text: string) => `${BOLD_ON}${text}${BOLD_OFF}` : (text: string) => text;
  const out = new Table({
    head: ["Model", ...table.columns.map((c) => `${terminalText(c.title)}\n${terminalText(c.metrics)}`)],
    colAligns: ["left", ...table.columns.map(() => "center" as const)],
    style: { head: [], border: [], "padding-left": 1, "padding-right": 1 },
  });
  for (const row of table.rows) {
    out.push([terminalText(rowLabel(row.label, row.marks)), ...table.columns.map((_, c) => cellText(table, row, c, emphasize))]);
  }
  return [out.toString(), ...subsetNote(table)].join("\n");
}
