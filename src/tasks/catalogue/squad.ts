/** The SQuAD tasks: the v1.1 and 2.0 dev sets, run_qa.py preprocessing and the official scoring. */
import type { TaskFacts } from "./types.js";

export interface SquadTaskDefinition extends TaskFacts {
  readonly name: "squad" | "squad_v2";
  readonly kind: "qa";
  /** File inside `<data-dir>/squad/`. */
  readonly file: string;
  /** SQuAD 2.0: unanswerable questions, the null answer and the no-answer metrics. */
  readonly version2: boolean;
}

/** run_qa.py's max_seq_length; start and end logits, one value per token. */
const SQUAD_DEFAULTS = {
  kind: "qa",
  maxSeqLength: 384,
  outputs: [
    { name: "start_logits", per: "token" },
    { name: "end_logits", per: "token" },
  ],
  primary: "f1",
  submission: null,
} as const satisfies Partial<SquadTaskDefinition>;

export const squad = {
  ...SQUAD_DEFAULTS,
  name: "squad",
  title: "SQuAD 1.1",
  paper: { column: "squad", metrics: ["f1", "exact_match"] },
  file: "dev-v1.1.json",
  version2: false,
} satisfies SquadTaskDefinition;

export const squadV2 = {
  ...SQUAD_DEFAULTS,
  name: "squad_v2",
  title: "SQuAD 2.0",
  paper: { column: "squad_v2", metrics: ["f1", "exact"] },
  file: "dev-v2.0.json",
  version2: true,
} satisfies SquadTaskDefinition;
