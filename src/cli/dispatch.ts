/**
 * Entry point: `glue-eval [run] --task ... --model ...` and the other commands.
 * Each command lives in its own module exporting its flag table (`COMMAND`) and
 * `main(argv): Promise<number>`; they are imported lazily so that `--help` does not load
 * onnxruntime or the tokenizers binary.
 */
import { environmentError, GlueEvalError, oneLine, UsageError } from "../errors.js";
import { closeNames } from "./args.js";
import type { AnyCommand } from "./flags.js";
import { terminalLines, terminalText } from "../util/escape-terminal.js";

/** A command: its flag table (which its --help is written from) and what it does. */
type CommandModule = { COMMAND: AnyCommand; main(argv: string[]): Promise<number> };

export const COMMANDS = {
  run: () => import("./run.js"),
  score: () => import("./score.js"),
  report: () => import("./report.js"),
  compare: () => import("./compare.js"),
  submit: () => import("./submit.js"),
  download: () => import("./download.js"),
  merge: () => import("./merge.js"),
  card: () => import("./card.js"),
} satisfies Record<string, () => Promise<CommandModule>>;

type CommandName = keyof typeof COMMANDS;

const USAGE = `glue-eval — GLUE and SQuAD dev-set evaluation of ONNX transformer models

Usage:
  glue-eval --task <tasks> --model <dir> [--model <dir> ...] [options]   evaluate (same as \`glue-eval run\`)
  glue-eval score --task <task> --predictions <file> [--json]           score a predictions file
  glue-eval report <results dir>... [--out reports/<name>.md]          the paper's table + markdown report
  glue-eval compare <runA> <runB>                                       paired comparison of two runs
  glue-eval submit <results dir> --out submission.zip                   GLUE leaderboard archive
  glue-eval download [--task ...] [--data-dir D]                        fetch and verify the datasets
  glue-eval merge <results dir>                                         join the shards of a run (--shard K/N)
  glue-eval card <results dir> [--push org/name]                        the scores as the HuggingFace hub shows them

Run \`glue-eval <command> --help\` for the options of a command.`;

export async function dispatch(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    process.stdout.write(`${USAGE}\n`);
    return first === undefined ? 2 : 0;
  }
  if (first === "--version" || first === "-V") {
    const { GLUE_EVAL_VERSION } = await import("../version.js");
    process.stdout.write(`${GLUE_EVAL_VERSION}\n`);
    return 0;
  }
  const isCommand = Object.hasOwn(COMMANDS, first);
  if (!isCommand && !first.startsWith("-")) {
    const close = closeNames(first, Object.keys(COMMANDS));
    throw new UsageError(`unknown command "${first}"${close.length === 0 ? "" : ` (did you mean ${close.join(" or ")}?)`}; see \`glue-eval --help\``);
  }
  const name: CommandName = isCommand ? (first as CommandName) : "run";
  const args = isCommand ? rest : argv;
  const module: CommandModule = await COMMANDS[name]();
  return module.main(args);
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (caught) {
    const error = environmentError(caught) ?? caught;
    if (error instanceof GlueEvalError) {
      process.stderr.write(`glue-eval: error: ${terminalText(oneLine(error.message))}\n`);
      return error.exitCode;
    }
    process.stderr.write(
      `glue-eval: internal error (please report):\n${terminalLines(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`,
    );
    return 70;
  }
}
