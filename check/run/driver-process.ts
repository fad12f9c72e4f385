/**
 * A driver's process, kept under control: started without a shell where its command allows,
 * in a process group of its own, and killed as a group (the driver and anything it started)
 * on a timeout, a protocol error, its exit, a `quit` it ignores, and the checker's own exit.
 * Everything it writes is read as bytes with bounded buffers: one line of at most
 * {@link DRIVER_LIMITS}.lineBytes, and the tail of standard error. Every event is bound to the
 * process it came from: once a process is let go, nothing it does reaches the next one.
 *
 * @module
 */

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { BroadcastChannel, isMainThread } from 'node:worker_threads';
import { printable, shown } from './schema.js';

/** How much of a driver's output the checker keeps, whatever the driver writes. */
export const DRIVER_LIMITS = {
  /** The longest line a driver may print on standard output (4 MiB): longer is a protocol error. */
  lineBytes: 4 * 1024 * 1024,
  /** The last lines of standard error kept for a report. */
  stderrLines: 10,
  /** The most characters of one line of standard error kept; the rest is dropped. */
  stderrLineLength: 1000,
} as const;

/** What a driver said next: a line, or why no line will come. */
export type Received = { readonly line: string } | { readonly ended: string };

/**
 * A driver, as the connection speaks to it: one line out, one line back. A spawned process is
 * one; a test may give another (a transcript played back).
 */
export interface DriverChannel {
  /** Writes `line` and a newline to the driver, unless it has ended. */
  send(line: string): void;
  /** The driver's next line, or why there is none: it ended, or it said nothing within `timeoutMs` (then it is killed). */
  next(timeoutMs: number): Promise<Received>;
  /** A line the driver printed that nobody has read yet (a line nobody asked for). */
  readonly unread: string | undefined;
  /** Why the driver ended, once it has. */
  readonly ended: string | undefined;
  /** The last lines it wrote to standard error, for a report. */
  lastWords(): string;
  /** Kills it at once, and everything it started (the signal takes effect a moment later). */
  kill(): void;
  /** Settles once its process has exited (or could not start). */
  readonly exited: Promise<void>;
  /** Says `quit` and waits up to `graceMs` for it to exit; then kills whatever is left. */
  quit(graceMs: number): Promise<void>;
}

const live = new Set<DriverProcess>();
/** The process groups of drivers that worker threads started, as they report them to the main thread. */
const workerGroups = new Set<number>();
let hooked = false;
let groups: BroadcastChannel | undefined;

/**
 * Kills every driver process this checker started and has not let go yet, with everything
 * each started, at once (synchronously); in the main thread, those its worker threads started
 * too. The checker calls it when it exits, however it exits; a command line's interrupt handler
 * calls it too, before it exits.
 */
