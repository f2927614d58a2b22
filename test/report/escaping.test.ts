/**
 * Names reach the markdown and the terminal escaped for each. Before, a model name (a folder,
 * `--name`, a results or shard JSON) holding `<img onerror=…>` or `<script>` landed in the
 * report as HTML; a newline and three backticks closed the mermaid block and the rest became
 * live markdown; ESC and OSC sequences in names and labels reached the terminal (a title change,
 * a cleared screen) through tables, errors and warnings.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mdCell, mdCode, mermaidString } from "../../src/report/escape-markdown.js";
import { terminalText } from "../../src/util/escape-terminal.js";
import { ensureBuilt } from "../cli-process.js";
import { runCaptured } from "../factories/cli.js";
import { runAs } from "../factories/processes.js";
import { glueTask, randomLabels, writeRun } from "../factories/results.js";
import { hasShared, sharedPath } from "../shared.js";

/** Every kind at once: a table break, HTML, a code span, a link, a mermaid quote, a fence break, ESC/CSI/OSC and their C1 forms. */
const EVIL = [
  "ev|l",
  "<img src=x onerror=alert(1)>",
  "<script>alert(2)</script>",
  '& `tick` "q" [link](http://x)',
  "\u001b]0;pwned\u0007",
  "\u001b[2J",
  "\u009b31m\u009d0;t\u009c",
  "\n```\n# injected\n<b>bold</b>",
].join(" ");

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-escaping-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Control characters a terminal acts on (a newline only where the text itself is several lines). */
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe("the escaping of each output", () => {
  it("markdown text: no HTML, no table break, no line break, no markup, controls shown", () => {
    expect(mdCell("a|b <i>&</i> `c` *d* [e](f) \\ \u001b[2J\nnext")).toBe("a\\|b &lt;i&gt;&amp;&lt;/i&gt; \\`c\\` \\*d\\* \\[e\\](f) \\\\ \\\\x1b\\[2J next");
    expect(mdCode("x `y` | <z>", { table: true })).toBe("``x `y` \\| <z>``");
    expect(mdCode("a\n```\nb")).toBe("````a ``` b````");
    expect(mermaidString('a "b" <c> & \n```')).toBe("\"a 'b' #lt;c#gt; #amp;  ```\"");
  });

  it("terminal text: C0, DEL and C1 shown escaped", () => {
    expect(terminalText("a\u001b]0;t\u0007b\u001b[2J\u009b31m\u007f\n\tc")).toBe("a\\x1b]0;t\\x07b\\x1b[2J\\x9b31m\\x7f\\n\\tc");
    expect(terminalText("naïve – ✓")).toBe("naïve – ✓");
  });
});

describe("a model name holding markup and control sequences", () => {
  const results = join(tmp, "results");
  beforeAll(async () => {
    await writeRun(join(results, "evil"), [
      glueTask({ task: "mrpc", model: { name: EVIL }, gold: randomLabels(30, ["0", "1"], 1), pred: randomLabels(30, ["0", "1"], 2) }),
    ]);
    await writeRun(join(results, "plain"), [
      glueTask({ task: "sst2", model: { name: "plain" }, gold: randomLabels(30, ["0", "1"], 3), pred: randomLabels(30, ["0", "1"], 4) }),
    ]);
    await writeRun(join(results, "evil-again"), [
      glueTask({ task: "mrpc", model: { name: EVIL }, gold: randomLabels(30, ["0", "1"], 1), pred: randomLabels(30, ["0", "1"], 5) }),
    ]);
  });

  it("stays text in the markdown report: no HTML, tables and the mermaid block whole", async () => {
    const md = join(tmp, "report.md");
    const run = await runCaptured(["report", join(results, "evil"), join(results, "plain"), "--out", md]);
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(md, "utf8");
    // Inside code spans (the recorded command) and the fenced mermaid block markdown shows HTML as text.
    const outsideCode = text.replace(/^```mermaid\n[\s\S]*?\n```$/m, "").replace(/(?<![`\\])(`+)(?!`)[^\n]*?(?<!`)\1(?!`)/g, "");
    for (const raw of ["<img", "<script", "<b>", "[link](http"]) expect(outsideCode).not.toContain(raw);
    expect(text).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(text).not.toMatch(CONTROLS);
    expect(text).not.toMatch(/^# injected/m);
    // Fences: the mermaid block opens and closes, nothing else starts a line with backticks.
    expect(text.split("\n").filter((l) => l.startsWith("```"))).toEqual(["```mermaid", "```"]);
    const axis = text.split("\n").find((l) => l.startsWith("  x-axis")) ?? "";
    expect(axis).toMatch(/^ {2}x-axis \["[^"]*"(, "[^"]*")*\]$/);
    expect(axis).toContain("#lt;img src=x onerror=alert(1)#gt;");
    // Every row of the results table has as many cell breaks as its header.
    const table = text.slice(text.indexOf("| Model")).split("\n\n")[0]?.split("\n") ?? [];
    const breaks = (line: string): number => line.replace(/\\\|/g, "").split("|").length;
    expect(table.length).toBeGreaterThan(3);
    for (const line of table) expect(breaks(line), line).toBe(breaks(table[0] ?? ""));
  });

  it("is shown escaped in the terminal: report and compare tables", async () => {
    const report = await runCaptured(["report", join(results, "evil"), "--out", join(tmp, "r2.md")]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).not.toMatch(CONTROLS);
    expect(report.stdout).toContain("\\x1b]0;pwned\\x07");
    const compare = await runCaptured(["compare", join(results, "evil"), join(results, "evil-again")]);
    expect(compare.code, compare.stderr).toBe(0);
    expect(compare.stdout).not.toMatch(CONTROLS);
    expect(compare.stdout).toContain("\\x9b31m\\x9d0;t\\x9c");
  });

  it("is shown escaped in an error line", async () => {
    const dir = join(tmp, `missing \u001b]0;pwned\u0007 \u009b2J`);
    const run = await runCaptured(["report", dir, "--out", join(tmp, "r3.md")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`glue-eval: error: ${tmp}/missing \\x1b]0;pwned\\x07 \\x9b2J: not a folder\n`);
  });
});

describe.skipIf(!hasShared)("a run with such a name (--name) and such a cache folder", () => {
  beforeAll(() => ensureBuilt());
  it("shows them escaped in its warnings and its table", async () => {
    const cache = join(tmp, "cache \u001b[2J");
    writeFileSync(cache, "");
    const out = join(tmp, "run-out");
    mkdirSync(out);
    const args = [
      "--task",
      "sst2",
      "--model",
      sharedPath("fixtures", "models", "bert-tiny-sst2"),
      "--name",
      EVIL,
      "--data-dir",
      sharedPath("data"),
      "--limit",
      "5",
    ];
    const run = await runAs([...args, "--output-dir", out, "--cache-dir", cache, "--no-progress"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(CONTROLS);
    expect(run.stderr).toContain(`glue-eval: warning: cache folder ${tmp}/cache \\x1b[2J cannot be used`);
    expect(run.stdout).not.toMatch(CONTROLS);
    expect(run.stdout).toContain("\\x1b]0;pwned\\x07");
  });
});
