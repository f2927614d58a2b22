/** The charts of one task: metrics with their intervals, and the analysis's views. Each returns SVG markup, or null when there is nothing to draw. */
import type { Calibration, ConfusionMatrix, LengthBin, NoAnswerView, ResidualDistribution, AnswerLengthBin } from "../../analysis.js";
import { toPoints } from "../format.js";
import { labelName } from "../labels.js";
import type { ReportTask } from "../report-data.js";
import { Plot, svgChart } from "./plot.js";

const BLUE = "#3b6ea8";
const GREY = "#8a8a8a";

/** The metrics in points with their 95% intervals drawn as error bars; tuned metrics and counts left out. */
export function metricsChart(task: ReportTask): string | null {
  const rows = task.metrics
    .filter((m) => m.value !== null && !m.tunedOnDev && (m.unit === "fraction" || m.unit === "percent"))
    .map((m) => {
      const points = (x: number | null): number | null => (x === null ? null : toPoints(x, m.unit));
      return { metric: m.key, value: points(m.value), low: points(m.low), high: points(m.high) };
    });
  if (rows.length === 0) return null;
  const bars = rows.filter((r) => r.low !== null && r.high !== null);
  return svgChart({
    height: 70 + rows.length * 28,
    marginLeft: 150,
    x: { label: "score (points, 95% interval)", grid: true },
    y: { label: null, domain: rows.map((r) => r.metric) },
    marks: [
      Plot.ruleY(bars, { y: "metric", x1: "low", x2: "high", stroke: GREY, strokeWidth: 1.5 }),
      Plot.tickX(bars, { y: "metric", x: "low", stroke: GREY }),
      Plot.tickX(bars, { y: "metric", x: "high", stroke: GREY }),
      Plot.dot(rows, { y: "metric", x: "value", fill: BLUE, r: 4, title: (r: (typeof rows)[number]) => `${r.metric}: ${r.value?.toFixed(2)}` }),
    ],
  });
}

/** Rows gold, columns predicted; each cell shaded by its share of the gold row (the recall on the diagonal) and labelled with its count. */
export function confusionChart(task: string, confusion: ConfusionMatrix): string {
  const names = confusion.labels.map((l) => labelName(task, l));
  const cells = confusion.matrix.flatMap((row, i) => {
    const total = row.reduce((s, v) => s + v, 0);
    return row.map((count, j) => ({ gold: names[i] as string, predicted: names[j] as string, count, share: total === 0 ? 0 : count / total }));
  });
  const side = Math.max(60, Math.min(110, 440 / names.length));
  return svgChart({
    width: 170 + side * names.length,
    height: 70 + side * names.length,
    marginLeft: 150,
    marginTop: 40,
    padding: 0.04,
    x: { label: "predicted", domain: names, axis: "top" },
    y: { label: "gold", domain: names },
    color: { type: "linear", domain: [0, 1], range: ["#f4f7fb", "#1f4e8c"] },
    marks: [
      Plot.cell(cells, {
        x: "predicted",
        y: "gold",
        fill: "share",
        title: (c: (typeof cells)[number]) => `gold ${c.gold}, predicted ${c.predicted}: ${c.count}`,
      }),
      // Dark cells get white counts, light cells black ones.
      Plot.text(cells, {
        x: "predicted",
        y: "gold",
        text: (c: (typeof cells)[number]) => String(c.count),
        fill: (c: (typeof cells)[number]) => (c.share >= 0.5 ? "white" : "black"),
        fontSize: 13,
      }),
    ],
  });
}

