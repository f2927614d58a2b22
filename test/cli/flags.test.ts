/** The flag table on a table of its own: what each kind of flag parses to, what it refuses, and the help written from it. */
import { describe, expect, it } from "vitest";
import { closeNames } from "../../src/cli/args.js";
import { defineCommand, parseCommand } from "../../src/cli/flags.js";
import { renderHelp, wrap } from "../../src/cli/help.js";
import { UsageError } from "../../src/errors.js";

const EXAMPLE = defineCommand({
  name: "example",
  usage: "glue-eval example <dir>... [options]",
  about: "An example command.",
  operands: true,
  flags: {
    input: { type: "string", arg: "<file>", required: true, hint: "e.g. --input a.tsv", help: "the input" },
    tag: { type: "string", arg: "<tag>", multiple: true, help: "a tag; repeat for several" },
    "data-dir": { type: "string", arg: "<dir>", default: "data", help: "where the data is" },
    size: { type: "int", arg: "<n>", min: 1, max: 64, default: 8, help: "how many" },
    limit: { type: "int", arg: "<n>", min: 0, help: "at most this many" },
    scale: { type: "number", arg: "<x>", default: 0, shown: "0.0", help: "a factor" },
    order: { type: "enum", values: ["auto", "length", "file"], default: "auto", help: "the order" },
    names: { type: "list", arg: "<list>", help: "a comma list" },
    out: { type: "path", arg: "<file.md>", hint: "e.g. --out r.md", help: "where to write" },
    shout: { type: "custom", arg: "<word>", default: "hi", parse: (text: string) => text.toUpperCase(), help: "a word, upper-cased" },
    json: { type: "boolean", help: "print JSON" },
  },
});

