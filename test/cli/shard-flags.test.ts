import { describe, expect, it } from "vitest";
import { parseDeviceId, parseShard } from "../../src/cli/shard-flags.js";
import { UsageError } from "../../src/errors.js";

describe("--shard and --shards", () => {
  it.each([
    { title: "K/N", shard: "1/3", shards: undefined, env: {}, want: { index: 1, count: 3 } },
    { title: "K/N with an agreeing --shards", shard: "0/2", shards: 2, env: {}, want: { index: 0, count: 2 } },
    { title: "auto in a Kubernetes Indexed Job", shard: "auto", shards: 4, env: { JOB_COMPLETION_INDEX: "3" }, want: { index: 3, count: 4 } },
    {
      title: "auto in a Slurm array",
      shard: "auto",
      shards: undefined,
      env: { SLURM_ARRAY_TASK_ID: "12", SLURM_ARRAY_TASK_MIN: "10", SLURM_ARRAY_TASK_COUNT: "5" },
      want: { index: 2, count: 5 },
    },
    {
      title: "auto in a Slurm array, --shards given",
      shard: "auto",
      shards: 3,
      env: { SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_MIN: "0", SLURM_ARRAY_TASK_COUNT: "8" },
      want: { index: 1, count: 3 },
    },
    { title: "no --shard", shard: undefined, shards: undefined, env: { JOB_COMPLETION_INDEX: "1" }, want: undefined },
  ])("$title", ({ shard, shards, env, want }) => {
    expect(parseShard(shard, shards, env)).toEqual(want);
  });

  it.each([
    {
      title: "auto with neither scheduler's index",
      shard: "auto",
      shards: 3,
      env: {},
      message: /--shard auto needs JOB_COMPLETION_INDEX .* or SLURM_ARRAY_TASK_ID/,
    },
    { title: "auto without a count", shard: "auto", shards: undefined, env: { JOB_COMPLETION_INDEX: "0" }, message: /--shards N, or SLURM_ARRAY_TASK_COUNT/ },
    {
      title: "auto past the count (a stepped Slurm array)",
      shard: "auto",
      shards: undefined,
      env: { SLURM_ARRAY_TASK_ID: "6", SLURM_ARRAY_TASK_MIN: "0", SLURM_ARRAY_TASK_COUNT: "4" },
      message: /shard 6 \(SLURM_ARRAY_TASK_ID 6 − SLURM_ARRAY_TASK_MIN 0\) is not one of the 4 shards/,
    },
    { title: "K not below N", shard: "3/3", shards: undefined, env: {}, message: /K counts from 0 and must be below N/ },
    { title: "not K/N", shard: "1-3", shards: undefined, env: {}, message: /--shard must be K\/N/ },
    { title: "N = 0", shard: "0/0", shards: undefined, env: {}, message: /N must be at least 1/ },
    { title: "--shards disagreeing with K/N", shard: "1/3", shards: 4, env: {}, message: /disagree/ },
    { title: "--shards alone", shard: undefined, shards: 4, env: {}, message: /--shards goes with --shard auto/ },
    {
      title: "a variable that is not a number",
      shard: "auto",
      shards: 2,
      env: { JOB_COMPLETION_INDEX: "x" },
      message: /JOB_COMPLETION_INDEX must be a whole number/,
    },
  ])("refuses $title", ({ shard, shards, env, message }) => {
    expect(() => parseShard(shard, shards, env)).toThrow(UsageError);
    expect(() => parseShard(shard, shards, env)).toThrow(message);
  });
});

describe("--device-id", () => {
  it.each([
    { title: "a number", value: "3", env: {}, want: 3 },
    { title: "auto from LOCAL_RANK", value: "auto", env: { LOCAL_RANK: "2" }, want: 2 },
    { title: "auto from LOCAL_RANK among visible devices", value: "auto", env: { LOCAL_RANK: "1", CUDA_VISIBLE_DEVICES: "4,5" }, want: 1 },
    { title: "auto when the launcher gave the process one GPU", value: "auto", env: { LOCAL_RANK: "3", CUDA_VISIBLE_DEVICES: "3" }, want: 0 },
    { title: "auto from CUDA_VISIBLE_DEVICES alone", value: "auto", env: { CUDA_VISIBLE_DEVICES: "6,7" }, want: 0 },
    { title: "not given", value: undefined, env: { LOCAL_RANK: "1" }, want: undefined },
  ])("$title", ({ value, env, want }) => {
    expect(parseDeviceId(value, "cuda", env)).toBe(want);
  });

  it.each([
    { title: "auto with neither variable", value: "auto", ep: "cuda", env: {}, message: /needs LOCAL_RANK .* or CUDA_VISIBLE_DEVICES/ },
    {
      title: "a rank past the visible devices",
      value: "auto",
      ep: "cuda",
      env: { LOCAL_RANK: "2", CUDA_VISIBLE_DEVICES: "0,1" },
      message: /LOCAL_RANK 2 is past the 2 devices/,
    },
    {
      title: "a device on the CPU provider",
      value: "0",
      ep: "cpu",
      env: {},
      message: /--device-id applies to --execution-provider cuda, tensorrt, dml; this run uses cpu/,
    },
    { title: "a negative device", value: "-1", ep: "cuda", env: {}, message: /--device-id must be a whole number/ },
  ])("refuses $title", ({ value, ep, env, message }) => {
    expect(() => parseDeviceId(value, ep, env)).toThrow(message);
  });
});
