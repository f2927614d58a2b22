/** HTML tables of the report: the paper's table, a run's provenance. Cells are escaped here or given as markup built from escaped parts. */
import { describePrecision } from "../../precision.js";
import { shellQuote } from "../format.js";
import { PAPER_SOURCE } from "../paper.js";
import { buildPaperTable, cellText, tableRuns } from "../table.js";
import type { ReportData, ReportRun } from "../report-data.js";
import { el, esc } from "./escape.js";

/** A table in a wrapper that scrolls sideways on a narrow screen; `cells` are markup, `numeric` columns align right. */
export function htmlTable(head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = [], caption = ""): string {
  const cls = (i: number): string => (numeric.includes(i) ? ' class="num"' : "");
  const headRow = `<tr>${head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join("")}</tr>`).join("\n");
  return `<div class="scroll"><table>${caption === "" ? "" : el("caption", caption)}<thead>${headRow}</thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** The paper's table: models as rows, the paper's columns, the best value of each column in bold. */
export function paperTable(data: ReportData): string {
  const table = buildPaperTable(tableRuns(data), data.paperRows);
  const head = `<tr><th>Model</th>${table.columns.map((c) => `<th class="num">${esc(c.title)}<br><span class="metric">${esc(c.metrics)}</span></th>`).join("")}</tr>`;
  const body = table.rows.map((row) => {
    const cells = table.columns.map((_, c) => `<td class="num">${cellText(table, row, c, (text) => `<strong>${esc(text)}</strong>`)}</td>`).join("");
    return `<tr class="${row.kind}"><th scope="row">${esc(`${row.label}${row.marks}`)}</th>${cells}</tr>`;
  });
  const out = [`<div class="scroll"><table class="paper"><thead>${head}</thead><tbody>\n${body.join("\n")}\n</tbody></table></div>`];
  out.push(
    '<p class="note">Dev-set scores ×100 with one decimal (SQuAD F1 and EM are already percentages); “-”: not evaluated or not reported. Bold: the best value of each column. SQuAD 2.0 F1/EM are at the run\'s null-score threshold, not the best_* values tuned on dev.</p>',
  );
  if (data.paperRows) {
    out.push(el("p", `Reference rows: ${PAPER_SOURCE}.`, 'class="note"'));
    for (const note of table.footnotes) out.push(el("p", `${note.mark} ${note.text}`, 'class="note"'));
  }
  return out.join("\n");
}

/** Model, tokenizer, data and runtime of each task of a run. */
export function provenanceTables(run: ReportRun): string {
  const models = run.tasks.map(({ title, provenance: p }) => [
    esc(title),
    `<code>${esc(p.hub === undefined ? p.modelFile : `${p.hub.repo}@${p.hub.commit} ${p.modelFile}`)}</code>`,
    esc(p.dtype),
    esc(p.precision === null ? "-" : describePrecision(p.precision)),
    `<code class="hash">${esc(p.modelSha256)}</code>`,
    `<code class="hash">${esc(p.tokenizerSha256)}</code>`,
    esc(`onnxruntime ${p.onnxruntime}, glue-eval ${p.glueEval}, Node ${p.node}, ${p.executionProvider}, ${p.threads} threads`),
  ]);
  const runs = run.tasks.map(({ title, provenance: p }) => [
    esc(title),
    esc(p.date),
    `<code>${esc(p.dataFile)}</code> <code class="hash">${esc(p.dataSha256.slice(0, 12))}</code>`,
    `<code>${esc(shellQuote(p.command))}</code>`,
  ]);
  return [
    htmlTable(["task", "model file", "dtype", "precision (from the graph)", "model sha256", "tokenizer sha256", "runtime"], models),
    htmlTable(["task", "date", "data file (sha256)", "command"], runs),
  ].join("\n");
}
