/**
 * Charts drawn by Observable Plot into a server-side DOM (linkedom) and kept as static SVG
 * markup: the page shows them without running any script. Plot sets every text (tick
 * labels, titles) as a text node, and the DOM escapes it when it serializes.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

export { Plot };

/** One document for every chart of a report: Plot only creates elements in it. */
let shared: unknown = null;

function document(): unknown {
  shared ??= parseHTML("<!doctype html><html><head></head><body></body></html>").document;
  return shared;
}

/** The chart's SVG markup. Plot's class name is fixed so that the same data give the same bytes. */
export function svgChart(options: Plot.PlotOptions): string {
  const chart = Plot.plot({ width: 640, ...options, className: "chart", document: document() as Plot.PlotOptions["document"] });
  return (chart as unknown as { outerHTML: string }).outerHTML;
}
