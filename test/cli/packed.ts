/**
 * glue-eval installed as a user's project installs it: `npm pack`, then the documented
 * `ONNXRUNTIME_NODE_INSTALL=skip npm install <tarball>` in an empty project, offline (from npm's
 * cache). Shared by the install test and the library example's test.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureBuilt, ROOT } from "../cli-process.js";

/**
 * The environment of a user's shell: none of the npm_* variables that `npm test` passes to its
 * children (npm_config_ignore_scripts among them, from this checkout's .npmrc), which would make
 * the project's install behave unlike the user's.
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, ...extra };
}

export interface Installed {
  tarball: string;
  /** The project's folder, glue-eval in its node_modules. */
  project: string;
}

/**
 * Packs the checkout into `tmp` and installs the tarball into `tmp/<name>`, whose package.json is
 * `manifest`. Null when npm's cache lacks a dependency and CI is not true: the caller skips, with
 * the message printed here; under CI=true that is a failure (.ci/run fills the cache).
 */
export function packAndInstall(tmp: string, name: string, manifest: Record<string, unknown>): Installed | null {
  ensureBuilt();
  const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", tmp], { cwd: ROOT, env: userEnv(), encoding: "utf8" })) as {
    filename: string;
  }[];
  const tarball = join(tmp, packed[0]?.filename ?? "");
  const project = join(tmp, name);
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const install = spawnSync("npm", ["install", "--offline", "--no-audit", "--no-fund", tarball], {
    cwd: project,
    env: userEnv({ ONNXRUNTIME_NODE_INSTALL: "skip" }),
    encoding: "utf8",
  });
  if (install.status !== 0 && /ENOTCACHED/.test(install.stderr) && process.env.CI !== "true") {
    console.warn(
      "[glue-eval tests] SKIPPING the offline install of the packed package: npm's cache lacks its dependencies (one online `npm install` of the tarball fills it)",
    );
    return null;
  }
  if (install.status !== 0 || /npm error/.test(install.stderr)) throw new Error(`npm install ${tarball} failed:\n${install.stderr}`);
  return { tarball, project };
}
