/** What the SQuAD scorers need of a gold question: its id and gold answer texts. */
export interface GoldQuestion {
  id: string;
  /** Gold answer texts; empty for an unanswerable SQuAD 2.0 question. */
  answers: readonly string[];
}

/** One question's official scores: exact 0/1, f1 0..1. */
export interface QuestionScore {
  exact: number;
  f1: number;
  hasAnswer: boolean;
}
