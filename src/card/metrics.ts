/**
 * glue-eval's metric keys (HF evaluate's `glue`, `squad` and `squad_v2` names) as the hub's
 * model-index names them: `type` is a metric id on the hub, `name` what the model page shows.
 * Counts (`total`, `HasAns_total`) are not scores, and SQuAD 2.0's `best_*` pick their
 * no-answer threshold on the dev set itself, so none of them go into a card.
 */

export interface CardMetric {
  type: string;
  name: string;
}

const METRICS: Readonly<Record<string, CardMetric>> = {
  accuracy: { type: "accuracy", name: "Accuracy" },
  f1: { type: "f1", name: "F1" },
  matthews_correlation: { type: "matthews_correlation", name: "Matthews Correlation" },
  pearson: { type: "pearsonr", name: "Pearson Correlation" },
  spearmanr: { type: "spearmanr", name: "Spearman Correlation" },
  exact_match: { type: "exact_match", name: "Exact Match" },
  exact: { type: "exact_match", name: "Exact Match" },
  HasAns_exact: { type: "exact_match", name: "Exact Match (answerable questions)" },
  HasAns_f1: { type: "f1", name: "F1 (answerable questions)" },
  NoAns_exact: { type: "exact_match", name: "Exact Match (unanswerable questions)" },
  NoAns_f1: { type: "f1", name: "F1 (unanswerable questions)" },
};

/** The hub's names for a metric key; undefined for keys a card leaves out. */
export function cardMetric(key: string, tunedOnEval: readonly string[]): CardMetric | undefined {
  return tunedOnEval.includes(key) ? undefined : METRICS[key];
}
