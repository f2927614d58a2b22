/** How the report names a task's labels: GLUE writes SST-2's as 0/1, a reader wants "negative (0)". */
import { taskDefinition } from "../tasks/catalogue/index.js";

export function labelName(task: string, value: string): string {
  const def = taskDefinition(task);
  const label = def !== undefined && def.kind !== "qa" ? def.labels?.find((l) => l.value === value) : undefined;
  return label === undefined || label.name === value ? value : `${label.name} (${value})`;
}
