/** The key of a task's tokenized inputs in the run's InputMemo: a digest of everything they are computed from. */
import { sha256 } from "../util/hash.js";

/** `parts` must hold every input of the computation (the tokenizer's sha256, the flags, the texts) as JSON values. */
export function inputKey(kind: string, parts: readonly unknown[]): string {
  return `${kind}:${sha256(JSON.stringify(parts))}`;
}
