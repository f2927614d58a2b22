import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: "forks",
    // Runs that do not pass --no-cache or --cache-dir keep their model outputs out of ~/.cache.
    env: { GLUE_EVAL_CACHE_DIR: join(tmpdir(), `glue-eval-test-cache-${process.pid}`) },
    // The JSON summary lets CI print one closing "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: "node_modules/.vitest/results.json" }]],
  },
});
