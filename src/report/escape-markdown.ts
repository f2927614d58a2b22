/**
 * Text from files and folders (model names, labels, task strings, paths, warnings) on its way
 * into the markdown report, escaped for where it lands:
 * - text (table cells, list items, headings): no HTML (`<`, `>`, `&` as entities), no table
 *   break (`|`), no line break, no markup that could open a link, code span or emphasis;
 * - code spans: a fence longer than any run of backticks inside, no line break, and in tables
 *   `\|` (GitHub reads it as `|` even there);
 * - mermaid strings: no quote or line break that could end the string, the line or the fenced
 *   block, and `<`, `>`, `&` as mermaid's entity codes.
 * Control characters are shown escaped everywhere (as the terminal shows them).
 */
import { terminalText } from "../util/escape-terminal.js";

const HTML: Readonly<Record<string, string>> = { "<": "&lt;", ">": "&gt;", "&": "&amp;" };

/** Without line breaks, every other control character shown escaped (`\x1b`). */
function oneLine(text: string): string {
  return terminalText(text.replace(/\r?\n|\r/g, " "));
}

/** Text for a table cell, a list item or a heading. */
export function mdCell(text: string): string {
  return oneLine(text)
    .replace(/[\\`*[\]~|]/g, (c) => `\\${c}`)
    .replace(/[<>&]/g, (c) => HTML[c] ?? c);
}

/** A code span that survives backticks inside it; `table: true` inside a table cell. */
export function mdCode(text: string, where: { table?: boolean } = {}): string {
  let body = oneLine(text);
  if (where.table === true) body = body.replace(/\|/g, "\\|");
  const runs = body.match(/`+/g) ?? [];
  const fence = "`".repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = body.startsWith("`") || body.endsWith("`") ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}

const MERMAID: Readonly<Record<string, string>> = { "<": "#lt;", ">": "#gt;", "&": "#amp;" };

/** A quoted mermaid string: `"label"`. */
export function mermaidString(text: string): string {
  return `"${oneLine(text)
    .replace(/"/g, "'")
    .replace(/[<>&]/g, (c) => MERMAID[c] ?? c)}"`;
}
