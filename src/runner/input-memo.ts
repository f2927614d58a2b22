/**
 * The run's InputMemo (tasks/interface.ts). A run of one model row computes every input once
 * anyway, so it keeps nothing; a run of several rows keeps each task's tokenized inputs for
 * the rows after it, at the cost of holding them until the run ends.
 */
import type { InputMemo } from "../tasks/interface.js";

export const keepNothing: InputMemo = { get: (_key, compute) => compute() };

export function keepForTheRun(): InputMemo {
  const kept = new Map<string, Promise<unknown>>();
  return {
    get<T>(keyOf: () => string, compute: () => Promise<T>): Promise<T> {
      const key = keyOf();
      const known = kept.get(key) as Promise<T> | undefined;
      if (known !== undefined) return known;
      const value = compute();
      kept.set(key, value);
      // A failure is not kept: the run stops on it, and an API caller may retry.
      value.catch(() => kept.delete(key));
      return value;
    },
  };
}
