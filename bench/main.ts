/** `npm run bench`: raw onnxruntime vs glue-eval vs transformers.js vs fixed padding, one process. */
import { join } from "node:path";
import { GlueEvalError, oneLine } from "../src/errors.js";
import { HELP, parseBenchArgs } from "./plan.js";
import { renderBench } from "./render.js";
import { runBench } from "./run.js";

const log = (m: string): void => void process.stderr.write(`${m}\n`);

export async function main(argv: string[]): Promise<number> {
  const plan = parseBenchArgs(argv);
  if (plan === null) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const { report, outDir } = await runBench(plan, log);
  process.stdout.write(`${renderBench(report)}\n`);
  log(`bench: wrote ${join(outDir, "bench.md")} and ${join(outDir, "bench.json")}`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof GlueEvalError)) throw error;
  log(`bench: error: ${oneLine(error.message)}`);
  process.exitCode = error.exitCode;
}
