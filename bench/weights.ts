/**
 * Full-size bench models ship without their float weights. Their folder is copied into the
 * git-ignored bench-models/ and the reference tool writes random weights there once.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { GlueEvalError } from "../src/errors.js";
import { sharedPath } from "./paths.js";

interface Manifest {
  data_file: string;
  total_bytes: number;
}

/** Makes `dir` a complete copy of the bench model `name`; returns how long filling took (0 when ready). */
export function ensureBenchModel(name: string, dir: string, log: (m: string) => void): number {
  const source = sharedPath("bench-models", name);
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(source)) {
    const target = join(dir, file);
    if (existsSync(target) && statSync(target).size === statSync(join(source, file)).size) continue;
    rmSync(target, { force: true });
    copyFileSync(join(source, file), target);
    // The reference copies are read-only; the working copy should stay replaceable.
    chmodSync(target, 0o644);
  }
  const manifest = JSON.parse(readFileSync(join(dir, "external_data_manifest.json"), "utf8")) as Manifest;
  const data = join(dir, manifest.data_file);
  if (existsSync(data) && statSync(data).size === manifest.total_bytes) return 0;
  log(`bench: writing ${(manifest.total_bytes / 2 ** 20).toFixed(0)} MiB of random weights into ${data} (once)`);
  const started = performance.now();
  const tool = sharedPath("tools", "fill-random-weights.mjs");
  const done = spawnSync(process.execPath, [tool, dir], { encoding: "utf8" });
  if (done.status !== 0) throw new GlueEvalError("MODEL", `${tool} ${dir} failed: ${(done.stderr || done.stdout).trim()}`);
  return (performance.now() - started) / 1000;
}

/** Bytes of the graph and its external weights: what a session has to hold. */
export function modelBytes(onnxPath: string): number {
  const external = `${onnxPath}_data`;
  return statSync(onnxPath).size + (existsSync(external) ? statSync(external).size : 0);
}
