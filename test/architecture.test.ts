/**
 * The shape of the code, read from the source: imports run one way (../shared/docs/STYLE.md:
 * the package's entry (index.ts) → api → runner; cli → api;
 * cli → runner → tasks → {data, model, metrics}; cli → report → metrics; runner → merge; runner, merge, report,
 * compare and submit → results; runner → hub → model; shared types at the bottom), with no cycle; the task catalogue imports nothing at run time beyond the bottom
 * layer; src/ uses only runtime dependencies and never the reference material beside the
 * checkout; test/ mirrors src/ (and bench/, and examples/ for the demo set).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./cli-process.js";

const SRC = join(ROOT, "src");

interface Edge {
  from: string;
  /** A file under src/ (relative), or "pkg:<name>" for a package. */
  to: string;
  typeOnly: boolean;
}

/** Module specifiers of a file's static imports, re-exports and dynamic imports (comments left out). */
function importsOf(text: string): { spec: string; typeOnly: boolean }[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const found: { spec: string; typeOnly: boolean }[] = [];
  for (const m of code.matchAll(/(?:^|[;\n])\s*(import|export)\s+(type\s+)?(?:[^;"'`]*?\sfrom\s*)?["']([^"']+)["']/g)) {
    found.push({ spec: m[3] as string, typeOnly: m[2] !== undefined });
  }
  for (const m of code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.push({ spec: m[1] as string, typeOnly: false });
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.split("\\").join("/"))
    .sort();
}

const files = sourceFiles(SRC);
const edges: Edge[] = files.flatMap((from) =>
  importsOf(readFileSync(join(SRC, from), "utf8")).map(({ spec, typeOnly }): Edge => {
    if (!spec.startsWith(".")) return { from, to: `pkg:${spec}`, typeOnly };
    const target = normalize(join(dirname(from), spec))
      .split("\\")
      .join("/")
      .replace(/\.js$/, ".ts");
    return { from, to: target, typeOnly };
  }),
);
const internal = edges.filter((e) => !e.to.startsWith("pkg:"));

/** The layer of a file under src/. */
function layer(file: string): string {
  // The library's entry sits on top: it re-exports the API, which the command line calls too.
  if (file === "index.ts") return "entry";
  if (!file.includes("/")) return "base"; // errors.ts, precision.ts, version.ts
  if (file.startsWith("tasks/catalogue/")) return "catalogue";
  // The paper's table is data over the catalogue; results are read back in its task order.
  if (file === "report/paper.ts") return "paper";
  return file.split("/")[0] as string;
}

/** What each layer may import besides itself: only layers below it. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  entry: ["api", "base"],
  cli: [
    "api",
    "runner",
    "merge",
    "tasks",
    "catalogue",
    "report",
    "paper",
    "compare",
    "submit",
    "card",
    "results",
    "hub",
    "download",
    "model",
    "data",
    "metrics",
    "util",
    "base",
  ],
  api: ["runner", "merge", "tasks", "catalogue", "report", "paper", "compare", "results", "model", "util", "base"],
  runner: ["merge", "tasks", "catalogue", "results", "hub", "model", "data", "metrics", "util", "base"],
  merge: ["tasks", "catalogue", "results", "util", "base"],
  compare: ["report", "paper", "results", "catalogue", "metrics", "util", "base"],
  submit: ["report", "results", "catalogue", "util", "base"],
  card: ["report", "results", "catalogue", "util", "base"],
  report: ["results", "paper", "catalogue", "metrics", "util", "base"],
  tasks: ["catalogue", "results", "data", "model", "metrics", "util", "base"],
  results: ["paper", "util", "base"],
  paper: ["catalogue"],
  catalogue: ["metrics", "model", "base"],
  data: ["util", "base"],
  hub: ["model", "download", "util", "base"],
  model: ["util", "base"],
  download: ["catalogue", "util", "base"],
  metrics: ["base"],
  util: [],
  base: [],
};

/** Strongly connected components with more than one file (Tarjan), or a file importing itself. */
function cycles(nodes: readonly string[], links: readonly Edge[]): string[][] {
  const next = new Map(nodes.map((n) => [n, links.filter((e) => e.from === n).map((e) => e.to)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) component.push(w);
    if (component.length > 1 || (next.get(v) ?? []).includes(v)) out.push(component.sort());
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return out;
}

describe("the import graph of src/", () => {
  it("reads every kind of import", () => {
    const text =
      'import a from "./a.js";\nimport type { B } from "../b.js";\nimport {\n  c,\n  type D,\n} from "./c.js";\nexport { e } from "./e.js";\nconst f = await import("./f.js");\n// import("./g.js")\n';
    expect(importsOf(text)).toEqual([
      { spec: "./a.js", typeOnly: false },
      { spec: "../b.js", typeOnly: true },
      { spec: "./c.js", typeOnly: false },
      { spec: "./e.js", typeOnly: false },
      { spec: "./f.js", typeOnly: false },
    ]);
    expect(internal.length).toBeGreaterThan(200);
  });

  it("resolves every relative import to a file in src/", () => {
    expect(internal.filter((e) => !files.includes(e.to))).toEqual([]);
  });

  it("has no upward import", () => {
    const upward = internal
      .filter((e) => layer(e.from) !== layer(e.to) && !(ALLOWED[layer(e.from)] ?? []).includes(layer(e.to)))
      .map((e) => `${e.from} (${layer(e.from)}) -> ${e.to} (${layer(e.to)})`);
    expect(upward).toEqual([]);
    expect(Object.keys(ALLOWED).sort()).toEqual([...new Set(files.map(layer))].sort());
  });

  it("allows each pair of layers one way only", () => {
    const layers = Object.keys(ALLOWED);
    const links = layers.flatMap((from) => (ALLOWED[from] ?? []).map((to): Edge => ({ from, to, typeOnly: false })));
    expect(layers.flatMap((from) => (ALLOWED[from] ?? []).filter((to) => !layers.includes(to)))).toEqual([]);
    expect(cycles(layers, links)).toEqual([]);
  });

  it("has no cycle", () => {
    expect(cycles(files, internal)).toEqual([]);
    // The check itself finds one.
    expect(
      cycles(
        ["a", "b", "c"],
        [
          { from: "a", to: "b", typeOnly: true },
          { from: "b", to: "a", typeOnly: false },
          { from: "b", to: "c", typeOnly: false },
        ],
      ),
    ).toEqual([["a", "b"]]);
  });

  it("keeps the task catalogue free of run-time imports beyond the bottom layer", () => {
    const loaded = internal.filter((e) => layer(e.from) === "catalogue" && !e.typeOnly && !["catalogue", "base"].includes(layer(e.to)));
    expect(loaded).toEqual([]);
    expect(edges.filter((e) => layer(e.from) === "catalogue" && e.to.startsWith("pkg:"))).toEqual([]);
  });

  it("uses only runtime dependencies and Node's own modules; onnxruntime-node in src/model/session.ts alone", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const packages = edges.filter((e) => e.to.startsWith("pkg:"));
    const name = (e: Edge): string =>
      e.to
        .slice(4)
        .split("/")
        .slice(0, e.to.startsWith("pkg:@") ? 2 : 1)
        .join("/");
    expect(packages.filter((e) => !builtins.has(name(e)) && !Object.hasOwn(pkg.dependencies, name(e))).map((e) => `${e.from} -> ${name(e)}`)).toEqual([]);
    expect([...new Set(packages.filter((e) => name(e) === "onnxruntime-node").map((e) => e.from))]).toEqual(["model/session.ts"]);
  });

  it("never reads the reference material beside the checkout", () => {
    expect(files.filter((f) => /\.\.\/shared|sharedPath/.test(readFileSync(join(SRC, f), "utf8")))).toEqual([]);
  });
});

describe("test/", () => {
  it("mirrors src/ (and bench/, examples/): every test folder is named after one", () => {
    const dirs = readdirSync(join(ROOT, "test"), { recursive: true, encoding: "utf8" })
      .map((d) => d.split("\\").join("/"))
      .filter((d) => statSync(join(ROOT, "test", d)).isDirectory() && !/^(factories|fixtures)(\/|$)/.test(d));
    // Besides src/: bench/ (npm run bench) and examples/ (the demo set the tests run on).
    const unmatched = dirs.filter((d) => !existsSync(/^(bench|examples)(\/|$)/.test(d) ? join(ROOT, d) : join(SRC, d)));
    expect(unmatched).toEqual([]);
    expect(dirs.length).toBeGreaterThan(10);
    expect(relative(ROOT, SRC)).toBe("src");
  });
});
