/**
 * The recipes in examples/ for schedulers users already run: a Kubernetes Indexed Job, a
 * Slurm job array, a GitHub Actions matrix. Each is parsed (YAML with a YAML library, the
 * script with `bash -n`), every glue-eval flag it uses must be one the CLI defines, and each
 * is run here as far as this machine allows: the same commands, with the scheduler's
 * variables set by hand, on tiny fixture models.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { COMMAND as DOWNLOAD } from "../../src/cli/download.js";
import { flagSpellings } from "../../src/cli/flags.js";
import { COMMAND as MERGE } from "../../src/cli/merge.js";
import { COMMAND as REPORT } from "../../src/cli/report.js";
import { COMMAND as RUN } from "../../src/cli/run-flags.js";
import { CLI, ROOT, ensureBuilt } from "../cli-process.js";
import { hasShared, sharedPath } from "../shared.js";

const EXAMPLES = join(ROOT, "examples");
const read = (...parts: string[]): string => readFileSync(join(EXAMPLES, ...parts), "utf8");

const COMMANDS: Record<string, string[]> = {
  run: flagSpellings(RUN),
  merge: flagSpellings(MERGE),
  download: flagSpellings(DOWNLOAD),
  report: flagSpellings(REPORT),
};

interface Invocation {
  command: string;
  flags: string[];
  text: string;
}

/** The glue-eval commands in a piece of shell (continuation lines joined, comments dropped). */
function invocations(shell: string): Invocation[] {
  const lines = shell
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((line) => !line.trim().startsWith("#"));
  const found: Invocation[] = [];
  for (const part of lines.flatMap((line) => line.split(/&&|\|\||;/))) {
    const match = /(?:^|[\s"'])glue-eval(\s.*|$)/.exec(part);
    if (match === null) continue;
    const words = (match[1] ?? "").trim().split(/\s+/).filter(Boolean);
    const command = words[0] !== undefined && Object.hasOwn(COMMANDS, words[0]) ? words[0] : "run";
    const flags = words.filter((w) => /^-{1,2}[a-z]/.test(w)).map((w) => w.split("=")[0] as string);
    found.push({ command, flags, text: part.trim() });
  }
  return found;
}

function unknownFlags(list: readonly Invocation[]): string[] {
  return list.flatMap(({ command, flags }) => {
    const known = new Set(COMMANDS[command] ?? []);
    return flags.filter((f) => !known.has(f)).map((f) => `glue-eval ${command} ${f}`);
  });
}

interface Container {
  command?: string[];
  args?: string[];
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodJob {
  kind: string;
  metadata: { name: string };
  spec: {
    completionMode?: string;
    completions?: number;
    template: { spec: { containers: Container[]; volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[] } };
  };
}
interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  env: Record<string, string>;
  jobs: Record<string, { needs?: string | string[]; strategy?: { matrix: { shard: number[] } }; steps: Step[] }>;
}

function yamlDocuments(file: string): unknown[] {
  const docs = parseAllDocuments(read(file));
  if (!Array.isArray(docs)) throw new Error(`${file}: empty`);
  for (const doc of docs) expect(doc.errors, file).toEqual([]);
  return docs.map((doc) => doc.toJS() as unknown);
}

const jobsOf = (file: string): PodJob[] => (yamlDocuments(file) as PodJob[]).filter((d) => d.kind === "Job");
const containerLine = (c: Container): string => [...(c.command ?? []), ...(c.args ?? [])].join(" ");
const flagValue = (words: readonly string[], flag: string): string | undefined => words[words.indexOf(flag) + 1];
const workflow = (): Workflow => parse(read("github-actions", "glue-eval-shards.yml")) as Workflow;
const slurmScript = join(EXAMPLES, "slurm", "glue-eval-array.sh");

describe("the recipes parse and use only flags the CLI defines", () => {
  it("Kubernetes: an Indexed Job of shards on a shared volume, then a merge Job on that volume", () => {
    const [shards] = jobsOf("kubernetes/shards.yaml");
    const [merge] = jobsOf("kubernetes/merge.yaml");
    if (shards === undefined || merge === undefined) throw new Error("missing Job");
    expect(shards.spec.completionMode).toBe("Indexed");
    const shard = shards.spec.template.spec.containers[0] as Container;
    const merger = merge.spec.template.spec.containers[0] as Container;
    const args = shard.args ?? [];
    expect(flagValue(args, "--shard")).toBe("auto");
    expect(Number(flagValue(args, "--shards"))).toBe(shards.spec.completions);
    expect(merger.args).toEqual(["merge", flagValue(args, "--output-dir")]);
    const claim = (job: PodJob) => job.spec.template.spec.volumes.map((v) => v.persistentVolumeClaim?.claimName);
    expect(claim(merge)).toEqual(claim(shards));
    expect(merger.volumeMounts).toEqual(shard.volumeMounts);
    const calls = [shard, merger].flatMap((c) => invocations(containerLine(c)));
    expect(calls.map((c) => c.command)).toEqual(["run", "merge"]);
    expect(unknownFlags(calls)).toEqual([]);
  });

  it("Kubernetes: the Dockerfile copies only what the repository has", () => {
    const copies = read("kubernetes", "Dockerfile")
      .split("\n")
      .filter((line) => line.startsWith("COPY "))
      .flatMap((line) => line.split(/\s+/).slice(1, -1));
    expect(copies.length).toBeGreaterThan(3);
    for (const path of copies) expect(existsSync(join(ROOT, path)), path).toBe(true);
  });

  it("Slurm: bash -n accepts the script; --shard auto with a consecutive array; the merge waits for the array", () => {
    execFileSync("bash", ["-n", slurmScript]);
    const text = read("slurm", "glue-eval-array.sh");
    expect(text).toMatch(/^#SBATCH --array=0-\d+$/m);
    expect(text).toMatch(/--dependency="afterok:\$SLURM_ARRAY_JOB_ID"/);
    const calls = invocations(text);
    expect(calls.map((c) => c.command)).toEqual(["merge", "run"]);
    expect(calls[1]?.flags).toContain("--shard");
    expect(unknownFlags(calls)).toEqual([]);
  });

  it("GitHub Actions: a matrix of N shards whose artifacts the merge job downloads into one folder", () => {
    const flow = workflow();
    const { shard, merge } = flow.jobs;
    if (shard === undefined || merge === undefined) throw new Error("missing job");
    expect(merge.needs).toBe("shard");
    const calls = Object.values(flow.jobs).flatMap((job) => job.steps.flatMap((s) => invocations(s.run ?? "")));
    expect(calls.map((c) => c.command)).toEqual(["download", "run", "merge", "report"]);
    expect(unknownFlags(calls)).toEqual([]);
    const count = Number(/--shard \$\{\{ matrix\.shard \}\}\/(\d+)/.exec(calls[1]?.text ?? "")?.[1]);
    expect(shard.strategy?.matrix.shard).toEqual(Array.from({ length: count }, (_, k) => k));
    const upload = shard.steps.find((s) => s.uses?.startsWith("actions/upload-artifact"));
    const download = merge.steps.find((s) => s.uses?.startsWith("actions/download-artifact"));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, as the workflow spells it
    const shardsFolder = "${{ env.OUT }}/shards";
    expect(upload?.with?.path).toBe(shardsFolder);
    expect(download?.with).toMatchObject({ pattern: "shard-*", path: shardsFolder, "merge-multiple": true });
    expect(String(upload?.with?.name)).toMatch(/^shard-/);
  });

  it("finds a flag the CLI lacks (the check can fail)", () => {
    expect(unknownFlags(invocations("glue-eval --task qqp --shardz 1/2 && npx glue-eval merge out --force"))).toEqual([
      "glue-eval run --shardz",
      "glue-eval merge --force",
    ]);
  });
});

describe.skipIf(!hasShared)("the recipes run, with the schedulers' variables set by hand", () => {
  const tmp = mkdtempSync(join(tmpdir(), "glue-eval-recipes-"));
  const bin = join(tmp, "bin");
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  beforeAll(() => {
    ensureBuilt();
    mkdirSync(bin);
    // glue-eval and npx glue-eval run this checkout's CLI; sbatch records what it was asked to queue.
    const script = (name: string, body: string): void => {
      writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    script("glue-eval", `exec "${process.execPath}" "${CLI}" "$@"`);
    script("npx", `[ "$1" = glue-eval ] || exit 127\nshift\nexec "${process.execPath}" "${CLI}" "$@"`);
    script("sbatch", `printf '%s\\n' "$@" > "$SBATCH_LOG"`);
  });

  const sh = (command: string, env: Record<string, string>, cwd = tmp): void => {
    const result = spawnSync("bash", ["-c", command], {
      cwd,
      env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}`, GLUE_EVAL_CACHE_DIR: join(tmp, "cache") },
      encoding: "utf8",
    });
    expect(result.status, `${command}\n${result.stderr}`).toBe(0);
  };
  const merged = (path: string) => JSON.parse(readFileSync(path, "utf8")) as { n: number; metrics: Record<string, number>; timing: { shards: number } };

  it("Slurm: every array task, then the merge the first one queued", () => {
    const out = join(tmp, "slurm-results");
    const log = join(tmp, "sbatch.log");
    const env = {
      MODEL: sharedPath("fixtures", "models", "bert-tiny-sst2"),
      TASKS: "sst2",
      DATA_DIR: sharedPath("data"),
      OUT: out,
      CACHE_DIR: join(tmp, "cache"),
      SBATCH_LOG: log,
    };
    for (const id of [10, 11, 12]) {
      const array = {
        SLURM_ARRAY_TASK_ID: String(id),
        SLURM_ARRAY_TASK_MIN: "10",
        SLURM_ARRAY_TASK_COUNT: "3",
        SLURM_ARRAY_JOB_ID: "4242",
        SLURM_CPUS_PER_TASK: "1",
      };
      sh(`bash "${slurmScript}"`, { ...env, ...array });
    }
    const queued = readFileSync(log, "utf8").trim().split("\n");
    expect(queued).toContain("--dependency=afterok:4242");
    sh(queued[queued.indexOf("--wrap") + 1] as string, env);
    expect(merged(join(out, "sst2.json"))).toMatchObject({ n: 872, timing: { shards: 3 } });
  });

  it("Kubernetes: each index of the Indexed Job, then the merge Job, on one folder standing for the volume", () => {
    const [shards] = jobsOf("kubernetes/shards.yaml");
    const [merge] = jobsOf("kubernetes/merge.yaml");
    if (shards === undefined || merge === undefined) throw new Error("missing Job");
    const mount = shards.spec.template.spec.containers[0]?.volumeMounts?.[0]?.mountPath ?? "/mnt/glue-eval";
    const volume = join(tmp, "volume");
    mkdirSync(join(volume, "models"), { recursive: true });
    // The recipe evaluates MNLI with /mnt/glue-eval/models/my-model: here the tiny MNLI model.
    symlinkSync(sharedPath("fixtures", "models", "bert-tiny-mnli"), join(volume, "models", "my-model"));
    symlinkSync(sharedPath("data"), join(volume, "data"));
    const onVolume = (c: Container | undefined): string =>
      containerLine(c ?? {})
        .split(`${mount}/`)
        .join(`${volume}/`);
    for (let index = 0; index < (shards.spec.completions ?? 0); index++) {
      sh(onVolume(shards.spec.template.spec.containers[0]), { JOB_COMPLETION_INDEX: String(index) });
    }
    sh(onVolume(merge.spec.template.spec.containers[0]), {});
    expect(merged(join(volume, "results", "my-model", "mnli.json"))).toMatchObject({ n: 9815, timing: { shards: shards.spec.completions } });
  });

  it("GitHub Actions: each matrix job's run step, its artifact, then the merge job's steps", () => {
    const flow = workflow();
    const out = flow.env.OUT ?? "results/run";
    const work = join(tmp, "actions");
    mkdirSync(work);
    symlinkSync(sharedPath("data"), join(work, "data"));
    const inputs = { "inputs.task": "sst2", "inputs.model": sharedPath("fixtures", "models", "bert-tiny-sst2") };
    const expand = (text: string, values: Record<string, string>): string =>
      text.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, key: string) => values[key] ?? `<${key}>`);
    const shardStep = flow.jobs.shard?.steps.find((s) => s.run?.includes("--shard")) as Step;
    const artifacts = join(tmp, "artifacts");
    for (const shard of flow.jobs.shard?.strategy?.matrix.shard ?? []) {
      rmSync(join(work, out), { recursive: true, force: true });
      sh(expand(shardStep.run as string, { ...inputs, "matrix.shard": String(shard) }), { OUT: out }, work);
      cpSync(join(work, out, "shards"), join(artifacts, `shard-${shard}`), { recursive: true });
    }
    rmSync(join(work, out), { recursive: true, force: true });
    for (const shard of flow.jobs.shard?.strategy?.matrix.shard ?? [])
      cpSync(join(artifacts, `shard-${shard}`), join(work, out, "shards"), { recursive: true });
    for (const step of flow.jobs.merge?.steps.filter((s) => s.run?.includes("glue-eval")) ?? []) sh(expand(step.run as string, inputs), { OUT: out }, work);
    expect(merged(join(work, out, "sst2.json"))).toMatchObject({ n: 872, timing: { shards: flow.jobs.shard?.strategy?.matrix.shard.length } });
    expect(existsSync(join(work, "report.md"))).toBe(true);
  });
});
