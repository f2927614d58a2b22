/**
 * The parts of the output cache's key that describe the runtime rather than the inputs:
 * everything that can change a model output for the same graph and the same input ids.
 * - onnxruntime's version (as the installed onnxruntime-node package reports it) and the
 *   execution provider: kernels differ between releases and between CPU, CUDA, TensorRT...
 * - the session settings (graph optimization level, execution mode), which decide the fused
 *   kernels that run;
 * - the intra-op thread count: measured bit-identical outputs at 1, 2 and 3 threads on this
 *   project's CPU builds (tiny BERT fp32 and int8, BERT-base fp32), but onnxruntime does not
 *   promise it for every kernel and provider, so a different count is a different key;
 * - the platform, architecture and CPU model: onnxruntime picks its CPU kernels by
 *   instruction set (AVX2, AVX-512, VNNI for int8), so a cache folder shared between machines
 *   must not hand one machine's outputs to another.
 * Not included, because they cannot change an output: the Node.js version, the results
 * folder, --limit (the inputs' hash covers the examples fed), progress and output flags.
 */
import { arch, cpus, platform } from "node:os";
import { SESSION_SETTINGS } from "../model/session.js";
import { CHUNK_FORMAT } from "./chunk-file.js";

export interface RuntimeFacts {
  onnxruntime: string;
  executionProvider: string;
  threads: number;
}

export function runtimeKeyParts(runtime: RuntimeFacts): Record<string, unknown> {
  return {
    chunkFormat: CHUNK_FORMAT,
    onnxruntime: runtime.onnxruntime,
    executionProvider: runtime.executionProvider,
    threads: runtime.threads,
    session: SESSION_SETTINGS,
    machine: `${platform()} ${arch()} ${cpus()[0]?.model.trim() ?? "unknown cpu"}`,
  };
}
