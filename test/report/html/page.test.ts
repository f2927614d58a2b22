/**
 * The HTML report as text: self-contained (no script, no fetched resource), every name and
 * input escaped, a chart per view with marks drawn by the charting library, the same bytes
 * for the same data. test/report/html/browser.test.ts opens it in a real browser.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildMatrix } from "../../../src/compare/matrix.js";
import { answerLengthView } from "../../../src/metrics/squad/answer-length.js";
import { noAnswerView } from "../../../src/metrics/squad/no-answer.js";
import { renderHtml } from "../../../src/report/html/page.js";
import { loadSingleRun } from "../../../src/results/read.js";
import { fixedCiRun, reportData } from "../../factories/report.js";
import { flipAt, glueTask, randomLabels, squadTask, writeRun } from "../../factories/results.js";
import { alphaTasks, betaTasks } from "../../factories/scenario.js";

const HOSTILE = `<img src=x onerror="alert(1)"> & 'x'`;
const alpha = fixedCiRun("alpha", "results/alpha", alphaTasks());
const beta = fixedCiRun(HOSTILE, `results/${HOSTILE}`, betaTasks());
const html = renderHtml(reportData([alpha, beta]));

/** The figures of the page: their kind, task and inner markup. */
const figures = (page: string) =>
  [...page.matchAll(/<figure class="chart" data-chart="([^"]+)" data-task="([^"]+)">([\s\S]*?)<\/figure>/g)].map((m) => ({
    kind: m[1],
    task: m[2],
    body: m[3] ?? "",
  }));

let root = "";
afterAll(async () => {
  if (root !== "") await rm(root, { recursive: true, force: true });
});

describe("the HTML report", () => {
  it("is one self-contained page: no script, no external stylesheet, font or image, a policy that forbids fetching", () => {
    expect(html.startsWith("<!doctype html>\n")).toBe(true);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|url\(|https?:\/\//i);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">`,
    );
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toMatch(/@media print/);
    expect(html).toMatch(/@media \(max-width: 640px\)/);
  });

  it("escapes every name and input: a hostile run label and the inputs' markup show as text", () => {
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;x&#39;");
    expect(html).not.toContain("<b>");
    expect(html).toContain("a &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &amp; | piped input");
  });

  it("draws each view as an SVG chart with marks: intervals, confusion matrices, calibration, lengths, residuals", () => {
    const found = figures(html);
    const kinds = (task: string) => found.filter((f) => f.task === task).map((f) => f.kind);
    expect(kinds("sst2")).toEqual(["metrics", "confusion", "calibration", "length", "metrics", "confusion", "calibration", "length"]);
    expect(kinds("stsb")).toEqual(["metrics", "residuals"]);
    for (const f of found) {
      expect(f.body).toMatch(/^<svg [^>]*class="chart"/);
      expect(f.body).toMatch(/aria-label="(dot|cell|rect|bar)"/);
    }
    // The error bars: a rule from the low to the high bound, and a tick at each end.
    expect(found.find((f) => f.kind === "metrics")?.body).toMatch(/aria-label="rule"[\s\S]*aria-label="tick"[\s\S]*aria-label="dot"/);
  });

  it("labels each confusion cell with its count, as the results hold it", () => {
    const mnli = alpha.tasks.find((t) => t.task === "mnli");
    const body = figures(html).find((f) => f.kind === "confusion" && f.task === "mnli")?.body ?? "";
    const titles = [...body.matchAll(/<title>gold (\w+), predicted (\w+): (\d+)<\/title>/g)].map((m) => [m[1], m[2], Number(m[3])]);
    const labels = mnli?.analysis?.confusion?.labels ?? [];
    expect(titles).toEqual((mnli?.analysis?.confusion?.matrix ?? []).flatMap((row, i) => row.map((count, j) => [labels[i], labels[j], count])));
    expect(titles).toHaveLength(9);
  });

  it("draws SQuAD 2.0's answer-length and no-answer views", () => {
    const built = squadTask("squad_v2", { name: "qa" }, [
      { id: "a", prediction: "Paris", exact: 1, f1: 1, hasAnswer: true, question: "Capital?", answers: ["Paris"] },
      { id: "b", prediction: "", exact: 0, f1: 0, hasAnswer: true, question: "Tower?", answers: ["the Eiffel Tower"] },
      { id: "c", prediction: "", exact: 1, f1: 1, hasAnswer: false, question: "Who?", answers: [] },
    ]);
    built.result.analysis = {
      answerLength: answerLengthView(
        [["Paris"], ["the Eiffel Tower"], []],
        [
          { prediction: "Paris", exact: 1, f1: 1 },
          { prediction: "", exact: 0, f1: 0 },
          { prediction: "", exact: 1, f1: 1 },
        ],
      ),
      noAnswer: noAnswerView(
        [true, true, false],
        [
          { nullOdds: -2, prediction: "Paris" },
          { nullOdds: 1, prediction: "" },
          { nullOdds: 3, prediction: "" },
        ],
        0,
      ),
    };
    const page = renderHtml(reportData([fixedCiRun("qa", "results/qa", [built])], false));
    const found = figures(page);
    expect(found.map((f) => f.kind)).toEqual(["metrics", "answer-length", "confusion", "null-odds"]);
    for (const f of found) expect(f.body).toMatch(/aria-label="(dot|cell|rect|bar)"/);
    expect(found.find((f) => f.kind === "confusion")?.body).toContain("<title>gold has answer, predicted no answer: 1</title>");
    expect(page).toContain("(no answer)");
  });

  it("is a pure function of its data", () => {
    expect(renderHtml(reportData([alpha, structuredClone(beta)]))).toBe(html);
  });

  it("charts the precision matrix of one model in several precisions", async () => {
    root = await mkdtemp(join(tmpdir(), "glue-eval-html-"));
    const gold = randomLabels(40, ["0", "1"], 7);
    const run = (dtype: "fp32" | "q8", wrong: number[]) =>
      glueTask({ task: "sst2", model: { name: dtype === "fp32" ? "m" : "m-q8", dtype, path: "models/m" }, gold, pred: flipAt(gold, wrong, ["0", "1"]) });
    await writeRun(join(root, "m"), [run("fp32", [1, 2])]);
    await writeRun(join(root, "m-q8"), [run("q8", [1, 2, 3, 4, 5])]);
    const matrix = await buildMatrix(await loadSingleRun(join(root, "m"), "baseline"), [await loadSingleRun(join(root, "m-q8"), "run")]);
    const page = renderHtml(reportData([alpha]), [matrix]);
    const chart = figures(page).find((f) => f.kind === "precision");
    expect(chart?.body).toMatch(/aria-label="dot"/);
    expect(chart?.body).toContain("m-q8 · q8");
    expect(page).toContain("Precision comparison against m");
  });
});
