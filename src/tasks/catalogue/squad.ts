/** The SQuAD tasks: the v1.1 and 2.0 dev sets, run_qa.py preprocessing and the official scoring. */
import { plainFile, SQUAD_URL, singleFile } from "./sources.js";
import type { TaskFacts } from "./types.js";

export interface SquadTaskDefinition extends TaskFacts {
  readonly name: "squad" | "squad_v2";
  readonly kind: "qa";
  readonly format: "squad";
  /** File inside `<data-dir>/squad/`. */
  readonly file: string;
  /** SQuAD 2.0: unanswerable questions, the null answer and the no-answer metrics. */
  readonly version2: boolean;
}

/** run_qa.py's max_seq_length; start and end logits, one value per token. */
const SQUAD_DEFAULTS = {
  kind: "qa",
  format: "squad",
  benchmark: "squad",
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
  aliases: ["squad_v1", "squad_v1.1", "squad1"],
  paper: { column: "squad", metrics: ["f1", "exact_match"] },
  file: "dev-v1.1.json",
  data: singleFile(
    "squad",
    plainFile(SQUAD_URL, "squad", "dev-v1.1.json", "squad/dev-v1.1.json", "95aa6a52d5d6a735563366753ca50492a658031da74f301ac5238b03966972c9", 4854279),
  ),
  version2: false,
} satisfies SquadTaskDefinition;

export const squadV2 = {
  ...SQUAD_DEFAULTS,
  name: "squad_v2",
  title: "SQuAD 2.0",
  aliases: ["squad2", "squad_v2.0"],
  paper: { column: "squad_v2", metrics: ["f1", "exact"] },
  file: "dev-v2.0.json",
  data: singleFile(
    "squad_v2",
    plainFile(SQUAD_URL, "squad", "dev-v2.0.json", "squad/dev-v2.0.json", "80a5225e94905956a6446d296ca1093975c4d3b3260f1d6c8f68bc2ab77182d8", 4370528),
  ),
  version2: true,
} satisfies SquadTaskDefinition;
