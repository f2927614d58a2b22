/**
 * examples/api, the library used from TypeScript, as a user's project has it: the packed
 * package installed offline into an empty project (test/cli/packed.ts), the program type-checked
 * against the installed package's declarations with the checkout's tsc, then run on the demo
 * model; its accuracy is the Python reference's. Skipped with a message when npm's cache lacks
 * the packages, except under CI=true.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { packAndInstall, userEnv } from "../cli/packed.js";
import { ROOT } from "../cli-process.js";
import { EXAMPLE_DATA, EXAMPLE_MODEL, EXAMPLE_REF, examplePath } from "../examples.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-api-example-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const EXAMPLE = examplePath("api");
const TSC = join(ROOT, "node_modules", ".bin", "tsc");
const REFERENCE = (JSON.parse(readFileSync(EXAMPLE_REF, "utf8")) as { splits: { dev: { metrics: { accuracy: number } } } }).splits.dev.metrics.accuracy;

it("examples/api type-checks against the installed package and prints the reference accuracy", async (ctx) => {
  // The example's own manifest, but for its dependencies: glue-eval comes from the tarball, the tools from the checkout.
  const {
    dependencies: _deps,
    devDependencies: _dev,
    ...manifest
  } = JSON.parse(readFileSync(join(EXAMPLE, "package.json"), "utf8")) as Record<string, unknown>;
  const installed = packAndInstall(tmp, "api-example", manifest);
  if (installed === null) {
    ctx.skip();
    return;
  }
  const { project } = installed;
  for (const file of ["main.ts", "tsconfig.json"]) copyFileSync(join(EXAMPLE, file), join(project, file));
  mkdirSync(join(project, "node_modules", "@types"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules", "@types", "node"), join(project, "node_modules", "@types", "node"), "dir");
  expect(existsSync(join(project, "node_modules", "glue-eval", "dist", "index.d.ts"))).toBe(true);

  const check = spawnSync(TSC, ["-p", project], { cwd: project, env: userEnv(), encoding: "utf8" });
  expect(check.status, check.stdout + check.stderr).toBe(0);

  const run = spawnSync(process.execPath, [join(project, "dist", "main.js"), EXAMPLE_MODEL, EXAMPLE_DATA], { cwd: project, env: userEnv(), encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toMatch(new RegExp(`^bert-tiny-sst2 sst2 accuracy ${String(REFERENCE).replace(".", "\\.")} \\(872 examples, \\d+ batches\\)\\n$`));
  expect(run.stderr).toMatch(/^bert-tiny-sst2 sst2: 872 examples\nbert-tiny-sst2 sst2: done in [\d.]+ s\n$/);

  // The declarations are types, not `any`: a call that breaks them does not compile.
  writeFileSync(
    join(project, "main.ts"),
    'import { evaluate } from "glue-eval";\nawait evaluate({ model: "m", tasks: "sst2", batchSize: "32" });\nawait evaluate({ tasks: "sst2" });\n',
  );
  const broken = spawnSync(TSC, ["-p", project], { cwd: project, env: userEnv(), encoding: "utf8" });
  expect(broken.status).not.toBe(0);
  expect(broken.stdout).toMatch(/main\.ts\(2,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
  expect(broken.stdout).toMatch(
    /main\.ts\(3,\d+\): error TS2741: Property 'model' is missing in type '\{ tasks: string; \}' but required in type 'EvaluateOptions'/,
  );
}, 300_000);
