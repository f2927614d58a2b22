/**
 * The cache can never fail a run. Before, a cache folder that could not be written (read-only,
 * a file in its way, an unwritable HOME with no --cache-dir) ended the run with a Node stack
 * trace ("Error: EACCES: permission denied, mkdir ..."), exit 1 and no results: the chunk
 * saves were promises with no handler, so their rejection was unhandled. Now each case is one
 * warning naming the folder and the reason, exit 0, and the results of a --no-cache run.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../../cli-process.js";
import { unprivileged } from "../../factories/as-user.js";
import { openToAll, runAs } from "../../factories/processes.js";
import { hasShared, sharedPath } from "../../shared.js";

// The user the modes bind, and what it can reach, worked out once the CLI is built (it may be linked elsewhere).
ensureBuilt();
const lowered = unprivileged();
if (lowered === null) console.warn("[glue-eval tests] SKIPPING read-only cache cases: cannot run as a user without write access here");

// The test's folders go where that user can reach them: the temporary folder may be one it cannot traverse.
const tmp = openToAll(mkdtempSync(join(lowered?.scratch ?? tmpdir(), "glue-eval-cache-fail-")));
const readOnly: string[] = [];
afterAll(() => {
  for (const dir of readOnly) chmodSync(dir, 0o755);
  rmSync(tmp, { recursive: true, force: true });
  lowered?.dispose();
});

/** The model and data as `reach` gives them: where the user who runs the CLI can read them. */
const args = (out: string, extra: string[], reach = (path: string): string => path): string[] => [
  "--task",
  "sst2",
  "--model",
  reach(sharedPath("fixtures", "models", "bert-tiny-sst2")),
  "--data-dir",
  reach(sharedPath("data")),
  "--limit",
  "200",
  "--output-dir",
  out,
  "--no-progress",
  ...extra,
];

let reference = "";
beforeAll(async () => {
  if (!hasShared) return;
  const out = join(tmp, "reference");
  const run = await runAs(args(out, ["--no-cache"]));
  expect(run.code, run.stderr).toBe(0);
  reference = readFileSync(join(out, "sst2.predictions.jsonl"), "utf8");
});

/** A folder nobody may write to (mode 0555); the run goes as a user the mode binds (see unprivileged). */
function readOnlyFolder(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  chmodSync(dir, 0o555);
  readOnly.push(dir);
  return dir;
}

interface Case {
  title: string;
  privileged: boolean;
  setup(): { extra: string[]; env?: NodeJS.ProcessEnv; folder: string };
  reason: RegExp;
}

const CASES: Case[] = [
  {
    title: "a read-only cache folder",
    privileged: true,
    setup: () => {
      const dir = readOnlyFolder("read-only");
      return { extra: ["--cache-dir", dir], folder: dir };
    },
    reason: /EACCES: permission denied/,
  },
  {
    title: "a cache path that is a file",
    privileged: false,
    setup: () => {
      const file = join(tmp, "a-file");
      writeFileSync(file, "not a folder");
      return { extra: ["--cache-dir", file], folder: file };
    },
    reason: /a file is in the way of its folder/,
  },
  {
    title: "no --cache-dir and a HOME that cannot be written",
    privileged: true,
    setup: () => {
      const home = readOnlyFolder("home");
      return { extra: [], env: { HOME: home, GLUE_EVAL_CACHE_DIR: undefined, XDG_CACHE_HOME: undefined }, folder: join(home, ".cache", "glue-eval") };
    },
    reason: /EACCES: permission denied, mkdir/,
  },
];

describe.skipIf(!hasShared)("a cache that cannot be used", () => {
  it.each(CASES.filter((c) => !c.privileged || lowered !== null))(
    "$title: one warning, exit 0, the results of an uncached run",
    async ({ privileged, setup, reason }) => {
      const { extra, env, folder } = setup();
      const out = openToAll(mkdtempSync(join(tmp, "out-")));
      const as = privileged ? lowered : null;
      const run = await runAs(args(out, extra, as === null ? undefined : (path) => as.reach(path)), {
        ...(as?.options ?? {}),
        ...(env === undefined ? {} : { env }),
      });
      console.log(`[exit ${run.code}] ${run.stderr.trim().split("\n").join(" | ")}`);
      expect(run.code, run.stderr).toBe(0);
      const warnings = run.stderr.split("\n").filter((l) => l.startsWith("glue-eval: warning:"));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`cache folder ${folder} cannot be used`);
      expect(warnings[0]).toMatch(reason);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(join(out, "sst2.predictions.jsonl"), "utf8")).toBe(reference);
    },
  );
});