export function killAllDrivers(): void {
  for (const driver of [...live]) driver.kill();
  for (const pid of workerGroups) killGroup(pid);
  workerGroups.clear();
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

/**
 * Hooks the checker's exit, and the channel on which worker threads tell the main thread of
 * their drivers: a worker is stopped without its exit hook when the process ends.
 */
function watch(): BroadcastChannel {
  if (groups !== undefined) return groups;
  groups = new BroadcastChannel('toro-check: driver process groups');
  groups.unref();
  if (isMainThread) {
    groups.onmessage = (event) => {
      const { pid, running } = (event as { data: { pid: number; running: boolean } }).data;
      if (running) workerGroups.add(pid);
      else workerGroups.delete(pid);
    };
  }
  if (!hooked) {
    hooked = true;
    process.on('exit', killAllDrivers);
  }
  return groups;
}

// The main thread listens from the start: a worker's first driver may come before its own.
if (isMainThread) watch();

const SHELL_WORDS = new Set(['!', '{', '}', '.', 'case', 'cd', 'command', 'do', 'done', 'elif', 'else', 'esac', 'eval', 'exec', 'exit', 'export', 'fi', 'for', 'if', 'in', 'readonly', 'set', 'source', 'then', 'time', 'trap', 'ulimit', 'umask', 'unset', 'until', 'while']);

/**
 * The words of `command` as a POSIX shell would split them, when it is a simple command: words
 * separated by blanks, with quotes (`'...'`, `"..."`) and backslashes read as the shell reads
 * them. `undefined` when it uses anything else of the shell's language (variables, globs,
 * pipes, redirections, several commands, an assignment, a builtin), which only a shell can run.
 */
export function commandWords(command: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word = (word ?? '') + command.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let text = '';
      for (i++; i < command.length && command[i] !== '"'; i++) {
        const d = command[i] as string;
        if (d === '$' || d === '`') return undefined;
        if (d === '\\' && i + 1 < command.length && '"\\$`'.includes(command[i + 1] as string)) text += command[++i];
        else if (d === '\\' && command[i + 1] === '\n') return undefined;
        else text += d;
      }
      if (i >= command.length) return undefined;
      word = (word ?? '') + text;
    } else if (c === '\\') {
      const next = command[i + 1];
      if (next === undefined || next === '\n') return undefined;
      word = (word ?? '') + next;
      i++;
    } else if (/[\n|&;<>()$`*?[\]#~={}!]/.test(c)) {
      // An `=` past the first word is an argument (`--seed=1`); in the first, an assignment.
      if (c === '=' && words.length > 0) word = (word ?? '') + c;
      else return undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  const first = words[0];
  if (first === undefined || SHELL_WORDS.has(first)) return undefined;
  return words;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A driver started as a process of its own. */
export class DriverProcess implements DriverChannel {
  readonly #child: ChildProcessWithoutNullStreams;
  /** The bytes of the line being read, and how many. */
  #partial: Buffer[] = [];
  #partialBytes = 0;
  #unread: string | undefined;
  #waiter: ((received: Received) => void) | undefined;
  #ended: string | undefined;
  #exited = false;
  #released = false;
  readonly #stderr: string[] = [];
  #stderrLine = '';
  readonly #stderrDecoder = new StringDecoder('utf8');
  readonly #exit: Promise<void>;
  #finalWords = 'closed its output';

  /**
   * Starts `command`: the words of a simple command without a shell (see {@link commandWords}),
   * anything else with `/bin/sh`; a list of words as they are.
   */
  constructor(command: string | readonly string[]) {
    const group = process.platform !== 'win32';
    const words = typeof command === 'string' ? (group ? commandWords(command) : undefined) : command;
    const options = { detached: group, stdio: 'pipe', windowsHide: true } as const;
    this.#child = words === undefined ? spawn(command as string, { ...options, shell: true }) : spawn(words[0] as string, words.slice(1), options);
    const channel = watch();
    const pid = this.#child.pid;
    if (pid !== undefined) {
      live.add(this);
      if (!isMainThread && group) channel.postMessage({ pid, running: true });
    }
    const child = this.#child;
    this.#exit = new Promise((resolve) => child.once('exit', () => resolve()).once('error', () => resolve()));
    child.stdout.on('data', (chunk: Buffer) => this.#stdout(chunk));
    child.stderr.on('data', (chunk: Buffer) => this.#stderrData(chunk));
    child.stdin.on('error', () => undefined);
    child.stdout.on('error', () => undefined);
    child.stderr.on('error', () => undefined);
    child.once('error', (error) => {
      this.#end(`could not be started: ${error.message}`);
      this.#release();
    });
    child.once('exit', (code, signal) => {
      this.#exited = true;
      // Whatever it started dies with it; its last line is still in the pipe.
      this.#signalGroup();
      this.#finalWords = signal === null ? `exited with status ${String(code)}` : `was killed by ${signal}`;
      // Its last lines are read once its pipes close; a process that outlives it outside its
      // group may hold them open: that is waited for a moment only.
      const timer = setTimeout(() => this.#closed(), 200);
      timer.unref();
      child.once('close', () => {
        clearTimeout(timer);
        this.#closed();
      });
    });
  }

  #closed(): void {
    this.#end(this.#finalWords);
    this.#release();
  }

  get exited(): Promise<void> {
    return this.#exit;
  }

  get unread(): string | undefined {
    return this.#unread;
  }

  get ended(): string | undefined {
    return this.#ended;
  }

  send(line: string): void {
    if (this.#ended === undefined && this.#child.stdin.writable) this.#child.stdin.write(`${line}\n`);
  }

  next(timeoutMs: number): Promise<Received> {
    const line = this.#unread;
    if (line !== undefined) {
      this.#unread = undefined;
      return Promise.resolve({ line });
    }
    if (this.#ended !== undefined) return Promise.resolve({ ended: this.#ended });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#end(`did not answer within ${timeoutMs} ms`);
        this.kill();
      }, timeoutMs);
      this.#waiter = (received) => {
        clearTimeout(timer);
        resolve(received);
      };
    });
  }

  lastWords(): string {
    const partial = this.#stderrLine === '' ? [] : [this.#stderrLine];
    return [...this.#stderr, ...partial].slice(-DRIVER_LIMITS.stderrLines).map(printable).join('\n');
  }

  kill(): void {
    this.#end('was killed');
    this.#signalGroup();
    this.#release();
  }

  async quit(graceMs: number): Promise<void> {
    if (!this.#exited && this.#ended === undefined) {
      this.send(JSON.stringify({ type: 'quit' }));
      this.#child.stdin.end();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.#exit, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    }
    this.#end('was told to quit');
    this.#signalGroup();
    this.#release();
  }

  /** SIGKILL to its whole group (the driver, and whatever it started that stayed in it). */
  #signalGroup(): void {
    const pid = this.#child.pid;
    if (pid === undefined || this.#released) return;
    if (process.platform === 'win32') this.#child.kill('SIGKILL');
    else killGroup(pid);
  }

  /** Stops listening: nothing it writes or does from now on reaches anyone. */
  #release(): void {
    if (this.#released) return;
    this.#released = true;
    live.delete(this);
    if (!isMainThread && this.#child.pid !== undefined) watch().postMessage({ pid: this.#child.pid, running: false });
    this.#child.stdout.removeAllListeners('data');
    this.#child.stderr.removeAllListeners('data');
    this.#child.stdin.destroy();
    this.#child.stdout.destroy();
    this.#child.stderr.destroy();
    this.#child.unref();
  }

  /** No line will come: `why`. The first reason stands; a waiting reader learns it now. */
  #end(why: string): void {
    if (this.#ended !== undefined) return;
    this.#ended = why;
    this.#partial = [];
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.({ ended: why });
  }

  #stdout(chunk: Buffer): void {
    let start = 0;
    while (this.#ended === undefined && start < chunk.length) {
      const newline = chunk.indexOf(10, start);
      const end = newline < 0 ? chunk.length : newline;
      if (this.#partialBytes + (end - start) > DRIVER_LIMITS.lineBytes) {
        this.#end(`printed a line longer than ${DRIVER_LIMITS.lineBytes / 1024 / 1024} MiB`);
        this.kill();
        return;
      }
      this.#partial.push(chunk.subarray(start, end));
      this.#partialBytes += end - start;
      if (newline < 0) return;
      const bytes = Buffer.concat(this.#partial);
      this.#partial = [];
      this.#partialBytes = 0;
      start = newline + 1;
      let line: string;
      try {
        line = decoder.decode(bytes).replace(/\r$/, '');
      } catch {
        this.#end(`printed a line that is not UTF-8`);
        this.kill();
        return;
      }
      this.#line(line);
    }
  }

  #line(line: string): void {
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      waiter({ line });
    } else if (this.#unread === undefined) {
      this.#unread = line;
    } else {
      this.#end(`printed lines nobody asked for: ${shown(this.#unread, 200)}, then more`);
      this.kill();
    }
  }

  #stderrData(chunk: Buffer): void {
    // Kept as text per line, each cut at its limit: a flood without a newline costs one line.
    let text = this.#stderrDecoder.write(chunk);
    while (text.length > 0) {
      const newline = text.indexOf('\n');
      const piece = newline < 0 ? text : text.slice(0, newline);
      if (this.#stderrLine.length < DRIVER_LIMITS.stderrLineLength) this.#stderrLine += piece.slice(0, DRIVER_LIMITS.stderrLineLength - this.#stderrLine.length);
      else if (!this.#stderrLine.endsWith('…')) this.#stderrLine += '…';
      if (newline < 0) return;
      this.#stderr.push(this.#stderrLine);
      if (this.#stderr.length > DRIVER_LIMITS.stderrLines) this.#stderr.shift();
      this.#stderrLine = '';
      text = text.slice(newline + 1);
    }
  }
}
