import { describe, expect, it } from "vitest";
import { answerLengthView } from "../../../src/metrics/squad/answer-length.js";
import { noAnswerView } from "../../../src/metrics/squad/no-answer.js";
import { renderChart } from "../../../src/report/render/chart.js";
import { REPORT_JSON_SCHEMA, toReportJson } from "../../../src/report/render/json.js";
import { renderMarkdown } from "../../../src/report/render/markdown.js";
import { tableRuns } from "../../../src/report/table.js";
import { expectGolden } from "../../factories/golden.js";
import { fixedCiRun, reportData } from "../../factories/report.js";
import { squadTask } from "../../factories/results.js";
import { alphaTasks, betaTasks } from "../../factories/scenario.js";

const alpha = fixedCiRun("alpha", "results/alpha", alphaTasks());
const beta = fixedCiRun("beta", "results/beta", betaTasks());

describe("the markdown report", () => {
  it("matches the golden report (two runs, reference rows)", () => {
    expectGolden("report.md", renderMarkdown(reportData([alpha, beta])));
  });

  it("is a pure function of its input", () => {
    const data = reportData([alpha, beta]);
    expect(renderMarkdown(data)).toBe(renderMarkdown(structuredClone(data)));
  });

  it("leaves out the reference rows and their footnotes with paperRows false", () => {
    const text = renderMarkdown(reportData([alpha], false));
    expect(text).not.toContain("DeBERTa-Large");
    expect(text).not.toContain("DeepSpeed");
    expect(text).toContain("| alpha |");
  });

  it("labels SQuAD 2.0 best_* as tuned on dev and documents the intervals", () => {
    const text = renderMarkdown(reportData([alpha]));
    expect(text).toContain("| best_exact (tuned on dev) |");
    expect(text).toContain("| best_f1_thresh (tuned on dev) |");
    expect(text).toMatch(/95% percentile bootstrap/);
    expect(text).toMatch(/1000 resamples/);
    expect(text).toMatch(/seed 20260101/);
  });
});

describe("the chart", () => {
  it("draws one model as bars", () => {
    const chart = renderChart(tableRuns(reportData([alpha])));
    expect(chart.block).toBe(
      [
        "```mermaid",
        "xychart-beta",
        '  title "Primary metric per task (x100)"',
        '  x-axis ["SQuAD 2.0", "MNLI-m", "MNLI-mm", "SST-2", "CoLA", "MRPC", "STS-B"]',
        '  y-axis "score" 0 --> 100',
        "  bar [82.5, 90.0, 93.3, 88.0, 61.0, 92.5, 96.5]",
        "```",
      ].join("\n"),
    );
  });

  it("draws several models as lines over the tasks they share", () => {
    const chart = renderChart(tableRuns(reportData([alpha, beta])));
    expect(chart.block).toBe(
      [
        "```mermaid",
        "xychart-beta",
        '  title "Primary metric per task (x100)"',
        '  x-axis ["MNLI-m", "SST-2"]',
        '  y-axis "score" 0 --> 100',
        "  line [90.0, 88.0]",
        "  line [95.0, 84.0]",
        "```",
      ].join("\n"),
    );
    expect(chart.caption).toEqual([
      "Lines, in order: 1. alpha; 2. beta.",
      "Primary metric per task: MNLI-m accuracy, SST-2 accuracy.",
      "Not charted (no score for every model): SQuAD 1.1, SQuAD 2.0, MNLI-mm, QNLI, CoLA, MRPC, STS-B.",
    ]);
  });

  it("starts the axis below zero for a negative score", () => {
    const run = {
      label: "neg",
      metrics: new Map([
        ["cola", { matthews_correlation: -0.123 }],
        ["sst2", { accuracy: 0.5 }],
      ]),
    };
    expect(renderChart([run]).block).toContain('y-axis "score" -20 --> 100');
    expect(renderChart([run]).block).toContain("bar [50.0, -12.3]");
  });

  it("draws no chart of one point: one model on one task", () => {
    expect(renderChart([{ label: "solo", metrics: new Map([["sst2", { accuracy: 0.779 }]]) }])).toEqual({ block: null, caption: [] });
  });

  it("draws several models on one task as bars, not as lines of one point", () => {
    const runs = ["fp32", "q8"].map((label, i) => ({ label, metrics: new Map([["sst2", { accuracy: 0.779 - i / 1000 }]]) }));
    const chart = renderChart(runs);
    expect(chart.block).toContain('x-axis ["SST-2 (fp32)", "SST-2 (q8)"]');
    expect(chart.block).toContain("bar [77.9, 77.8]");
    expect(chart.block).not.toContain("line");
    expect(chart.caption[0]).toBe("One task has a score for every model: one bar per task and model.");
  });
});

