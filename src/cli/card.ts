/** `glue-eval card <results dir>`: a model's scores in the files the HuggingFace hub reads, and optionally a pull request with them. */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { buildCard } from "../card/build.js";
import { evalResultsPath, pushCard } from "../card/push.js";
import { evalResultsYaml, modelIndexYaml } from "../card/yaml.js";
import { GlueEvalError, UsageError } from "../errors.js";
import { hubSettings } from "../hub/env.js";
import { loadSingleRun } from "../results/read.js";
import { writeFileAtomic } from "../util/atomic.js";
import { GLUE_EVAL_VERSION } from "../version.js";
import { defineCommand, parseCommand } from "./flags.js";
import { printHelp } from "./help.js";

export const COMMAND = defineCommand({
  name: "card",
  usage: "glue-eval card <results dir> [options]",
  about: `Writes one model's scores where the HuggingFace hub shows them: .eval_results/<task>.yaml for
each scored task (the hub's format: the dataset as the hub names it, the task's main metric,
the date, and notes on precision, partial --limit runs and the glue-eval version), and
model-index.yaml, the model-index block (every metric) for the front matter of the model's
README.md, which is also printed. Tasks without a score (unlabelled splits) are left out.`,
  operands: true,
  flags: {
    out: { type: "path", arg: "<dir>", shown: "the results folder", help: "where to write them" },
    push: {
      type: "string",
      arg: "<org/name>",
      help: "also open a pull request on that model repository with the .eval_results files and its README.md with the model-index (never a commit to main); the token as for downloads (HF_TOKEN, else the token file of huggingface-cli login), the endpoint HF_ENDPOINT",
    },
  },
});

const REPO_ID = /^[\w.-]+\/[\w.-]+$/;

export async function main(argv: string[]): Promise<number> {
  const parsed = parseCommand(COMMAND, argv);
  if (parsed === null) return printHelp(COMMAND);
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError("card: give one model's results folder (e.g. results/<model>)");
  if (values.push !== undefined && !REPO_ID.test(values.push)) throw new UsageError(`--push must be a model repository id, org/name; got "${values.push}"`);
  const dir = positionals[0] as string;
  // Everything that can refuse (the results, the token) is checked before the first file is written.
  const hub = values.push === undefined ? null : await hubSettings();
  if (hub?.offline === true) throw new UsageError("--push needs the hub, but HF_HUB_OFFLINE is set");
  if (hub !== null && hub.token === null) throw new UsageError("--push needs a hub token with write access: set HF_TOKEN or run huggingface-cli login");
  const run = await loadSingleRun(dir, "card");
  const results = [...run.tasks.values()];
  const model = results[0]?.result.model;
  const card = buildCard(results, values.push ?? model?.hub?.repo ?? run.name);
  const out = values.out ?? run.dir;
  await mkdir(join(out, ".eval_results"), { recursive: true });
  const written: string[] = [];
  for (const { task, entries } of card.evalResults) {
    const path = join(out, evalResultsPath(task));
    await writeFileAtomic(path, evalResultsYaml(entries));
    written.push(path);
  }
  const block = modelIndexYaml(card.modelIndex);
  await writeFileAtomic(join(out, "model-index.yaml"), block);
  written.push(join(out, "model-index.yaml"));
  for (const skipped of card.skipped) process.stderr.write(`glue-eval: warning: left out ${skipped}\n`);
  process.stderr.write(`wrote ${written.join(", ")}\n`);
  process.stdout.write(block);
  if (hub === null || values.push === undefined) return 0;
  const pushed = await pushCard({ repo: values.push, endpoint: hub.endpoint, token: hub.token as string }, card, GLUE_EVAL_VERSION);
  if (pushed.pullRequestUrl === null) throw new GlueEvalError("NETWORK", `${values.push}: ${hub.endpoint} accepted the files but named no pull request`);
  process.stderr.write(`opened ${pushed.pullRequestUrl} (${pushed.files.join(", ")})\n`);
  return 0;
}
