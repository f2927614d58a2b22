import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: "forks",
    // The JSON summary lets CI print one closing "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: "node_modules/.vitest/results.json" }]],
  },
});