describe("the JSON report", () => {
  it("matches the golden file and carries the schema version", () => {
    const json = toReportJson(reportData([alpha, beta]));
    expect(json.schema).toBe(REPORT_JSON_SCHEMA);
    expect(json.schema).toBe("glue-eval/report@1");
    expectGolden("report.json", `${JSON.stringify(json, null, 2)}\n`);
  });

  it("keeps metric values in the results' units and the table's values as shown", () => {
    const json = toReportJson(reportData([alpha], false));
    const sst2 = json.runs[0]?.tasks.find((t) => t.task === "sst2");
    expect(sst2?.metrics.accuracy?.value).toBeCloseTo(0.88, 10);
    expect(json.table.rows).toHaveLength(1);
    expect(json.table.rows[0]?.values.sst2).toEqual([88]);
    expect(json.table.rows[0]?.values.qqp).toBeNull();
    expect(json.paper).toBeNull();
  });
  it("charts one bar per task and model when no task was run by every model", () => {
    const a = { label: "m-sst2", metrics: new Map([["sst2", { accuracy: 0.912 }]]) };
    const b = { label: "m-cola", metrics: new Map([["cola", { matthews_correlation: 0.5 }]]) };
    const chart = renderChart([a, b]);
    expect(chart.block).toContain('x-axis ["SST-2 (m-sst2)", "CoLA (m-cola)"]');
    expect(chart.block).toContain("bar [91.2, 50.0]");
    expect(chart.caption[0]).toMatch(/one bar per task and model/);
  });
});

describe("the analysis of a SQuAD 2.0 run", () => {
  it("shows the answer-length table and the answered/abstained matrix", () => {
    const built = squadTask("squad_v2", { name: "qa" }, [
      { id: "a", prediction: "Paris", exact: 1, f1: 1, hasAnswer: true, question: "Capital?", answers: ["Paris"] },
      { id: "b", prediction: "", exact: 0, f1: 0, hasAnswer: true, question: "Tower?", answers: ["the Eiffel Tower", "Eiffel Tower"] },
      { id: "c", prediction: "", exact: 1, f1: 1, hasAnswer: false, question: "Who is *x*?", answers: [] },
    ]);
    const decisions = [
      { nullOdds: -2, prediction: "Paris" },
      { nullOdds: 1, prediction: "" },
      { nullOdds: 3, prediction: "" },
    ];
    built.result.analysis = {
      answerLength: answerLengthView(
        [["Paris"], ["the Eiffel Tower"], []],
        built.predictions.map((l) => ({ prediction: String(l.prediction), exact: l.exact ?? 0, f1: l.f1 ?? 0 })),
      ),
      noAnswer: noAnswerView([true, true, false], decisions, 0),
    };
    const text = renderMarkdown(reportData([fixedCiRun("qa", "results/qa", [built])], false));
    expect(text).toContain("| gold answer words | questions | exact | F1 | predicted words |");
    expect(text).toContain("| 1 | 1 | 100.0 | 100.0 | 1.00 |");
    expect(text).toContain("| gold \\ predicted | has answer | no answer |\n| --- | ---: | ---: |\n| **has answer** | 1 | 1 |\n| **no answer** | 0 | 1 |");
    // The worst error is the abstention on an answerable question, its distinct gold answers listed.
    expect(text).toContain("| b | the Eiffel Tower \\| Eiffel Tower | (no answer) | 0.000 | Tower? |");
  });
});
