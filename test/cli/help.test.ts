/**
 * Every command through the CLI, flag by flag from its table: --help shows each flag with its
 * default, each flag is read, each bad value and each unknown flag is one line naming the flag
 * and exit 2. The tables are read from the commands themselves, so a new flag or command is covered.
 */
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/dispatch.js";
import { type AnyCommand, type Flag, parseCommand } from "../../src/cli/flags.js";
import { GROUPS, TASK_NAMES } from "../../src/tasks/catalogue/index.js";
import { runCaptured } from "../factories/cli.js";

const commands: [string, AnyCommand][] = await Promise.all(
  Object.entries(COMMANDS).map(async ([name, load]) => [name, (await load()).COMMAND] as [string, AnyCommand]),
);

/** A value each kind of flag accepts, and what it reads as. */
function sample(flag: Flag): { argv: string[]; want: unknown } | null {
  switch (flag.type) {
    case "boolean":
      return { argv: [], want: true };
    case "int": {
      const n = Math.min(flag.min + 1, flag.max ?? Number.MAX_SAFE_INTEGER);
      return { argv: [String(n)], want: n };
    }
    case "number":
      return { argv: ["-0.25"], want: -0.25 };
    case "enum":
      return { argv: [flag.values.at(-1) as string], want: flag.values.at(-1) };
    case "list":
      return { argv: ["a, b"], want: ["a", "b"] };
    case "custom":
      return flag.default === undefined ? null : { argv: [flag.default], want: flag.parse(flag.default) };
    case "string":
      return { argv: ["some value"], want: flag.multiple ? ["some value"] : "some value" };
    default:
      return { argv: ["some/file.out"], want: "some/file.out" };
  }
}

/** The required flags with values, so that the flag under test is the only thing wrong. */
const required = (command: AnyCommand, except?: string): string[] =>
  Object.entries(command.flags).flatMap(([name, flag]) => (name !== except && flag.type !== "boolean" && flag.required ? [`--${name}`, "some value"] : []));

async function refused(argv: string[]): Promise<string> {
  const { code, stdout, stderr } = await runCaptured(argv);
  expect(code, stderr).toBe(2);
  expect(stdout).toBe("");
  const lines = stderr.trimEnd().split("\n");
  expect(lines, stderr).toHaveLength(1);
  return lines[0] as string;
}

