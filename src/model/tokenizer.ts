/**
 * Tokenization through HuggingFace's own Rust tokenizers (the `tokenizers` npm package),
 * so ids and offsets equal those of the Python fast tokenizers.
 *
 * Offsets from the package count Unicode code points (as Python does), not UTF-16 units.
 */
import { readFile } from "node:fs/promises";
import { Tokenizer, type TruncationStrategy } from "tokenizers";
import { ModelError } from "../errors.js";
import { sha256 } from "../util/hash.js";

export type Truncation = "longest_first" | "only_first" | "only_second";

export interface TokenizerFile {
  path: string;
  json: string;
  sha256: string;
  padId: number;
  padSide: "right" | "left";
}

export async function readTokenizerFile(path: string, configPadId?: number): Promise<TokenizerFile> {
  let json: string;
  try {
    json = await readFile(path, "utf8");
  } catch (error) {
    throw new ModelError(path, "tokenizer.json not found or unreadable (export the fast tokenizer with the model)", { cause: error });
  }
  let validated: Tokenizer;
  let parsed: { padding?: { pad_id?: number; direction?: string } | null; added_tokens?: Array<{ id: number; content: string }> };
  try {
    parsed = JSON.parse(json);
    validated = Tokenizer.fromString(json);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ModelError(path, `not a valid tokenizer.json (${reason})`, { cause: error });
  }
  const padToken = parsed.added_tokens?.find((t) => ["[PAD]", "<pad>"].includes(t.content));
  const file: TokenizerFile = {
    path,
    json,
    sha256: sha256(json),
    padId: parsed.padding?.pad_id ?? configPadId ?? padToken?.id ?? 0,
    padSide: parsed.padding?.direction === "Left" ? "left" : "right",
  };
  // The parse that validated the file is kept as the untruncated instance: no second parse.
  validated.disablePadding();
  validated.disableTruncation();
  keep(instanceKey(file, null), validated);
  return file;
}

// The package declares its enums as ambient const enums; their runtime values are these strings.
const STRATEGY = {
  longest_first: "LongestFirst",
  only_first: "OnlyFirst",
  only_second: "OnlySecond",
} as Record<Truncation, TruncationStrategy>;

/** Parsing tokenizer.json costs 40–110 ms; instances are kept per (file, truncation). */
const instances = new Map<string, Tokenizer>();
const KEEP = 8;

/**
 * A tokenizer instance with fixed truncation. The Rust object carries its truncation
 * settings, so each configuration gets an instance of its own; instances with the same
 * settings are shared (encoding does not change them).
 */
export function createTokenizer(file: TokenizerFile, truncation: TruncationSettings): Tokenizer {
  const key = instanceKey(file, truncation);
  const kept = instances.get(key);
  if (kept !== undefined) return kept;
  const tokenizer = Tokenizer.fromString(file.json);
  tokenizer.disablePadding();
  if (truncation === null) tokenizer.disableTruncation();
  else {
    tokenizer.setTruncation(truncation.maxLength, {
      strategy: STRATEGY[truncation.strategy],
      stride: truncation.stride ?? 0,
    });
  }
  keep(key, tokenizer);
  return tokenizer;
}

type TruncationSettings = { maxLength: number; strategy: Truncation; stride?: number } | null;

function instanceKey(file: TokenizerFile, truncation: TruncationSettings): string {
  return `${file.sha256}:${truncation === null ? "none" : `${truncation.strategy}:${truncation.maxLength}:${truncation.stride ?? 0}`}`;
}

function keep(key: string, tokenizer: Tokenizer): void {
  const oldest = instances.keys().next();
  if (instances.size >= KEEP && oldest.done !== true) instances.delete(oldest.value);
  instances.set(key, tokenizer);
}
