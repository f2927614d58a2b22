/**
 * Progress bars on a terminal, redrawn in place: one per transfer (bytes) and one per task's
 * inference (examples, with the rate and the time left). Both are off when the stream is not
 * a terminal, so logs and pipes get no carriage-return noise.
 */
export interface Progress {
  /** The amount done so far: bytes or examples. */
  update(done: number): void;
  /** Draws the last state and ends the line. */
  end(): void;
}

export type ProgressFactory = (label: string, total: number | null) => Progress;

export const noProgress: ProgressFactory = () => ({ update() {}, end() {} });

const MiB = 1024 * 1024;
const WIDTH = 24;
const INTERVAL_MS = 100;

/** A line drawn by `render` over the previous one, at most every INTERVAL_MS (and always at the end). */
function inPlace(stream: NodeJS.WriteStream, render: (done: number) => string): Progress {
  let last = 0;
  let done = 0;
  const draw = () => stream.write(`\r${render(done)}\u001b[K`);
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
}

function bar(fraction: number): string {
  const filled = Math.round(Math.min(1, fraction) * WIDTH);
  return `[${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}]`;
}

/** A transfer's bar; also off for files under `minBytes`. */
export function ttyProgress(stream: NodeJS.WriteStream = process.stderr, minBytes = MiB): ProgressFactory {
  return (label, total) => {
    if (stream.isTTY !== true || (total !== null && total < minBytes)) return noProgress(label, total);
    return inPlace(stream, (done) => renderProgress(label, done, total));
  };
}

export function renderProgress(label: string, done: number, total: number | null): string {
  const mb = (n: number) => (n / MiB).toFixed(1);
  if (total === null || total <= 0) return `${label} ${mb(done)} MB`;
  const fraction = Math.min(1, done / total);
  return `${label} ${bar(fraction)} ${Math.floor(fraction * 100)
    .toString()
    .padStart(3)}% ${mb(done)}/${mb(total)} MB`;
}

/** A task's inference bar: `enabled` is false for --no-progress, --json and a stderr that is not a terminal. */
export function exampleProgress(label: string, total: number, enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled) return noProgress(label, total);
  const started = performance.now();
  return inPlace(stream, (done) => renderExamples(label, done, total, (performance.now() - started) / 1000));
}

/** `label [bar] done/total rate/s ETA s`, the rate over the `seconds` since the bar started. */
export function renderExamples(label: string, done: number, total: number, seconds: number): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const eta = rate > 0 ? (total - done) / rate : 0;
  return `${label} ${bar(total > 0 ? done / total : 1)} ${done}/${total} ${rate.toFixed(0)}/s ETA ${eta.toFixed(0)}s`;
}
