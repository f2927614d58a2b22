import { terminalText } from "../util/escape-terminal.js";

/** A progress line for one transfer. */
export interface Progress {
  update(done: number): void;
  end(): void;
}

export type ProgressFactory = (label: string, total: number | null) => Progress;

export const noProgress: ProgressFactory = () => ({ update() {}, end() {} });

const MiB = 1024 * 1024;
const WIDTH = 24;
const INTERVAL_MS = 100;

/**
 * A bar redrawn in place on a terminal. Off when the stream is not a TTY (logs and pipes get
 * no carriage-return noise) and for files under `minBytes`.
 */
export function ttyProgress(stream: NodeJS.WriteStream = process.stderr, minBytes = MiB): ProgressFactory {
  return (label, total) => {
    if (stream.isTTY !== true || (total !== null && total < minBytes)) return noProgress(label, total);
    let last = 0;
    let done = 0;
    const draw = () => stream.write(`\r${renderProgress(label, done, total)}\u001b[K`);
    return {
      update(value) {
        done = value;
        const now = Date.now();
        if (now - last < INTERVAL_MS) return;
        last = now;
        draw();
      },
      end() {
        draw();
        stream.write("\n");
      },
    };
  };
}

/** `label` may come from a server (a hub's file names): shown escaped. */
export function renderProgress(raw: string, done: number, total: number | null): string {
  const label = terminalText(raw);
  const mb = (n: number) => (n / MiB).toFixed(1);
  if (total === null || total <= 0) return `${label} ${mb(done)} MB`;
  const fraction = Math.min(1, done / total);
  const filled = Math.round(fraction * WIDTH);
  const bar = `${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}`;
  return `${label} [${bar}] ${Math.floor(fraction * 100)
    .toString()
    .padStart(3)}% ${mb(done)}/${mb(total)} MB`;
}