describe.each(commands)("glue-eval %s", (name, command) => {
  const flags = Object.entries(command.flags);

  it("is the command's own table", () => {
    expect(command.name).toBe(name);
    expect(flags.length).toBeGreaterThan(0);
  });

  it("--help shows every flag, with its default where it has one", async () => {
    const { code, stdout } = await runCaptured([name, "--help"]);
    expect(code).toBe(0);
    expect(stdout.startsWith("Usage: glue-eval ")).toBe(true);
    // An entry starts on a line indented by two spaces and a dash; its text goes on below, indented further.
    const entries = new Map<string, string>();
    let current = "";
    for (const line of stdout.slice(stdout.indexOf("\nOptions:\n") + 1).split("\n")) {
      if (line === "" && entries.size > 0) break;
      if (/^ {2}-/.test(line)) current = (/--[a-z-]+/.exec(line) as RegExpExecArray)[0];
      if (current !== "") entries.set(current, `${entries.get(current) ?? ""} ${line.trim()}`.replace(/\s+/g, " "));
    }
    for (const [flagName, flag] of flags) {
      const entry = entries.get(`--${flagName}`) as string;
      expect(entry, flagName).toBeDefined();
      const shown = flag.type === "boolean" ? undefined : (flag.shown ?? ("default" in flag && flag.default !== undefined ? String(flag.default) : undefined));
      if (shown !== undefined) expect(entry, flagName).toContain(`(default: ${shown})`);
      if (flag.type !== "boolean" && flag.required) expect(entry, flagName).toContain("(required)");
      if (flag.type === "enum") expect(entry, flagName).toContain(`--${flagName} ${flag.values.join("|")}`);
    }
    expect(entries.get("--help")).toBe(" -h, --help show this help");
  });

  it("reads every flag of its table", () => {
    const argv: string[] = [];
    const want: Record<string, unknown> = {};
    for (const [flagName, flag] of flags) {
      const value = sample(flag);
      if (value === null) continue;
      argv.push(`--${flagName}`, ...value.argv);
      want[flagName] = value.want;
    }
    expect(parseCommand(command, argv)?.values).toMatchObject(want);
  });

  it.each(flags.filter(([, f]) => f.type === "int"))("refuses --%s out of its range or not a whole number", async (flagName, flag) => {
    if (flag.type !== "int") throw new Error("not an int flag");
    for (const bad of [String(flag.min - 1), "1.5", "ten"]) {
      const range = `from ${flag.min}${flag.max === undefined ? " up" : ` to ${flag.max}`}`;
      expect(await refused([name, ...required(command), `--${flagName}`, bad])).toBe(
        `glue-eval: error: --${flagName} must be a whole number ${range}, got "${bad}"`,
      );
    }
  });

  it.each(flags.filter(([, f]) => f.type === "enum"))("refuses a --%s value it does not list, listing those it takes", async (flagName, flag) => {
    if (flag.type !== "enum") throw new Error("not an enum flag");
    const line = await refused([name, ...required(command), `--${flagName}`, "nonsense"]);
    expect(line).toMatch(
      new RegExp(`^glue-eval: error: --${flagName} must be ${flag.values.slice(0, -1).join(", ")} or ${flag.values.at(-1)}, got "nonsense"$`),
    );
  });

  it.each(flags.filter(([, f]) => f.type === "path"))("refuses an empty --%s", async (flagName) => {
    expect(await refused([name, ...required(command), `--${flagName}`, ""])).toMatch(new RegExp(`^glue-eval: error: --${flagName} must be a file path`));
  });

  it.each(flags.filter(([, f]) => f.type !== "boolean" && f.required))("refuses a command line without --%s", async (flagName) => {
    expect(await refused([name, ...required(command, flagName)])).toMatch(new RegExp(`^glue-eval: error: --${flagName} is required`));
  });

  it("refuses an unknown flag, and a misspelt one with the flag meant, pointing at its help", async () => {
    const see = `; see \`glue-eval ${name} --help\``;
    expect(await refused([name, "--no-such-flag"])).toBe(`glue-eval: error: unknown option --no-such-flag${see}`);
    for (const [flagName] of flags) {
      const misspelt = flagName.includes("-") ? flagName.replace("-", "") : `${flagName}s`;
      if (Object.hasOwn(command.flags, misspelt)) continue;
      expect(await refused([name, `--${misspelt}`]), flagName).toMatch(
        new RegExp(`^glue-eval: error: unknown option --${misspelt} \\(did you mean (--[a-z-]+ or )*--${flagName}( or --[a-z-]+)*\\?\\)`),
      );
    }
  });
});

describe("glue-eval run", () => {
  it("--help names every task and group of the catalogue, with what each group holds", async () => {
    const { stdout } = await runCaptured(["run", "--help"]);
    const words = new Set(stdout.split(/[\s,;:.()]+/));
    for (const task of TASK_NAMES) expect(words, task).toContain(task);
    const flat = stdout.replace(/\s+/g, " ");
    for (const [group, members] of Object.entries(GROUPS)) {
      const what = group === "all" ? "all = every task" : members.length > 3 ? `${group} = the ${members.length} ` : `${group} = ${members.join(", ")}`;
      expect(flat, group).toContain(what);
    }
  });

  it("is the command when none is named, and a mistyped command is named as such", async () => {
    expect(await refused(["--batchsize", "8"])).toBe("glue-eval: error: unknown option --batchsize (did you mean --batch-size?); see `glue-eval run --help`");
    expect(await refused(["scroe", "--task", "sst2"])).toBe('glue-eval: error: unknown command "scroe" (did you mean score?); see `glue-eval --help`');
  });
});
