/**
 * npm in this checkout prints no warning and runs no dependency's install script (.npmrc).
 * glue-eval installed as a user's project installs it: `npm pack`, then the documented
 * `ONNXRUNTIME_NODE_INSTALL=skip npm install <package>` in an empty project, offline (from npm's
 * cache). It succeeds, fetches no CUDA binaries, holds the docs its README links to and the
 * library's entry with its declarations, and the installed command evaluates the demo
 * model (the Python reference's accuracy) and names, for the CUDA provider, an install command
 * that exists in that project. Skipped with a message when the cache lacks the packages, except
 * under CI=true (.ci/run fills the cache).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { ROOT } from "../cli-process.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL, EXAMPLE_REF } from "../examples.js";
import { packAndInstall, userEnv } from "./packed.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-install-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const filesUnder = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: "utf8" }) : []);

it("npm in this checkout: no warning, and no dependency's install script (.npmrc)", () => {
  const run = spawnSync("npm", ["config", "get", "ignore-scripts"], { cwd: ROOT, env: userEnv(), encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.stdout).toBe("true\n");
});

it("npm pack, then ONNXRUNTIME_NODE_INSTALL=skip npm install <tarball> --offline in an empty project", async (ctx) => {
  const installed = packAndInstall(tmp, "project", { name: "uses-glue-eval", private: true });
  if (installed === null) {
    ctx.skip();
    return;
  }
  const { project } = installed;

  // What the package's README links to travels with it, and so do the library's entry and declarations.
  const pkg = join(project, "node_modules", "glue-eval");
  const links = [...readFileSync(join(pkg, "README.md"), "utf8").matchAll(/\]\((docs\/[^)#\s]+)/g)].map((m) => m[1] as string);
  expect(links).toContain("docs/library.md");
  expect(links.filter((link) => !existsSync(join(pkg, link)))).toEqual([]);
  expect(["dist/index.js", "dist/index.d.ts"].filter((file) => !existsSync(join(pkg, file)))).toEqual([]);

  const ort = join(project, "node_modules", "onnxruntime-node");
  expect(filesUnder(join(ort, "bin")).filter((f) => /providers_(cuda|tensorrt|shared)/.test(f))).toEqual([]);
  expect(filesUnder(join(ort, "bin")).some((f) => f.endsWith("onnxruntime_binding.node"))).toBe(true);

  const glueEval = join(project, "node_modules", ".bin", "glue-eval");
  const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  expect(execFileSync(glueEval, ["--version"], { cwd: project, env: userEnv(), encoding: "utf8" })).toBe(`${version}\n`);

  const common = ["--task", "sst2", "--model", EXAMPLE_MODEL, "--data-dir", EXAMPLE_DATA, "--cache-dir", join(tmp, "cache"), "--no-progress"];
  const run = spawnSync(glueEval, [...common, "--output-dir", join(tmp, "out")], { cwd: project, env: userEnv(), encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  const reference = JSON.parse(readFileSync(EXAMPLE_REF, "utf8")) as { splits: { dev: { metrics: { accuracy: number } } } };
  const result = JSON.parse(readFileSync(join(tmp, "out", "sst2.json"), "utf8")) as { metrics: { accuracy: number } };
  expect(result.metrics.accuracy).toBe(reference.splits.dev.metrics.accuracy);

  const cuda = spawnSync(glueEval, [...common, "--output-dir", join(tmp, "cuda"), "--execution-provider", "cuda"], {
    cwd: project,
    env: userEnv(),
    encoding: "utf8",
  });
  expect(cuda.status, cuda.stderr).toBe(1);
  const script = /ONNXRUNTIME_NODE_INSTALL=cuda12 node "([^"]+)"$/.exec(cuda.stderr.trim())?.[1];
  expect(script).toBe(join(ort, "script", "install.js"));
  expect(existsSync(script as string)).toBe(true);
}, 240_000);
