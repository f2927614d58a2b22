/** Child of rss.ts: runs one evaluate() from the config in argv[2] and prints its peak RSS. */
import type { RunConfig } from "../runner/config.js";
import { evaluate } from "../runner/evaluate.js";

// Written by rss.ts from a RunConfig it built itself.
const config = JSON.parse(process.argv[2] ?? "null") as RunConfig;
await evaluate(config, { warn: () => {}, info: () => {} });
// resourceUsage().maxRSS is in kilobytes.
process.stdout.write(`${JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
