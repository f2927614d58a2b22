/**
 * Progress on stderr. On a terminal, bars redrawn in place: one per transfer (bytes) and one per
 * task's inference (examples, with the rate and the time left). Elsewhere (a log file, a pipe, a
 * Slurm or Kubernetes log) transfers are silent and a task's inference is a plain line at most
 * every 10% of its examples or 30 s, so logs get no carriage-return noise and still show how far
 * a long run is.
 */
import { terminalText } from "./escape-terminal.js";

export interface Progress {
  /** The amount done so far: bytes or examples. */
  update(done: number): void;
  /** Draws the last state and ends the line. */
  end(): void;
}

export type ProgressFactory = (label: string, total: number | null) => Progress;

export const noProgress: ProgressFactory = () => ({ update() {}, end() {} });

/** Milliseconds from any fixed origin; the drawers take one so that their tests need no real time. */
export type Clock = () => number;

const monotonic: Clock = () => performance.now();

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

/** `label` may come from a server (a hub's file names): shown escaped. */
export function renderProgress(raw: string, done: number, total: number | null): string {
  const label = terminalText(raw);
  const mb = (n: number) => (n / MiB).toFixed(1);
  if (total === null || total <= 0) return `${label} ${mb(done)} MB`;
  const fraction = Math.min(1, done / total);
  return `${label} ${bar(fraction)} ${Math.floor(fraction * 100)
    .toString()
    .padStart(3)}% ${mb(done)}/${mb(total)} MB`;
}

/**
 * A task's inference: a bar on a terminal, lines elsewhere (logLines); `enabled` is false for
 * --no-progress.
 */
export function exampleProgress(raw: string, total: number, enabled: boolean, stream: NodeJS.WriteStream = process.stderr, clock: Clock = monotonic): Progress {
  // The label names the model (a folder's name, --name): shown escaped.
  const label = terminalText(raw);
  if (!enabled) return noProgress(label, total);
  if (stream.isTTY !== true) return logLines(stream, label, total, clock);
  const started = clock();
  return inPlace(stream, (done) => renderExamples(label, done, total, (clock() - started) / 1000));
}

/** `label [bar] done/total rate/s ETA s`, the rate over the `seconds` since the bar started. */
export function renderExamples(label: string, done: number, total: number, seconds: number): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const eta = rate > 0 ? (total - done) / rate : 0;
  return `${label} ${bar(total > 0 ? done / total : 1)} ${done}/${total} ${rate.toFixed(0)}/s ETA ${eta.toFixed(0)}s`;
}

/** A log line per tenth of the examples: about ten lines for a task however long it takes. */
const LOG_STEPS = 10;
/** ...and one at least this often while examples are done, where a tenth takes longer (SQuAD on a CPU). */
const LOG_INTERVAL_MS = 30_000;

/**
 * A line when the examples done pass the next tenth, or when 30 s have gone by since the last
 * line and more are done; `end` writes the last state unless that line is out already.
 */
function logLines(stream: NodeJS.WriteStream, label: string, total: number, clock: Clock): Progress {
  const started = clock();
  let done = 0;
  let printed = 0;
  let printedAt = started;
  let step = 0;
  const write = (now: number): void => {
    stream.write(`glue-eval: ${renderExampleLine(label, done, total, (now - started) / 1000)}\n`);
    printed = done;
    printedAt = now;
    step = stepOf(done, total);
  };
  return {
    update(value) {
      done = value;
      const now = clock();
      if (done > printed && (stepOf(done, total) > step || now - printedAt >= LOG_INTERVAL_MS)) write(now);
    },
    end() {
      if (done !== printed) write(clock());
    },
  };
}

const stepOf = (done: number, total: number): number => (total > 0 ? Math.floor((done / total) * LOG_STEPS) : LOG_STEPS);

/**
 * `label: done/total (pct%) rate ex/s, ETA t` while the task runs, `..., done in t` at the end;
 * the rate is left out while no time has passed to measure it over.
 */
export function renderExampleLine(label: string, done: number, total: number, seconds: number): string {
  const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
  const head = `${label}: ${done}/${total} (${percent}%)`;
  if (!(seconds > 0) || done === 0) return head;
  const rate = done / seconds;
  const rest = done >= total ? `done in ${duration(seconds)}` : `ETA ${duration((total - done) / rate)}`;
  return `${head} ${rate < 10 ? rate.toFixed(1) : rate.toFixed(0)} ex/s, ${rest}`;
}

/** `0.3 s`, `42 s`, `4 min 12 s`, `2 h 05 min`. */
export function duration(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${whole % 60} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, "0")} min`;
}
