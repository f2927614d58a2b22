/**
 * A full disk ends a run with one line, leaves the results folder as it was, and a later run
 * with space completes. Before, it ended with "glue-eval: internal error (please report)" and
 * a stack trace ("Error: EFBIG: file too large, write" / "ENOSPC: no space left on device"), exit 70.
 * Two ways to run out of space without privileges:
 * - a file-size limit (`ulimit -f`, EFBIG), which works wherever bash does: always run;
 * - a 48 KiB tmpfs in a new user and mount namespace (`unshare -rm`, the real ENOSPC), where
 *   the kernel allows unprivileged user namespaces; skipped, saying so, where it does not.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, ensureBuilt, ROOT } from "../cli-process.js";
import { canMountTmpfs, runAs, snapshot } from "../factories/processes.js";
import { hasShared, sharedPath } from "../shared.js";

const tmp = mkdtempSync(join(tmpdir(), "glue-eval-disk-full-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const args = (out: string, extra: string[] = []): string[] => [
  "--task", "sst2", "--model", sharedPath("fixtures", "models", "bert-tiny-sst2"), "--data-dir", sharedPath("data"), "--output-dir", out, "--no-progress", ...extra,
];

const tmpfs = canMountTmpfs();
if (!tmpfs) console.warn("[glue-eval tests] SKIPPING the tmpfs disk-full case: unprivileged user namespaces are not allowed here (the ulimit case still runs)");

describe.skipIf(!hasShared)("a full disk", () => {
  let expected = "";
  beforeAll(async () => {
    ensureBuilt();
    const reference = await runAs(args(join(tmp, "reference"), ["--no-cache"]));
    expect(reference.code, reference.stderr).toBe(0);
    expected = readFileSync(join(tmp, "reference", "sst2.predictions.jsonl"), "utf8");
  });

  it("under a file-size limit: one line, the earlier results untouched, then a run with space completes", async () => {
    const out = join(tmp, "limited");
    expect((await runAs(args(out, ["--no-cache", "--limit", "10"]))).code).toBe(0);
    const before = snapshot(out);
    // 16 KiB per file: the results file fits, SST-2's 872 predictions (about 80 KB) do not.
    const full = await runAs(args(out, ["--no-cache"]), { before: "ulimit -f 16" });
    console.log(`[exit ${full.code}] ${full.stderr.trim()}`);
    expect(full.code).toBe(1);
    expect(full.stderr.trim().split("\n")).toEqual([
      `glue-eval: error: ${join(out, "sst2.predictions.jsonl")}: cannot write the results (EFBIG: file too large); ${out} was left as it was`,
    ]);
    expect(snapshot(out)).toEqual(before);

    const later = await runAs(args(out, ["--no-cache"]));
    expect(later.code, later.stderr).toBe(0);
    expect(readFileSync(join(out, "sst2.predictions.jsonl"), "utf8")).toBe(expected);
  });

  it.skipIf(!tmpfs)("in a 48 KiB tmpfs: one line and nothing left; the cache on it is a warning; with space the run completes", () => {
    const disk = join(tmp, "disk");
    const copy = join(tmp, "copied");
    mkdirSync(disk);
    mkdirSync(copy);
    const node = `"${process.execPath}" "${CLI}"`;
    const run = (name: string, out: string, extra: string): string =>
      `${node} ${args(out).map((a) => `'${a}'`).join(" ")} ${extra} >/dev/null 2>"${tmp}/${name}.err"; echo $? >"${tmp}/${name}.rc"`;
    const script = [
      "set -u",
      `mount -t tmpfs -o size=48k tmpfs "${disk}"`,
      run("full", `${disk}/out`, "--no-cache"),
      `ls -A "${disk}/out" >"${tmp}/full.ls"`,
      `head -c 1048576 /dev/zero >"${disk}/filler" 2>/dev/null || true`,
      run("cache", `${tmp}/cache-out`, `--cache-dir "${disk}/cache"`),
      `rm "${disk}/filler"`,
      `mount -o remount,size=4m tmpfs "${disk}"`,
      run("later", `${disk}/out`, "--no-cache"),
      `cp "${disk}/out/"* "${copy}/"`,
    ].join("\n");
    const result = spawnSync("unshare", ["-rm", "sh", "-c", script], { cwd: ROOT, encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    const read = (name: string): string => readFileSync(join(tmp, name), "utf8").trim();
    console.log(`[tmpfs] ${read("full.err")} | ${read("cache.err").split("\n").join(" | ")}`);

    expect(read("full.rc")).toBe("1");
    expect(read("full.err").split("\n")).toEqual([
      `glue-eval: error: ${disk}/out/sst2.predictions.jsonl: cannot write the results (ENOSPC: no space left on device); ${disk}/out was left as it was`,
    ]);
    expect(read("full.ls")).toBe("");

    // A cache on a disk filled up: its chunk cannot be saved, which is a warning and not an error.
    expect(read("cache.rc")).toBe("0");
    expect(read("cache.err")).toMatch(/^glue-eval: warning: cache folder .*: cannot write chunk-00000\.bin \(ENOSPC: no space left on device\); the run goes on without the cache$/m);
    expect(readFileSync(join(tmp, "cache-out", "sst2.predictions.jsonl"), "utf8")).toBe(expected);

    expect(read("later.rc")).toBe("0");
    expect(readdirSync(copy).sort()).toEqual(["sst2.json", "sst2.predictions.jsonl"]);
    expect(readFileSync(join(copy, "sst2.predictions.jsonl"), "utf8")).toBe(expected);
  });
});
