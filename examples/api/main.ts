/**
 * glue-eval from TypeScript: the demo model on SST-2 dev, its progress as it goes, the records
 * kept in memory (nothing is written), then the accuracy, which equals the Python reference's
 * (../refs/bert-tiny-sst2.json). Errors are typed: a GlueEvalError carries the exit code the
 * command line would give.
 *
 *   npm install && npm run build && node dist/main.js [model folder] [data folder]
 */
import { AbortError, evaluate, GlueEvalError, type ProgressEvent } from "glue-eval";

const [model = "../models/bert-tiny-sst2", dataDir = "../data"] = process.argv.slice(2);

let batches = 0;
function onProgress(event: ProgressEvent): void {
  if (event.type === "task-start") console.error(`${event.model} ${event.task}: ${event.total} examples`);
  else if (event.type === "batch") batches = event.batch;
  else console.error(`${event.model} ${event.task}: done in ${event.result.timing.seconds.toFixed(2)} s`);
}

try {
  const [run] = await evaluate({ model, tasks: "sst2", dataDir, cacheDir: null, onProgress, signal: AbortSignal.timeout(10 * 60_000) });
  const sst2 = run?.results.find((result) => result.task === "sst2");
  console.log(`${run?.name} sst2 accuracy ${sst2?.metrics.accuracy} (${sst2?.n} examples, ${batches} batches)`);
} catch (error) {
  if (!(error instanceof GlueEvalError || error instanceof AbortError)) throw error;
  console.error(`glue-eval: ${error.message}`);
  process.exitCode = error instanceof GlueEvalError ? error.exitCode : 1;
}
