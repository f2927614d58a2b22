/** The runnable tasks: each catalogue definition with the code that runs it and the code that joins its shards. */
import { catalogue, TASK_NAMES, type TaskDefinition, type TaskName } from "./catalogue/index.js";
import { glueTask } from "./glue/task.js";
import { merges } from "./join-shards.js";
import { squadTask } from "./squad/task.js";
import type { Task } from "./interface.js";

export const tasks: Readonly<Record<TaskName, Task>> = Object.fromEntries(
  TASK_NAMES.map((name) => {
    const def: TaskDefinition = catalogue[name];
    return [name, { ...(def.format === "tsv" ? glueTask(def) : squadTask(def)), merge: merges[name] }];
  }),
) as Record<TaskName, Task>;
