import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The read-only reference material that sits beside the checkout. */
export const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "shared");
export const hasShared = existsSync(join(SHARED, "fixtures", "README.md"));

if (!hasShared) {
  if (process.env.CI === "true") {
    throw new Error(`../shared is missing (looked in ${SHARED}); CI needs the reference fixtures`);
  }
  console.warn(`[glue-eval tests] SKIPPING parity tests: ../shared not found at ${SHARED}`);
}

export const sharedPath = (...parts: string[]): string => join(SHARED, ...parts);
