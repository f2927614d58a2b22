/**
 * The only module that imports onnxruntime-node. It is loaded lazily so that `--help`,
 * scoring and unit tests never load the native binary.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { GlueEvalError, ModelError } from "../errors.js";
import { checkInputType, convertFeed, type FeedType, outputAsFloat32 } from "./tensor-types.js";

export interface Int64Feed {
  data: BigInt64Array;
  dims: readonly number[];
}

export interface FloatOutput {
  data: Float32Array;
  dims: readonly number[];
}

export interface ModelSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Readonly<Record<string, Int64Feed>>): Promise<Record<string, FloatOutput>>;
  release(): Promise<void>;
}

export interface SessionOptions {
  /** onnxruntime intra-op threads; 0 lets onnxruntime choose. */
  threads: number;
  executionProvider: string;
  /** The device an accelerator provider (cuda, tensorrt, dml) runs on; its default (0) when absent. */
  deviceId?: number;
}

/** Session options that are the same for every run; part of the output cache's key. */
export const SESSION_SETTINGS = { graphOptimizationLevel: "all", interOpNumThreads: 1, executionMode: "sequential" } as const;

type Ort = typeof import("onnxruntime-node");
let ortPromise: Promise<Ort> | undefined;

function loadOrt(): Promise<Ort> {
  ortPromise ??= import("onnxruntime-node");
  return ortPromise;
}

export async function onnxruntimeVersion(): Promise<string> {
  const ort = await loadOrt();
  return ort.env.versions.node ?? ort.env.versions.common ?? "unknown";
}

/** Execution providers that this onnxruntime-node build ships. */
export async function availableExecutionProviders(): Promise<string[]> {
  const ort = await loadOrt();
  const list = (ort as unknown as { listSupportedBackends?: () => Array<{ name: string }> }).listSupportedBackends;
  return list ? list().map((b) => b.name) : ["cpu"];
}

/**
 * onnxruntime-node ships its CPU binaries; its install script fetches the CUDA ones (Linux x64)
 * when ONNXRUNTIME_NODE_INSTALL says so. npm runs that script at most once, at install, and this
 * project's package.json denies it (allowScripts), so the hint names the script where npm put
 * it: in a checkout, in a project's node_modules or under a global prefix alike.
 */
function cudaInstallCommand(): string {
  const script = join(dirname(createRequire(import.meta.url).resolve("onnxruntime-node/package.json")), "script", "install.js");
  return `ONNXRUNTIME_NODE_INSTALL=cuda12 node "${script}"`;
}

const INSTALL_HINT: Record<string, () => string> = {
  cuda: () =>
    `the CUDA provider needs onnxruntime-node's CUDA 12 binaries (left out at install) and CUDA 12 with cuDNN 9 on the machine; install them with ${cudaInstallCommand()}`,
  tensorrt: () =>
    `the TensorRT provider needs onnxruntime-node's CUDA 12 binaries (left out at install) plus TensorRT; install them with ${cudaInstallCommand()}`,
};

export async function openSession(path: string, options: SessionOptions): Promise<ModelSession> {
  const ort = await loadOrt();
  // onnxruntime's own log lines would break the one-line error contract; errors are reported below.
  ort.env.logLevel = "fatal";
  const ep = options.executionProvider;
  const providers = await availableExecutionProviders();
  if (!providers.includes(ep)) {
    throw new GlueEvalError("USAGE", `execution provider "${ep}" is not in this onnxruntime-node build (available: ${providers.join(", ")})`, { exitCode: 2 });
  }
  let session: import("onnxruntime-node").InferenceSession;
  try {
    session = await ort.InferenceSession.create(path, {
      ...SESSION_SETTINGS,
      executionProviders: [options.deviceId === undefined ? ep : ({ name: ep, deviceId: options.deviceId } as { readonly name: string })],
      intraOpNumThreads: options.threads,
      logSeverityLevel: 4,
    });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    if (ep !== "cpu" && /provider|shared library|\.so/i.test(reason)) {
      throw new GlueEvalError(
        "MODEL",
        `execution provider "${ep}" could not be loaded (${reason}); ${INSTALL_HINT[ep]?.() ?? "install an onnxruntime-node build that includes it"}`,
        { cause: error },
      );
    }
    throw new ModelError(path, `onnxruntime could not load the graph: ${reason}`, { cause: error });
  }
  try {
    return wrap(ort, session);
  } catch (error) {
    await session.release();
    throw error;
  }
}

/** Each input's element type as the graph declares it (int64 when onnxruntime does not say). */
function inputTypes(session: import("onnxruntime-node").InferenceSession): Map<string, FeedType> {
  const declared = new Map((session.inputMetadata ?? []).map((m) => [m.name, m.isTensor ? String(m.type) : "non-tensor"]));
  return new Map(session.inputNames.map((name) => [name, checkInputType(name, declared.get(name) ?? "int64")]));
}

function wrap(ort: Ort, session: import("onnxruntime-node").InferenceSession): ModelSession {
  const types = inputTypes(session);
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds) {
      const missing = session.inputNames.filter((name) => !(name in feeds));
      if (missing.length > 0) {
        throw new GlueEvalError("INPUT_MISMATCH", `the graph needs inputs that were not fed: ${missing.join(", ")}`);
      }
      const tensors: Record<string, import("onnxruntime-node").Tensor> = {};
      for (const name of session.inputNames) {
        const feed = feeds[name] as Int64Feed;
        const type = types.get(name) ?? "int64";
        tensors[name] = new ort.Tensor(type, convertFeed(name, feed.data, type), feed.dims);
      }
      let results: import("onnxruntime-node").InferenceSession.ReturnType;
      try {
        results = await session.run(tensors);
      } catch (error) {
        const shapes = session.inputNames.map((n) => `${n}: ${types.get(n) ?? "int64"}[${(feeds[n] as Int64Feed).dims.join(",")}]`).join("; ");
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        throw new GlueEvalError("INPUT_MISMATCH", `inference failed (${reason}); fed ${shapes}`, { cause: error });
      }
      const out: Record<string, FloatOutput> = {};
      for (const [name, tensor] of Object.entries(results)) {
        out[name] = { data: outputAsFloat32(name, tensor.type, tensor.data), dims: tensor.dims };
      }
      return out;
    },
    async release() {
      await session.release();
    },
  };
}
