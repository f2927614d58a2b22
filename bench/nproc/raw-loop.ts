/**
 * The raw tokenize-then-infer loop as a process of its own, for the worker rows' baseline: load
 * the tokenizer and one session with a thread per core, read and tokenize every example as the
 * throughput part does, run the length-sorted batches, exit. Nothing is written. Its one
 * argument is the case as JSON.
 */
import { availableParallelism } from "node:os";
import { readModelConfig } from "../../src/model/config.js";
import { resolveModelFolder } from "../../src/model/folder.js";
import { openSession } from "../../src/model/session.js";
import { readTokenizerFile } from "../../src/model/tokenizer.js";
import { planBatches } from "../../src/runner/batching.js";
import { catalogue } from "../../src/tasks/catalogue/index.js";
import { DOC_STRIDE } from "../harness.js";
import { inferBatches } from "../raw.js";
import type { CliCase } from "../shards/args.js";
import { tokenizeSource } from "../tokenize.js";

const c = JSON.parse(process.argv[2] ?? "null") as CliCase & { task: keyof typeof catalogue };
const folder = resolveModelFolder(c.model, "fp32");
const modelConfig = await readModelConfig(folder.configPath);
const tokenizer = await readTokenizerFile(folder.tokenizerPath, modelConfig.padTokenId ?? undefined);
const session = await openSession(folder.onnxPath, { threads: availableParallelism(), executionProvider: "cpu" });
const requested = c.maxSeqLength ?? catalogue[c.task].maxSeqLength;
const maxSeqLength = Math.min(requested, modelConfig.modelMaxLength ?? requested);
const source = await tokenizeSource(c.task, tokenizer, { dataDir: c.dataDir, limit: c.limit, maxSeqLength, docStride: DOC_STRIDE });
const { value: features } = await source.run();
await inferBatches(session, features, planBatches(features, c.batchSize), tokenizer.padId);
await session.release();
