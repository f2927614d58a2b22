/** The report's only stylesheet, inline: readable on a phone (tables scroll sideways, charts shrink), printable (no cut charts, no greys lost). */
export const STYLE = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --rule: #d9dce1; --accent: #1f4e8c; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 1.5rem 1.25rem 3rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
p, li { max-width: 75ch; }
.note, figcaption { color: var(--muted); font-size: .88rem; }
code { font: .85em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
.scroll { overflow-x: auto; margin: .6rem 0; }
table { border-collapse: collapse; font-size: .9rem; }
caption { text-align: left; color: var(--muted); padding-bottom: .3rem; }
th, td { padding: .3rem .6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
table.paper thead th { white-space: nowrap; }
table.paper tr.run th { color: var(--accent); }
.metric { font-weight: normal; color: var(--muted); }
.input { display: inline-block; max-width: 60ch; }
figure.chart { margin: 1rem 0; max-width: 720px; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
section.task { border-top: 1px solid var(--rule); }
nav ul { padding-left: 1.2rem; }
@media (max-width: 640px) {
  body { padding: 1rem .75rem 2rem; font-size: 14px; }
  th, td { padding: .25rem .4rem; }
  h1 { font-size: 1.35rem; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  h3, h4 { break-after: avoid; }
  figure.chart, table { break-inside: avoid; }
  .scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`;
