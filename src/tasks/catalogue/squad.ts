/** The SQuAD tasks: v1.1 and 2.0 dev sets, run_qa.py preprocessing and the official scoring. */
import type { Task } from "../types.js";
import { squadTask } from "../squad/task.js";

export const squad = squadTask({
  name: "squad",
  description: "SQuAD v1.1 dev (EM / F1)",
  file: "dev-v1.1.json",
  version2: false,
}) satisfies Task;

export const squadV2 = squadTask({
  name: "squad_v2",
  description: "SQuAD 2.0 dev (EM / F1, no-answer aware)",
  file: "dev-v2.0.json",
  version2: true,
}) satisfies Task;
