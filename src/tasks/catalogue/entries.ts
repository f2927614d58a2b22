/**
 * The catalogue's entries, in the order the commands list them: adding a task is its file
 * beside this one and a line here. Everything else (names, aliases, groups, help, downloads,
 * the report's columns, the leaderboard archive) derives from these objects (index.ts).
 */
import { ax } from "./ax.js";
import { cola } from "./cola.js";
import type { GlueTaskDefinition } from "./glue.js";
import { mnli, mnliMismatched } from "./mnli.js";
import { mrpc } from "./mrpc.js";
import { qnli } from "./qnli.js";
import { qqp } from "./qqp.js";
import { rte } from "./rte.js";
import { type SquadTaskDefinition, squad, squadV2 } from "./squad.js";
import { sst2 } from "./sst2.js";
import { stsb } from "./stsb.js";
import { wnli } from "./wnli.js";

export type TaskDefinition = GlueTaskDefinition | SquadTaskDefinition;

export const catalogue = {
  cola,
  sst2,
  mrpc,
  stsb,
  qqp,
  mnli,
  "mnli-mm": mnliMismatched,
  qnli,
  rte,
  wnli,
  ax,
  squad,
  squad_v2: squadV2,
} satisfies Record<string, TaskDefinition>;
