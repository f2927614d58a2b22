import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ModelError } from "../errors.js";

export interface ModelConfig {
  /** id2label in index order, or null when config.json has none. */
  id2label: string[] | null;
  numLabels: number | null;
  problemType: string | null;
  modelType: string | null;
  padTokenId: number | null;
  /** tokenizer_config.json's model_max_length (run_glue.py / run_qa.py cap max_seq_length at it). */
  modelMaxLength: number | null;
}

type RawConfig = {
  id2label?: unknown;
  num_labels?: unknown;
  problem_type?: unknown;
  model_type?: unknown;
  pad_token_id?: unknown;
};

export async function readModelConfig(path: string): Promise<ModelConfig> {
  let raw: RawConfig;
  try {
    const parsed: unknown = JSON.parse(await readFile(path, "utf8"));
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not a JSON object");
    raw = parsed as RawConfig;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ModelError(path, `not valid JSON (${reason})`, { cause: error });
  }
  const id2label = parseId2Label(path, raw.id2label);
  const numLabels = typeof raw.num_labels === "number" ? raw.num_labels : (id2label?.length ?? null);
  return {
    id2label,
    numLabels,
    problemType: typeof raw.problem_type === "string" ? raw.problem_type : null,
    modelType: typeof raw.model_type === "string" ? raw.model_type : null,
    padTokenId: typeof raw.pad_token_id === "number" ? raw.pad_token_id : null,
    modelMaxLength: await readModelMaxLength(join(dirname(path), "tokenizer_config.json")),
  };
}

/**
 * Tokenizers without a limit store a huge sentinel (1e30); only real limits count. A missing
 * file means no limit; a file that is there but unreadable is an error, since the limit it
 * holds would otherwise be lost without a word.
 */
async function readModelMaxLength(path: string): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new ModelError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ModelError(path, `not valid JSON (${reason})`, { cause: error });
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new ModelError(path, "not valid JSON (expected an object)");
  const value = (parsed as { model_max_length?: unknown }).model_max_length;
  if (value !== undefined && value !== null && typeof value !== "number")
    throw new ModelError(path, `model_max_length must be a number, got ${JSON.stringify(value)}`);
  return typeof value === "number" && Number.isInteger(value) && value > 0 && value < 1_000_000 ? value : null;
}

/**
 * transformers reads id2label as `{int(key): name}` and refuses a map whose keys are not the
 * indices 0..n-1. Keys that merely convert to integers ("01", " 1", "1.0") are refused too:
 * two of them can land on one index and leave another unnamed, and every prediction of that
 * output would then carry no label.
 */
function parseId2Label(path: string, value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object" || Array.isArray(value)) throw new ModelError(path, "id2label must be an object of index -> name");
  const entries = Object.entries(value as Record<string, unknown>);
  const labels: string[] = new Array<string>(entries.length);
  const range = `0..${Math.max(entries.length - 1, 0)}`;
  for (const [key, name] of entries) {
    if (!/^(0|[1-9]\d*)$/.test(key) || Number(key) >= entries.length) {
      throw new ModelError(
        path,
        `id2label key ${JSON.stringify(key)} is not one of the integers ${range}: the keys must be exactly 0..n-1 for n labels, as transformers requires`,
      );
    }
    if (typeof name !== "string")
      throw new ModelError(path, `id2label key ${JSON.stringify(key)}: the label name must be a string, got ${JSON.stringify(name)}`);
    labels[Number(key)] = name;
  }
  return labels;
}
