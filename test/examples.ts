import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The demo set inside the repository (examples/): tiny SST-2 model, SST-2 and MRPC dev, its reference run. */
export const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), "..", "examples");
export const examplePath = (...parts: string[]): string => join(EXAMPLES, ...parts);
export const EXAMPLE_MODEL = examplePath("models", "bert-tiny-sst2");
export const EXAMPLE_DATA = examplePath("data");
export const EXAMPLE_REF = examplePath("refs", "bert-tiny-sst2.json");
