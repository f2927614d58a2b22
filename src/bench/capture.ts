/**
 * The features a task feeds the model, obtained through the Task interface itself: the task
 * runs until it asks for inference, and the request is kept. So the raw path sees exactly the
 * inputs glue-eval builds (GLUE rows, SQuAD windows) without knowing how a task encodes them.
 */
import type { EvalContext, Feature, Task } from "../tasks/types.js";

export interface Captured {
  features: Feature[];
  outputs: string[];
  /** From the start of the task to its inference request (read + tokenize). */
  seconds: number;
}

class Stop extends Error {}

export async function captureFeatures(task: Task, ctx: Omit<EvalContext, "infer">): Promise<Captured> {
  const box: { value?: Captured } = {};
  const started = performance.now();
  try {
    await task.evaluate({
      ...ctx,
      infer: (features, outputs) => {
        box.value = { features: [...features], outputs: [...outputs], seconds: (performance.now() - started) / 1000 };
        return Promise.reject(new Stop());
      },
    });
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  }
  if (box.value === undefined) throw new Error(`${task.name} finished without asking for inference`);
  return box.value;
}
