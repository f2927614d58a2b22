/** Runs a bench plan: each case in turn, then the padding survey; writes bench.md and bench.json. */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { oneLine } from "../src/errors.js";
import { onnxruntimeVersion } from "../src/model/session.js";
import { benchCase } from "./case.js";
import { sharedPath } from "./paths.js";
import type { BenchPlan } from "./plan.js";
import { prepareCase } from "./prepare.js";
import { renderBench } from "./render.js";
import { SURVEY_TASKS, paddingSurvey } from "./survey.js";
import { BENCH_SCHEMA, type BenchReport, SHORT_CASE } from "./types.js";

export async function runBench(plan: BenchPlan, log: (m: string) => void): Promise<{ report: BenchReport; outDir: string }> {
  const started = performance.now();
  const scratch = mkdtempSync(join(tmpdir(), "glue-eval-bench-"));
  const cases: BenchReport["cases"] = [];
  try {
    for (const [i, spec] of plan.cases.entries()) {
      const title = `${spec.model} ${spec.task}${spec.limit === null ? "" : ` (first ${spec.limit})`}`;
      log(`bench: ${title}`);
      try {
        const prepared = await prepareCase(spec, plan.dataDir, log);
        cases.push(await benchCase(prepared, { runs: plan.runs, extendShort: !plan.smoke, warmup: plan.warmup, scratch: join(scratch, String(i)), measureRss: plan.measureRss, log }));
      } catch (error) {
        const reason = error instanceof Error ? oneLine(error.message) : String(error);
        log(`bench: ${title} not run: ${reason}`);
        cases.push({ model: spec.model, task: spec.task, skipped: reason });
      }
    }
    const batchSize = plan.cases[0]?.batchSize ?? 32;
    if (plan.survey) log(`bench: padding of ${SURVEY_TASKS.join(", ")}`);
    const padding = plan.survey
      ? { batchSize, maxSeqLength: 128, rows: await paddingSurvey(sharedPath("fixtures", "models", "bert-tiny-sst2", "tokenizer.json"), plan.dataDir, batchSize, 128) }
      : null;
    const report: BenchReport = {
      schema: BENCH_SCHEMA,
      date: new Date().toISOString(),
      machine: { cpus: availableParallelism(), threads: availableParallelism(), node: process.version, onnxruntime: await onnxruntimeVersion(), platform: `${process.platform}-${process.arch}` },
      runs: plan.runs,
      shortCase: plan.smoke ? null : { seconds: SHORT_CASE.seconds, maxRuns: SHORT_CASE.maxFactor * plan.runs },
      warmup: plan.warmup,
      cases,
      padding,
      seconds: (performance.now() - started) / 1000,
    };
    const outDir = plan.outDir ?? mkdtempSync(join(tmpdir(), "glue-eval-bench-report-"));
    mkdirSync(outDir, { recursive: true });
    await writeFile(join(outDir, "bench.json"), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(join(outDir, "bench.md"), renderBench(report));
    return { report, outDir };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

