import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * glue-eval's package.json: the nearest one above this module (dist/ in the package; the
 * checkout's root for src/ and for the benchmark's own build in dist-bench/src/).
 */
function packageJson(): string {
  const from = dirname(fileURLToPath(import.meta.url));
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file)) return file;
  }
  throw new Error(`glue-eval: no package.json above ${from}`);
}

const pkg = JSON.parse(readFileSync(packageJson(), "utf8")) as { version: string };

export const GLUE_EVAL_VERSION: string = pkg.version;
