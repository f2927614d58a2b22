import { ax } from "./ax.js";
import { cola } from "./cola.js";
import type { GlueTaskDefinition } from "./definition.js";
import { mnli, mnliMismatched } from "./mnli.js";
import { mrpc } from "./mrpc.js";
import { qnli } from "./qnli.js";
import { qqp } from "./qqp.js";
import { rte } from "./rte.js";
import { sst2 } from "./sst2.js";
import { stsb } from "./stsb.js";
import { wnli } from "./wnli.js";

/** Every GLUE definition, in the order of the registry. */
export const glueDefinitions: readonly GlueTaskDefinition[] = [cola, sst2, mrpc, stsb, qqp, mnli, mnliMismatched, qnli, rte, wnli, ax];
