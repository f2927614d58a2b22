/**
 * The HTML report of a real run (the demo model in every precision it ships, fp32 and int8, on
 * SST-2), opened in headless Chromium (Debian's package, driven by playwright-core; no
 * browser is downloaded): no console error, no request beyond the file itself, every chart an
 * SVG with marks, the confusion cells those of the results, and screenshots at desktop and
 * phone widths that are not blank. Skipped where /usr/bin/chromium is absent, except under CI.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labelName } from "../../../src/report/labels.js";
import type { TaskResult } from "../../../src/results/schema.js";
import { runCaptured } from "../../factories/cli.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL } from "../../examples.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.CI === "true") throw new Error(`${CHROMIUM} is missing; CI installs Debian's chromium package (.ci/run)`);
  console.warn(`[glue-eval tests] SKIPPING the browser test of the HTML report: ${CHROMIUM} not found (apt-get install chromium)`);
}

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-browser-"));
const results = join(tmp, "results");
const html = join(tmp, "report.html");
let browser: Browser | null = null;

beforeAll(async () => {
  if (!hasChromium) return;
  const run = await runCaptured([
    "--task",
    "sst2",
    "--model",
    EXAMPLE_MODEL,
    "--dtype",
    "all",
    "--data-dir",
    EXAMPLE_DATA,
    "--output-dir",
    results,
    "--limit",
    "200",
    "--no-progress",
    "--no-cache",
  ]);
  expect(run.code, run.stderr).toBe(0);
  const report = await runCaptured(["report", results, "--out", join(tmp, "report.md"), "--html", html]);
  expect(report.code, report.stderr).toBe(0);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});

afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
}

async function open(viewport: { width: number; height: number }): Promise<Opened> {
  const page = await (browser as Browser).newPage({ viewport });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") errors.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
  return { page, errors, requests };
}

/** What the page-side callbacks use of the browser (the project compiles without the DOM's types). */
interface Pixels {
  data: ArrayLike<number>;
}
interface BrowserSide {
  Image: new () => { src: string; width: number; height: number; decode(): Promise<void> };
  document: {
    documentElement: { scrollWidth: number; clientWidth: number };
    createElement(tag: "canvas"): {
      width: number;
      height: number;
      getContext(kind: "2d"): { drawImage(image: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): Pixels };
    };
  };
}

/** Share of pixels that are not the page's white, and how many colours the screenshot has: a blank page has one. */
async function ink(png: Buffer): Promise<{ inked: number; colours: number }> {
  const blank = await (browser as Browser).newPage();
  try {
    return await blank.evaluate(async (data) => {
      const { Image, document } = globalThis as unknown as BrowserSide;
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext("2d");
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      const colours = new Set<number>();
      let inked = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        const [r, g, b] = [pixels[i] as number, pixels[i + 1] as number, pixels[i + 2] as number];
        if (r < 250 || g < 250 || b < 250) inked++;
        colours.add((r << 16) | (g << 8) | b);
      }
      return { inked: inked / (pixels.length / 4), colours: colours.size };
    }, png.toString("base64"));
  } finally {
    await blank.close();
  }
}

describe.skipIf(!hasChromium)("the HTML report in Chromium", () => {
  it("loads without a console error and requests nothing but itself", async () => {
    const { page, errors, requests } = await open(DESKTOP);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(html).href]);
    expect(await page.title()).toContain("bert-tiny-sst2");
    await page.close();
  });

  it("shows every chart as an SVG with marks, on screen", async () => {
    const { page } = await open(DESKTOP);
    const charts = await page.$$eval("figure.chart", (figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector("svg");
        const box = svg?.getBoundingClientRect();
        const marks =
          svg?.querySelectorAll(
            'g[aria-label="dot"] circle, g[aria-label="cell"] rect, g[aria-label="bar"] rect, g[aria-label="rect"] rect, g[aria-label="rule"] line',
          ).length ?? 0;
        return { kind: figure.getAttribute("data-chart"), task: figure.getAttribute("data-task"), marks, width: box?.width ?? 0, height: box?.height ?? 0 };
      }),
    );
    const kinds = new Set(charts.map((c) => c.kind));
    for (const kind of ["metrics", "confusion", "calibration", "length", "precision"]) expect(kinds.has(kind), kind).toBe(true);
    for (const chart of charts) {
      expect(chart.marks, `${chart.kind} ${chart.task}`).toBeGreaterThan(0);
      expect(chart.width * chart.height, `${chart.kind} ${chart.task} is drawn`).toBeGreaterThan(1000);
    }
    await page.close();
  });

  it("shows each run's confusion matrix with the counts of its results", async () => {
    const { page } = await open(DESKTOP);
    const shown = await page.$$eval('section.run section.task figure[data-chart="confusion"]', (figures) =>
      figures.map((figure) => ({
        run: figure.closest("section.run")?.querySelector("h2")?.textContent ?? "",
        task: figure.getAttribute("data-task") ?? "",
        cells: [...figure.querySelectorAll('g[aria-label="cell"] rect title')].map((t) => t.textContent ?? ""),
        counts: [...figure.querySelectorAll('g[aria-label="text"] text')].map((t) => Number(t.textContent)),
      })),
    );
    expect(shown.map((s) => `${s.run} ${s.task}`).sort()).toEqual(["bert-tiny-sst2 sst2", "bert-tiny-sst2-q8 sst2"]);
    for (const { run, task, cells, counts } of shown) {
      const result = JSON.parse(readFileSync(join(results, run, `${task}.json`), "utf8")) as TaskResult;
      const { labels, matrix } = result.analysis?.confusion ?? { labels: [], matrix: [] };
      const names = labels.map((l) => labelName(task, l));
      expect(cells).toEqual(matrix.flatMap((row, i) => row.map((count, j) => `gold ${names[i]}, predicted ${names[j]}: ${count}`)));
      expect(counts).toEqual(matrix.flat());
      expect(counts.reduce((s, c) => s + c, 0)).toBe(result.n);
    }
    await page.close();
  });

  it.each([
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const)("screenshots at %s width are not blank, and the page fits the width", async (_name, viewport) => {
    const { page } = await open(viewport);
    const overflow = await page.evaluate(() => {
      const { documentElement } = (globalThis as unknown as BrowserSide).document;
      return documentElement.scrollWidth - documentElement.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    const shot = await page.screenshot({ fullPage: false });
    const { inked, colours } = await ink(shot);
    expect(inked).toBeGreaterThan(0.01);
    expect(colours).toBeGreaterThan(8);
    await page.close();
  });
});
