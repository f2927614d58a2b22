/**
 * The library's options resolve to the configuration `glue-eval run` builds from its flags: the
 * same defaults (written once, in api/defaults.ts), the command line's departures spelled out,
 * and a recorded command that the command line reads back into the same configuration.
 */
import { describe, expect, it } from "vitest";
import { RUN_DEFAULTS, RUN_LIMITS } from "../../src/api/defaults.js";
import { resolveRunConfig } from "../../src/api/resolve.js";
import { COMMAND as COMPARE } from "../../src/cli/compare.js";
import { parseRunCommand } from "../../src/cli/run.js";
import { COMMAND as RUN } from "../../src/cli/run-flags.js";
import { COMMAND as SCORE } from "../../src/cli/score.js";
import type { RunConfig } from "../../src/runner/config.js";

const base = ["--task", "sst2", "--model", "models/a"];

/** What the command line sets that a library call does not: how it was called, writing, and progress on stderr. */
const withoutCaller = ({ command: _command, write: _write, progress: _progress, ...rest }: RunConfig) => rest;

describe("evaluate's options", () => {
  it("resolve to the command line's configuration: the same defaults", () => {
    const cli = parseRunCommand(base)?.config as RunConfig;
    expect(resolveRunConfig({ model: "models/a", tasks: "sst2", write: true, logProgress: true, command: cli.command })).toEqual(cli);
    expect(resolveRunConfig({ model: "models/a", tasks: ["sst2"] })).toEqual({ ...cli, command: expect.any(Array), write: false, progress: false });
  });

  it("leave the results unwritten and progress off unless asked, and write where outputDir says", () => {
    expect(resolveRunConfig({ model: "m", tasks: "sst2" })).toMatchObject({ write: false, progress: false, outputDir: null });
    const written = resolveRunConfig({ model: "m", tasks: "sst2", outputDir: "out" });
    expect(written.write).toBeUndefined();
    expect(written.outputDir).toBe("out");
    expect(resolveRunConfig({ model: "m", tasks: "sst2", outputDir: "out", write: false }).write).toBe(false);
  });

  it("give the flag tables their defaults and ranges", () => {
    const { flags } = RUN;
    expect(flags["batch-size"]).toMatchObject({ default: RUN_DEFAULTS.batchSize, min: RUN_LIMITS.batchSize.min, max: RUN_LIMITS.batchSize.max });
    expect(flags["data-dir"].default).toBe(RUN_DEFAULTS.dataDir);
    expect(flags["doc-stride"].default).toBe(RUN_DEFAULTS.docStride);
    expect(flags["max-seq-length"]).toMatchObject(RUN_LIMITS.maxSeqLength);
    expect(SCORE.flags["data-dir"].default).toBe(RUN_DEFAULTS.dataDir);
    expect(COMPARE.flags["max-flips"].default).toBe(RUN_DEFAULTS.maxFlips);
    // The documented defaults: run_glue.py / run_qa.py's where they change a number.
    expect(RUN_DEFAULTS).toMatchObject({ batchSize: 32, docStride: 128, nBestSize: 20, maxAnswerLength: 30, nullScoreDiffThreshold: 0, dataDir: "data" });
  });

  it("record a command that the command line reads back into the same evaluation", () => {
    const options = {
      model: ["models/a", "org/b"],
      names: ["a", "b"],
      tasks: ["mnli", "squad_v2"],
      dtype: ["fp32", "q8"] as const,
      revision: "v1",
      dataDir: "d",
      outputDir: "o",
      split: "test" as const,
      limit: 5,
      maxSeqLength: 256,
      batchSize: 8,
      batchOrder: "file" as const,
      labelMap: ["x", "y"],
      labelsFile: "ax.tsv",
      docStride: 64,
      nBestSize: 5,
      maxAnswerLength: 40,
      nullScoreDiffThreshold: -1.5,
      threads: 2,
      nproc: 3,
      overlap: "off" as const,
      executionProvider: "cuda",
      deviceId: 1,
      shard: { index: 1, count: 4 },
      cacheDir: null,
    };
    const config = resolveRunConfig(options);
    const [program, ...argv] = config.command;
    expect(program).toBe("glue-eval");
    expect(withoutCaller(parseRunCommand(argv)?.config as RunConfig)).toEqual(withoutCaller(config));
    const plain = resolveRunConfig({ model: "m", tasks: "sst2", cacheDir: "c" });
    expect(plain.command).toEqual(["glue-eval", "--task", "sst2", "--model", "m", "--cache-dir", "c"]);
    expect(resolveRunConfig({ model: "m", tasks: "sst2", cacheDir: "c", nproc: "auto" }).command).toEqual([
      ...plain.command.slice(0, 5),
      "--nproc",
      "auto",
      "--cache-dir",
      "c",
    ]);
  });

  it("split the run over worker processes with nproc: one process unless asked, checked as --nproc", () => {
    expect(RUN.flags.nproc.default).toBe(String(RUN_DEFAULTS.nproc));
    expect(resolveRunConfig({ model: "m", tasks: "sst2" }).nproc).toBeUndefined();
    expect(resolveRunConfig({ model: "m", tasks: "sst2", nproc: 1 }).nproc).toBeUndefined();
    expect(resolveRunConfig({ model: "m", tasks: "sst2", nproc: 4 }).nproc).toBe(4);
    expect(resolveRunConfig({ model: "m", tasks: "sst2", nproc: "auto" }).nproc).toBe("auto");
    expect(() => resolveRunConfig({ model: "m", tasks: "sst2", nproc: 0 })).toThrow(
      expect.objectContaining({ exitCode: 2, message: "nproc must be a whole number from 1 to 1024, got 0" }),
    );
  });
});