/** Reliability diagram: accuracy per confidence bin against the diagonal of perfect calibration; dots at the bins' mean confidence. */
export function calibrationChart(calibration: Calibration): string | null {
  const bins = calibration.bins.filter((b) => b.count > 0);
  if (bins.length === 0) return null;
  return svgChart({
    height: 320,
    x: { label: "confidence (top softmax probability)", domain: [0, 1] },
    y: { label: "accuracy", domain: [0, 1], grid: true },
    marks: [
      Plot.rectY(bins, {
        x1: "low",
        x2: "high",
        y: "accuracy",
        fill: BLUE,
        fillOpacity: 0.75,
        insetLeft: 1,
        insetRight: 1,
        title: (b: (typeof bins)[number]) => `${b.count} examples, accuracy ${b.accuracy?.toFixed(3)}, confidence ${b.confidence?.toFixed(3)}`,
      }),
      Plot.line(
        [
          [0, 0],
          [1, 1],
        ],
        { stroke: GREY, strokeDasharray: "4 3" },
      ),
      Plot.dot(bins, { x: "confidence", y: "accuracy", r: 3, fill: "black" }),
    ],
  });
}

const lengthLabel = (b: LengthBin, i: number): string => `${i === 0 ? "[" : "("}${+b.low.toFixed(2)}, ${+b.high.toFixed(2)}]`;

/** Accuracy per quartile of the input length. */
export function lengthChart(bins: readonly LengthBin[]): string | null {
  const rows = bins.map((b, i) => ({ bin: lengthLabel(b, i), accuracy: b.accuracy === null ? null : b.accuracy * 100, n: b.n }));
  if (rows.every((r) => r.accuracy === null)) return null;
  return svgChart({
    height: 240,
    x: { label: "input tokens", domain: rows.map((r) => r.bin) },
    y: { label: "accuracy (%)", domain: [0, 100], grid: true },
    marks: [Plot.barY(rows, { x: "bin", y: "accuracy", fill: BLUE, title: (r: (typeof rows)[number]) => `${r.n} examples` }), Plot.ruleY([0])],
  });
}

/** Histogram of STS-B's residuals, prediction − gold. */
export function residualChart(residuals: ResidualDistribution): string | null {
  if (residuals.bins.length === 0) return null;
  return svgChart({
    height: 240,
    x: { label: "prediction − gold" },
    y: { label: "examples", grid: true },
    marks: [
      Plot.rectY(residuals.bins, { x1: "low", x2: "high", y: "count", fill: BLUE, insetLeft: 1, insetRight: 1 }),
      Plot.ruleX([0], { stroke: "black" }),
      Plot.ruleY([0]),
    ],
  });
}

/** SQuAD: F1 per length of the gold answer. */
export function answerLengthChart(bins: readonly AnswerLengthBin[]): string | null {
  const rows = bins
    .filter((b) => b.n > 0)
    .map((b) => ({ bin: b.high === null ? `${b.low}+` : b.low === b.high ? String(b.low) : `${b.low}–${b.high}`, f1: b.f1, n: b.n }));
  if (rows.length === 0) return null;
  return svgChart({
    height: 240,
    x: { label: "gold answer words", domain: rows.map((r) => r.bin) },
    y: { label: "F1", domain: [0, 100], grid: true },
    marks: [Plot.barY(rows, { x: "bin", y: "f1", fill: BLUE, title: (r: (typeof rows)[number]) => `${r.n} questions` }), Plot.ruleY([0])],
  });
}

/** SQuAD 2.0: the null odds of answerable and unanswerable questions, one histogram each, with the run's threshold. */
export function nullOddsChart(view: NoAnswerView): string | null {
  if (view.nullOdds.length === 0) return null;
  const rows = view.nullOdds.flatMap((b) => [
    { low: b.low, high: b.high, group: "has answer", count: b.hasAnswer },
    { low: b.low, high: b.high, group: "no answer", count: b.noAnswer },
  ]);
  return svgChart({
    height: 320,
    marginRight: 90,
    x: { label: "null odds (null score − best answer score)" },
    y: { label: "questions", grid: true },
    fy: { label: null, domain: ["has answer", "no answer"] },
    marks: [
      Plot.rectY(rows, { x1: "low", x2: "high", y: "count", fy: "group", fill: BLUE, insetLeft: 1, insetRight: 1 }),
      Plot.ruleX([view.threshold], { stroke: "#c0392b", strokeDasharray: "4 3" }),
      Plot.ruleY([0]),
    ],
  });
}
