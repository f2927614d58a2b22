/**
 * Answer normalization of the official SQuAD evaluation scripts (evaluate-v1.1.py and
 * evaluate-v2.0.py, `normalize_answer`), with Python 3's string semantics:
 * lowercase, drop ASCII punctuation, remove the articles a/an/the as whole words,
 * collapse whitespace.
 *
 * Where JavaScript and Python 3 differ, this follows Python:
 * - `\b` in Python's `re` uses Unicode word characters (letters, digits, numeric
 *   characters, `_`; not combining marks), JavaScript's `\b` only ASCII ones, so the
 *   word boundary is spelled out with Unicode property lookarounds.
 * - `str.split()` splits on Python's Unicode whitespace (`str.isspace`), which includes
 *   U+001C..U+001F and U+0085 and excludes U+FEFF, unlike JavaScript's `\s`.
 */

/** Python's `string.punctuation`. */
export const PY_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/** Every character for which Python's `str.isspace()` is true. */
export const PY_WHITESPACE =
  "\t\n\u000b\f\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680" +
  "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" +
  "\u2028\u2029\u202f\u205f\u3000";

/** Every character of PY_PUNCTUATION (all ASCII, so one UTF-16 unit each). */
const PUNCTUATION = new RegExp(`[${PY_PUNCTUATION.replace(/[\\\]^-]/g, "\\$&")}]`, "g");
const WHITESPACE_CLASS = `[${PY_WHITESPACE}]`;
const WHITESPACE_RUNS = new RegExp(`${WHITESPACE_CLASS}+`, "u");
const LEADING_WHITESPACE = new RegExp(`^${WHITESPACE_CLASS}+`, "u");
// Python 3's `\w` for str patterns equals [\p{L}\p{N}_] (checked over all code points).
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/** Python's `s.split()` without arguments. */
export function pySplit(text: string): string[] {
  return text.split(WHITESPACE_RUNS).filter((part) => part !== "");
}

/** Python's `s.lstrip()` without arguments. */
export function pyLstrip(text: string): string {
  return text.replace(LEADING_WHITESPACE, "");
}

function removePunctuation(text: string): string {
  return text.replace(PUNCTUATION, "");
}

/**
 * `normalize_answer` of the official scripts.
 * @example normalizeAnswer("The  Denver Broncos!") === "denver broncos"
 * @example normalizeAnswer("an apple, a day") === "apple day"
 */
export function normalizeAnswer(text: string): string {
  const lowered = text.toLowerCase();
  const withoutArticles = removePunctuation(lowered).replace(ARTICLES, " ");
  return pySplit(withoutArticles).join(" ");
}

/** Multiset intersection size of two token lists (`sum((Counter(a) & Counter(b)).values())`). */
export function commonTokenCount(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const token of a) counts.set(token, (counts.get(token) ?? 0) + 1);
  let same = 0;
  for (const token of b) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      counts.set(token, left - 1);
      same += 1;
    }
  }
  return same;
}
