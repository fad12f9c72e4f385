/**
 * Progress a person can follow on a long run: on a terminal, one live line redrawn as programs
 * finish; otherwise (a CI log, a file), a plain line at least every ten seconds, even while one
 * program takes long. With workers, their counts are added up.
 *
 * The timer and the clock are the real ones, taken when this module loads: while a program
 * runs, the global timer functions and `performance.now()` are the virtual clock's.
 *
 * @module
 */

import { terminalSafe } from '../report/escape.js';

const realSetInterval = globalThis.setInterval;
const realClearInterval = globalThis.clearInterval;
const realNow = performance.now.bind(performance);

/** How often a plain line is printed where the output is not a terminal, in ms. A test sets `TORO_CHECK_PROGRESS_MS` to see lines sooner. */
function plainInterval(): number {
  const set = Number(process.env['TORO_CHECK_PROGRESS_MS']);
  return Number.isFinite(set) && set > 0 ? set : 10_000;
}

/** A duration for a person: `42 s`, `3 min 05 s`, `1 h 02 min`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** The progress of one row of the run: see the module comment. */
export class Progress {
  readonly #write: (text: string) => void;
  readonly #tty: boolean;
  #name = '';
  #total = 0;
  #done = 0;
  #started = 0;
  #lastPlain = 0;
  #drawn = '';
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Writes to `stream` (standard error), live when it is a terminal. */
  constructor(stream: { write(text: string): unknown; readonly isTTY?: boolean } = process.stderr) {
    this.#write = (text) => stream.write(text);
    this.#tty = stream.isTTY === true;
  }

  /** A new row: `total` programs of `name`. */
  start(name: string, total: number): void {
    this.#name = terminalSafe(name, true);
    this.#total = total;
    this.#done = 0;
    this.#started = realNow();
    this.#lastPlain = this.#started;
    this.#timer ??= realSetInterval(() => this.#tick(), this.#tty ? 200 : Math.min(1000, plainInterval()));
    this.#timer.unref();
  }

  /** Programs finished so far in this row. */
  update(done: number): void {
    this.#done = done;
  }

  /** The line as it reads now. */
  line(): string {
    const seconds = (realNow() - this.#started) / 1000;
    const rate = seconds > 0 ? this.#done / seconds : 0;
    const left = rate > 0 ? ` about ${duration((this.#total - this.#done) / rate)} left,` : '';
    return `${this.#name}: ${this.#done.toLocaleString('en-US')} of ${this.#total.toLocaleString('en-US')} programs, ${duration(seconds)},${left} ${Math.round(rate).toLocaleString('en-US')} programs/s`;
  }

  #tick(): void {
    if (this.#name === '') return;
    if (this.#tty) {
      const line = this.line();
      if (line !== this.#drawn) this.#write(`\r\x1b[K${line}`);
      this.#drawn = line;
    } else if (realNow() - this.#lastPlain >= plainInterval()) {
      this.#lastPlain = realNow();
      this.#write(`toro-check: ${this.line()}\n`);
    }
  }

  /** The row is done: the live line is cleared. */
  finish(): void {
    if (this.#tty && this.#drawn !== '') this.#write('\r\x1b[K');
    this.#drawn = '';
    this.#name = '';
  }

  /** No more rows: the timer stops. */
  stop(): void {
    this.finish();
    if (this.#timer !== undefined) realClearInterval(this.#timer);
    this.#timer = undefined;
  }
}
