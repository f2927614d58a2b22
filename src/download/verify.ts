import { stat } from "node:fs/promises";
import { sha256File } from "../util/hash.js";
import { hashMismatch, sizeMismatch } from "./errors.js";

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Throws INTEGRITY naming `label` and both hashes unless the file's sha256 is `expected`. */
export async function verifySha256(path: string, expected: string, label: string): Promise<void> {
  const actual = await sha256File(path);
  if (actual !== expected.toLowerCase()) throw hashMismatch(label, expected, actual);
}

export async function verifySize(path: string, expected: number, label: string): Promise<void> {
  const { size } = await stat(path);
  if (size !== expected) throw sizeMismatch(label, expected, size);
}

/** True when the file exists and, where a hash is given, has it. */
export async function isVerified(path: string, sha256: string | null): Promise<boolean> {
  try {
    if (sha256 === null) return (await stat(path)).isFile();
    return (await sha256File(path)) === sha256;
  } catch {
    return false;
  }
}
