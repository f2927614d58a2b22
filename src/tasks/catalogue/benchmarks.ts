/** The benchmarks a task can belong to, and the group name that stands for each one's tasks. */
export const BENCHMARKS = {
  /** The GLUE tasks with a labelled dev set: AX, whose labels are not public, is run by name. */
  glue: { title: "GLUE", group: "glue" },
  /** "squad" alone is the SQuAD 1.1 task, as in the official scripts and HF datasets. */
  squad: { title: "SQuAD", group: "squad-all" },
} as const satisfies Record<string, { readonly title: string; readonly group: string }>;

export type Benchmark = keyof typeof BENCHMARKS;
