/**
 * Outputs that say little about a model: a classifier that gives (nearly) every example one
 * label, a SQuAD 2.0 model that answers "no answer" to (nearly) every question or to (nearly)
 * none. Its scores are then the share of that label or of unanswerable questions in the data;
 * exact, but not a measure of the model. These only warn: the scores stay as computed.
 */

/** "Nearly every": at least this share of the examples. */
export const DEGENERATE_SHARE = 0.99;
/** Fewer examples than this are too few to call one label degenerate (a good model may give 10 of 10 one label). */
export const DEGENERATE_MIN_EXAMPLES = 20;

const percent = (count: number, n: number): string => `${((100 * count) / n).toFixed(1)}%`;

/**
 * The warning when one predicted label covers at least 99% of the examples; null otherwise.
 * `predicted`: per example the label as GLUE writes it.
 */
export function oneLabelWarning(task: string, predicted: readonly string[], name: (label: string) => string = (l) => l): string | null {
  const n = predicted.length;
  if (n < DEGENERATE_MIN_EXAMPLES) return null;
  const counts = new Map<string, number>();
  for (const label of predicted) counts.set(label, (counts.get(label) ?? 0) + 1);
  const [label, count] = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  if (count < DEGENERATE_SHARE * n) return null;
  return `${task}: the model predicts one label, ${name(label)}, for ${count} of ${n} examples (${percent(count, n)}); its scores measure how often that label is right, not the model`;
}

/** SQuAD 2.0: the warning when at least 99% of the answers are "no answer", or at most 1%; null otherwise. */
export function noAnswerWarning(task: string, answers: readonly string[]): string | null {
  const n = answers.length;
  if (n < DEGENERATE_MIN_EXAMPLES) return null;
  const none = answers.filter((a) => a === "").length;
  if (none >= DEGENERATE_SHARE * n) {
    return `${task}: the model answers "no answer" to ${none} of ${n} questions (${percent(none, n)}), so it scores the unanswerable questions and nothing else; a higher --null-score-diff-threshold makes it answer more`;
  }
  if (n - none >= DEGENERATE_SHARE * n) {
    return `${task}: the model answers "no answer" to ${none} of ${n} questions (${percent(none, n)}), though SQuAD 2.0 has unanswerable ones; a lower --null-score-diff-threshold makes it abstain more`;
  }
  return null;
}
