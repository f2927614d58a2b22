/** Progress on stderr with rate and ETA; silent when stderr is not a terminal. */
import { terminalText } from "../util/escape-terminal.js";

export interface Progress {
  advance(done: number): void;
  finish(): void;
}

/** `label` names the model (a folder's name, --name): shown escaped. */
export function createProgress(raw: string, total: number, enabled = process.stderr.isTTY === true): Progress {
  const label = terminalText(raw);
  const started = performance.now();
  let last = 0;
  let done = 0;
  const draw = (final: boolean): void => {
    const now = performance.now();
    if (!final && now - last < 200) return;
    last = now;
    const seconds = (now - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? (total - done) / rate : 0;
    const width = 24;
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    const bar = `${"=".repeat(filled)}${" ".repeat(width - filled)}`;
    process.stderr.write(`\r${label} [${bar}] ${done}/${total} ${rate.toFixed(0)}/s ETA ${eta.toFixed(0)}s${final ? "\n" : ""}`);
  };
  return {
    advance(n) {
      done = n;
      if (enabled) draw(false);
    },
    finish() {
      if (enabled) draw(true);
    },
  };
}
