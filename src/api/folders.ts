/** Before any work: the data folder and its files are there, and the results folder can be written (when the run writes). */
import { accessSync, constants, existsSync, mkdirSync, statSync } from "node:fs";
import { DataError, GlueEvalError, ioReason } from "../errors.js";
import type { RunConfig } from "../runner/config.js";
import { catalogue } from "../tasks/catalogue/index.js";
import { downloadCommand, requireDataFiles } from "../tasks/data-files.js";

export function checkRunFolders(config: RunConfig): void {
  const dataDir = config.options.dataDir;
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new DataError({ file: dataDir }, `data directory not found (use --data-dir, or \`${downloadCommand(config.tasks, dataDir)}\` to fetch the datasets)`);
  }
  requireDataFiles(
    config.tasks.map((name) => catalogue[name]),
    dataDir,
    config.options.split,
  );
  if (config.write === false) return;
  const out = config.outputDir ?? "results";
  try {
    mkdirSync(out, { recursive: true });
    accessSync(out, constants.W_OK);
  } catch (error) {
    throw new GlueEvalError("IO", `${out}: output directory is not writable (${ioReason(error)})`, { cause: error });
  }
}