const parse = (...argv: string[]) => parseCommand(EXAMPLE, ["--input", "in.tsv", ...argv]);
const refusal = (argv: string[]): string => {
  try {
    parseCommand(EXAMPLE, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error(`${argv.join(" ")} was accepted`);
};

describe("parsing by the table", () => {
  it("gives every flag its default, an empty list or false, or undefined when absent", () => {
    expect(parse()).toEqual({
      values: {
        input: "in.tsv",
        tag: [],
        "data-dir": "data",
        size: 8,
        limit: undefined,
        scale: 0,
        order: "auto",
        names: undefined,
        out: undefined,
        shout: "HI",
        json: false,
      },
      positionals: [],
    });
  });

  it("converts each kind of value", () => {
    const argv = ["--tag", "a", "--tag=b", "--data-dir", "d", "--size", "64", "--limit", "0", "--scale", "-1.5e-1", "--order", "file"];
    const parsed = parse(...argv, "--names", " x, y ", "--out", "r.md", "--shout", "yo", "--json", "dir1", "--", "--dir2");
    expect(parsed?.values).toEqual({
      input: "in.tsv",
      tag: ["a", "b"],
      "data-dir": "d",
      size: 64,
      limit: 0,
      scale: -0.15,
      order: "file",
      names: ["x", "y"],
      out: "r.md",
      shout: "YO",
      json: true,
    });
    expect(parsed?.positionals).toEqual(["dir1", "--dir2"]);
  });

  it("is null for --help or -h, whatever else is given", () => {
    expect(parseCommand(EXAMPLE, ["--help"])).toBeNull();
    expect(parseCommand(EXAMPLE, ["--size", "0", "-h"])).toBeNull();
  });

  it.each([
    [["--size", "0"], '--size must be a whole number from 1 to 64, got "0"'],
    [["--size", "2.5"], '--size must be a whole number from 1 to 64, got "2.5"'],
    [["--limit", "-1"], '--limit must be a whole number from 0 up, got "-1"'],
    [["--scale", "x"], '--scale must be a number, got "x"'],
    [["--order", "random"], '--order must be auto, length or file, got "random"'],
    [["--order", "Auto"], '--order must be auto, length or file, got "Auto"'],
    [["--out", ""], "--out must be a file path (e.g. --out r.md)"],
  ])("refuses %j in one line naming the flag and what it takes", (argv, message) => {
    expect(refusal(["--input", "in.tsv", ...argv])).toBe(message);
  });

  it("refuses a missing required flag with its hint", () => {
    expect(refusal(["--size", "2"])).toBe("--input is required (e.g. --input a.tsv)");
  });

  it.each([
    [["--szie", "2"], "unknown option --szie (did you mean --size?); see `glue-eval example --help`"],
    [["--data_dir", "d"], "unknown option --data_dir (did you mean --data-dir?); see `glue-eval example --help`"],
    [["--datadir=d"], "unknown option --datadir (did you mean --data-dir?); see `glue-eval example --help`"],
    [["--verbose"], "unknown option --verbose; see `glue-eval example --help`"],
    [["-v"], "unknown option -v; see `glue-eval example --help`"],
    [["--json=yes"], '--json takes no value, got "yes"; see `glue-eval example --help`'],
    [["--size"], "--size needs a value; see `glue-eval example --help`"],
    [["--out", "--json"], "--out needs a value; see `glue-eval example --help`"],
  ])("refuses %j with the flag meant and the way to the help", (argv, message) => {
    expect(refusal(["--input", "in.tsv", ...argv])).toBe(message);
  });

  it("refuses operands when the command takes none", () => {
    const bare = defineCommand({ name: "bare", usage: "glue-eval bare", flags: {} });
    expect(() => parseCommand(bare, ["stray"])).toThrow('unexpected argument "stray"; see `glue-eval bare --help`');
    expect(parseCommand(bare, [])).toEqual({ values: {}, positionals: [] });
  });
});

describe("suggestions", () => {
  const flags = ["batch-size", "batch-order", "output-dir", "no-progress", "task", "threads", "null-score-diff-threshold"];
  it.each([
    ["batchsize", ["batch-size"]],
    ["batch_size", ["batch-size"]],
    ["bacth-size", ["batch-size"]],
    ["outdir", ["output-dir"]],
    ["thread", ["threads"]],
    ["tasks", ["task"]],
    ["no-progres", ["no-progress"]],
    ["batch", ["batch-size", "batch-order"]],
    ["seed", []],
    ["verbose", []],
    ["x", []],
  ])("%s -> %j", (typed, want) => {
    expect(closeNames(typed, flags)).toEqual(want);
  });
});

describe("help written from the table", () => {
  const help = renderHelp(EXAMPLE);
  const entry = (flag: string): string => {
    const lines = help.split("\n");
    const start = lines.findIndex((line) => line.startsWith(`  ${flag}`));
    expect(start, flag).toBeGreaterThan(-1);
    const end = lines.findIndex((line, i) => i > start && /^ {2}-/.test(line));
    return lines
      .slice(start, end === -1 ? undefined : end)
      .join(" ")
      .replace(/\s+/g, " ");
  };

  it("starts with the synopsis and what the command does", () => {
    expect(help.startsWith("Usage: glue-eval example <dir>... [options]\n\nAn example command.\n\nOptions:\n")).toBe(true);
  });

  it.each([
    ["--input <file>", "the input (required)"],
    ["--tag <tag>", "a tag; repeat for several"],
    ["--data-dir <dir>", "where the data is (default: data)"],
    ["--size <n>", "how many (default: 8)"],
    ["--limit <n>", "at most this many"],
    ["--scale <x>", "a factor (default: 0.0)"],
    ["--order auto|length|file", "the order (default: auto)"],
    ["--shout <word>", "a word, upper-cased (default: hi)"],
    ["--json", "print JSON"],
    ["-h, --help", "show this help"],
  ])("shows %s with what it does and its default", (flag, text) => {
    expect(entry(flag)).toBe(`  ${flag} ${text}`.replace(/\s+/g, " "));
  });

  it("keeps lines within 100 columns, a longer flag putting its text on the next line", () => {
    const long = defineCommand({
      name: "long",
      usage: "u",
      flags: { "a-very-long-flag-name-indeed": { type: "string", arg: "<value>", help: "word ".repeat(60).trim() } },
    });
    const lines = renderHelp(long).split("\n");
    expect(lines).toContain("  --a-very-long-flag-name-indeed <value>");
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(wrap("aa bb cc", 5)).toEqual(["aa bb", "cc"]);
    expect(wrap("a\nb", 80)).toEqual(["a", "b"]);
  });
});
