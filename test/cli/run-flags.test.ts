/**
 * `glue-eval run`'s command line into its run configuration: the defaults are those of HF's
 * run_glue.py / run_qa.py and of the README, and the checks between flags hold.
 */
import { describe, expect, it } from "vitest";
import { parseRunCommand } from "../../src/cli/run.js";
import { UsageError } from "../../src/errors.js";

const base = ["--task", "sst2", "--model", "models/a"];

describe("run's configuration", () => {
  it("takes the documented defaults", () => {
    const saved = process.env.GLUE_EVAL_CACHE_DIR;
    process.env.GLUE_EVAL_CACHE_DIR = "/tmp/glue-eval-cache";
    try {
      const command = parseRunCommand(base);
      expect(command?.json).toBe(false);
      expect(command?.report).toBeNull();
      expect(command?.config).toEqual({
        models: ["models/a"],
        names: [null],
        tasks: ["sst2"],
        dtype: "fp32",
        outputDir: null,
        threads: 0,
        overlap: "auto",
        executionProvider: "cpu",
        maxSeqLength: null,
        options: {
          dataDir: "data",
          split: "dev",
          limit: null,
          batchSize: 32,
          labelMap: null,
          // run_qa.py: --doc_stride 128, --n_best_size 20, --max_answer_length 30, --null_score_diff_threshold 0.0
          docStride: 128,
          nBestSize: 20,
          maxAnswerLength: 30,
          nullScoreDiffThreshold: 0,
          labelsFile: null,
        },
        batchOrder: "auto",
        cacheDir: "/tmp/glue-eval-cache",
        command: ["glue-eval", ...base],
        // Progress is on unless --no-progress: a bar on a terminal, lines in a log (as here, where stderr is not a terminal).
        progress: true,
      });
      expect(Object.isFrozen(command?.config)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.GLUE_EVAL_CACHE_DIR;
      else process.env.GLUE_EVAL_CACHE_DIR = saved;
    }
  });

  it("reads every flag into its place", () => {
    const argv = [...base, "--model", "org/b", "--name", "a", "--name", "b", "--dtype", "fp32,q8", "--revision", "v1", "--data-dir", "d", "--output-dir", "o"];
    argv.push("--split", "test", "--max-seq-length", "256", "--batch-size", "8", "--batch-order", "file", "--limit", "5", "--label-map", "x, y");
    argv.push("--labels-file", "ax.tsv", "--doc-stride", "64", "--n-best-size", "5", "--max-answer-length", "40", "--null-score-diff-threshold", "-1.5");
    argv.push("--threads", "2", "--overlap", "off", "--execution-provider", "cuda", "--device-id", "1", "--shard", "1/4", "--no-cache", "--json");
    argv.push("--nproc", "auto");
    const command = parseRunCommand(argv);
    expect(command?.json).toBe(true);
    expect(command?.config).toMatchObject({
      models: ["models/a", "org/b"],
      names: ["a", "b"],
      dtype: ["fp32", "q8"],
      revision: "v1",
      outputDir: "o",
      threads: 2,
      nproc: "auto",
      overlap: "off",
      executionProvider: "cuda",
      maxSeqLength: 256,
      options: {
        dataDir: "d",
        split: "test",
        limit: 5,
        batchSize: 8,
        labelMap: ["x", "y"],
        docStride: 64,
        nBestSize: 5,
        maxAnswerLength: 40,
        nullScoreDiffThreshold: -1.5,
        labelsFile: "ax.tsv",
      },
      batchOrder: "file",
      cacheDir: null,
      shard: { index: 1, count: 4 },
      deviceId: 1,
    });
  });

  it("is null for --help, even with the required flags missing", () => {
    expect(parseRunCommand(["--help"])).toBeNull();
    expect(parseRunCommand(["--task", "sst2", "-h"])).toBeNull();
  });

  it.each([
    { argv: [...base, "--name", "a", "--name", "b"], message: "--name given 2 times for 1 --model" },
    { argv: [...base, "--shards", "3"], message: "--shards goes with --shard auto (or give --shard K/N)" },
    { argv: [...base, "--shard", "0/2", "--shards", "3"], message: "--shard 0/2 and --shards 3 disagree on the number of shards" },
    { argv: [...base, "--shard", "0/2", "--report", "r.md"], message: /^--report needs the whole run's scores/ },
    { argv: [...base, "--device-id", "0"], message: "--device-id applies to --execution-provider cuda, tensorrt, dml; this run uses cpu" },
    {
      argv: [...base, "--dtype", "fp32,int3"],
      message: '--dtype: unknown "int3" (use fp32, fp16, q8, int8, uint8, q4, q4f16, bnb4, a comma list of them, or all)',
    },
    { argv: ["--task", "mnlii", "--model", "m"], message: /^unknown task "mnlii"/ },
    { argv: [...base, "--nproc", "0"], message: '--nproc must be a whole number from 1 to 1024, or auto, got "0"' },
    { argv: [...base, "--nproc", "two"], message: '--nproc must be a whole number from 1 to 1024, or auto, got "two"' },
  ])("refuses $message", ({ argv, message }) => {
    expect(() => parseRunCommand(argv)).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(() => parseRunCommand(argv)).toThrow(message);
  });
});
