/**
 * Drivers: checking a port in any language. A driver is a program that runs the port and
 * speaks the protocol on its standard input and output, one JSON object per line, in lockstep
 * with the checker (see `conformance/PROTOCOL.md`):
 *
 * 1. The driver starts by saying `hello`: its name, the protocol version, and for each
 *    primitive it has, the calls, options, observers and parameters it supports and the contract
 *    choices it declares.
 * 2. For each program the checker sends `start` (the primitive and its parameters), then one
 *    `tick` message per tick (the tick's actions, in the models' vocabulary); the driver answers
 *    each with what happened (`started`, `ticked`). Time belongs to the driver: `advance`
 *    actions tell it how much virtual time passes.
 * 3. After a divergence, a driver whose hello offers reproductions is sent `reproduce`, and
 *    answers with a reproduction's files.
 * 4. The checker sends `quit` at the end.
 *
 * Every answer is validated (`answers.ts`) before it is compared: a driver that exits, does not
 * answer within the per-message timeout, or says anything the protocol or its own hello does
 * not allow is reported as such (rule `driver`), at the tick where it happened, with the program
 * that caused it; it is killed with everything it started, and started again for the next
 * program (`driver-process.ts`).
 *
 * @module
 */

import type { Divergence } from '../compare/compare.js';
import type { CompareChoices } from '../compare/compare.js';
import { PRIORITIES, type Capabilities } from '../generate/generate.js';
import type { ModelChoices } from '../program/families/index.js';
import { ModelSession } from '../program/model-session.js';
import { UsageError } from '../program/errors.js';
import { isCall, num, type Action, type Num, type Observation, type PrimitiveName, type Program, type TickTrace } from '../program/program.js';
import { helloProblem, modelObservers, observationProblem, readMessage, tickedProblem, type DeclaredObservers, type DriverMessageType } from './answers.js';
import { DriverProcess, type DriverChannel } from './driver-process.js';
import { lockstep, type RunOutcome } from './run.js';
import { canonical, shown } from './schema.js';
import { ReproductionError, type Reproduction, type Target } from './target.js';

export { commandWords, DRIVER_LIMITS, killAllDrivers, type DriverChannel, type Received } from './driver-process.js';

/** The protocol version this checker speaks. */
export const PROTOCOL_VERSION = 1;

/** What a driver declares for one primitive in its `hello`. */
export interface DriverPrimitive {
  /** The calls it has, by the models' names. */
  readonly calls: readonly string[];
  /** Whether a releaser's `release` exists (calls with `on`). @defaultValue false */
  readonly handleRelease?: boolean;
  /** Its synchronous observers, by the models' names: every answer reports each, and no other. */
  readonly observers?: readonly string[];
  /** Which options waiting calls take. @defaultValue both */
  readonly options?: { readonly timeout?: boolean; readonly signal?: boolean };
  /** The values each constructor parameter may take (`"Infinity"` for a number JSON cannot carry). */
  readonly params?: Readonly<Record<string, readonly Num[]>>;
  /** Whether calls may get bad arguments. @defaultValue true */
  readonly badInput?: boolean;
  /**
   * The calls that take a priority (`acquire`, `get`, `put`), for a port that serves waiters by
   * priority, and the priorities programs give (larger is served first; a call without one has
   * 0). @defaultValue none: every waiter is served in arrival order
   */
  readonly priority?: { readonly calls: readonly string[]; readonly values?: readonly number[] };
  /** Its declared contract choices. */
  readonly choices?: ModelChoices & CompareChoices;
}

/** A driver's first message. */
export interface Hello {
  readonly type: 'hello';
  readonly protocol: number;
  readonly name: string;
  readonly primitives: Readonly<Partial<Record<PrimitiveName, DriverPrimitive>>>;
  /** Whether it answers `reproduce` with a reproduction in the port's own language. @defaultValue false */
  readonly reproduce?: boolean;
}

/** The driver broke the protocol: it exited, hung, or said something else. */
export class DriverError extends Error {
  /** What happened, in one line. */
  readonly summary: string;
  /** The last lines the driver wrote to standard error ('' for none). */
  readonly lastWords: string;

  constructor(summary: string, lastWords = '') {
    super(lastWords === '' ? summary : `${summary}; its last words:\n${lastWords}`);
    this.summary = summary;
    this.lastWords = lastWords;
  }

  override get name(): string {
    return 'DriverError';
  }
}

/** One driver, spoken to one message at a time, started again after it fails. */
class Connection {
  readonly #open: () => DriverChannel;
  readonly #timeoutMs: number;
  readonly #startMs: number;
  readonly #graceMs: number;
  #channel: DriverChannel | undefined;
  /** The first hello, as canonical JSON: a driver started again must say the same. */
  #hello: string | undefined;

  constructor(open: () => DriverChannel, timeoutMs: number, options: DriverOptions) {
    this.#open = open;
    this.#timeoutMs = timeoutMs;
    this.#startMs = options.startTimeoutMs ?? Math.max(timeoutMs, 10_000);
    this.#graceMs = options.quitGraceMs ?? Math.min(timeoutMs, 2000);
  }

  /** Starts the driver and reads its hello, validated against the schema only. */
  async start(): Promise<Readonly<Record<string, unknown>>> {
    const channel = this.#open();
    this.#channel = channel;
    const hello = await this.#read(channel, 'hello');
    this.#hello = canonical(hello);
    return hello;
  }

  /** A driver that has not failed, started again (and its hello read) if it had. */
  async #ready(): Promise<DriverChannel> {
    if (this.#channel !== undefined && this.#channel.ended === undefined) return this.#channel;
    this.#channel?.kill();
    const channel = this.#open();
    this.#channel = channel;
    const hello = await this.#read(channel, 'hello');
    if (canonical(hello) !== this.#hello) throw this.broken(`the driver said another hello when it was started again: ${shown(hello, 200)}`);
    return channel;
  }

  /** Kills the driver and says why, with its last words. */
  broken(summary: string): DriverError {
    const channel = this.#channel;
    const lastWords = channel?.lastWords() ?? '';
    channel?.kill();
    return new DriverError(summary, lastWords);
  }

  /** The driver's next line, read as the message `due`; the driver's `error` message too, when `error` allows it. */
  async #read(channel: DriverChannel, due: DriverMessageType, error = false): Promise<Readonly<Record<string, unknown>>> {
    const received = await channel.next(due === 'hello' ? this.#startMs : this.#timeoutMs);
    if ('ended' in received) throw this.broken(`the driver ${received.ended}${due === 'hello' ? ' before it said hello' : ''}`);
    const reading = readMessage(received.line, due);
    if ('problem' in reading) throw this.broken(`the driver ${reading.problem}`);
    if ('refused' in reading) throw new ReproductionError(`the driver's reproduction was refused: ${reading.refused}`);
    if ('error' in reading) {
      if (error) return { type: 'error', message: reading.error };
      throw this.broken(`the driver answered an error where ${due} was due: ${reading.error}`);
    }
    return reading.message;
  }

  /** Sends `message` and reads the answer `due` (or, when `error` allows it, the driver's error). */
  async request(message: object, due: DriverMessageType, error = false): Promise<Readonly<Record<string, unknown>>> {
    const channel = await this.#ready();
    if (channel.unread !== undefined) throw this.broken(`the driver said ${shown(channel.unread, 200)} unprompted`);
    channel.send(JSON.stringify(message));
    const answer = await this.#read(channel, due, error);
    // A second line that came with the answer is caught at its own tick; a later one, at the next.
    if (channel.unread !== undefined) throw this.broken(`the driver said more than one line in answer: ${shown(channel.unread, 200)}`);
    return answer;
  }

  /** A reproduction of `outcome`'s divergence, in the port's language; a {@link ReproductionError} says why not. */
  async reproduce(primitive: PrimitiveName, program: Program, outcome: RunOutcome & { readonly divergence: Divergence }): Promise<Reproduction> {
    let answer: Readonly<Record<string, unknown>>;
    try {
      answer = await this.request({ type: 'reproduce', primitive, program, expected: outcome.expected, divergence: outcome.divergence }, 'reproduction', true);
    } catch (error) {
      if (error instanceof DriverError) throw new ReproductionError(`the driver wrote no reproduction: ${error.summary.replace(/^the driver /, 'it ')}`);
      throw error;
    }
    if (answer['type'] === 'error') throw new ReproductionError(`the driver wrote no reproduction: it answered an error: ${String(answer['message'])}`);
    return { language: answer['language'] as string, files: answer['files'] as Record<string, string>, run: answer['run'] as string };
  }

  /** Kills the driver, and settles once it has exited (or a moment has passed: a kill takes effect at once). */
  async stop(): Promise<void> {
    const channel = this.#channel;
    if (channel === undefined) return;
    channel.kill();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([channel.exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000)))]);
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    await this.#channel?.quit(this.#graceMs);
    await this.stop();
  }
}

/**
 * A divergence for a driver that broke the protocol in tick `tick` (0: at the start): the
 * model's trace up to that tick, and the driver's answers up to the one before.
 */
function broken(program: Program, choices: ModelChoices, error: DriverError, tick: number, actual: RunOutcome['actual']): RunOutcome {
  const session = new ModelSession(program, choices);
  const initial = session.observe();
  const expected = { initial, ticks: program.ticks.slice(0, tick).map((actions) => session.tick(actions)) };
  return {
    expected,
    actual,
    divergence: { rule: 'driver', tick, summary: error.summary, expected: 'an answer in the protocol', actual: error.message },
    violations: [],
    operations: program.ticks.slice(0, tick).reduce((n, t) => n + t.length, 0),
  };
}

/** How long a driver may take, besides answering a message (`timeoutMs`). */
export interface DriverOptions {
  /** How long it may take to start and say hello. @defaultValue the answer timeout, and at least 10 s */
  readonly startTimeoutMs?: number;
  /** How long it may take to exit once told to quit, before it is killed. @defaultValue the answer timeout, and at most 2 s */
  readonly quitGraceMs?: number;
}

/** The targets a driver offers, and how to end it. */
export interface DriverTargets {
  /** One per primitive its hello declares. */
  readonly targets: Target[];
  /** Says `quit`, and kills the driver (and whatever it started) if it has not exited after a grace period. */
  close(): Promise<void>;
}

/** A driver's target for one primitive it declares. */
function driverTarget(connection: Connection, hello: Hello, primitive: PrimitiveName, declared: DriverPrimitive): Target {
  const capabilities: Capabilities = {
    calls: new Set(declared.calls),
    handleRelease: declared.handleRelease ?? false,
    timeout: declared.options?.timeout ?? true,
    signal: declared.options?.signal ?? true,
    ...(declared.params === undefined ? {} : { params: Object.fromEntries(Object.entries(declared.params).map(([name, values]) => [name, values.map(num)])) }),
    badInput: declared.badInput ?? true,
    ...(declared.priority === undefined ? {} : { priority: { calls: new Set(declared.priority.calls), values: declared.priority.values ?? PRIORITIES } }),
    ...(declared.choices?.handoff === 'wakeup' ? { actionsPerTick: 1 } : {}),
  };
  const choices = declared.choices ?? {};
  const observers: DeclaredObservers = modelObservers(primitive, declared.observers ?? []);
  return {
    name: `${hello.name} ${primitive}`,
    primitive,
    capabilities,
    observers: observers.names,
    choices,
    run: async (program) => {
      let tick = 0;
      const made = new Set<number>();
      const actual: { initial: Observation; ticks: TickTrace[] } = { initial: {}, ticks: [] };
      try {
        return await lockstep(program, choices, {
          start: async (params) => {
            const observed = (await connection.request({ type: 'start', primitive, params }, 'started'))['observed'] as Observation;
            const problem = observationProblem(observed, observers, 'observed');
            if (problem !== undefined) throw connection.broken(`the driver's started ${problem}`);
            actual.initial = observed;
            return observed;
          },
          tick: async (actions: readonly Action[]) => {
            tick++;
            for (const action of actions) if (isCall(action)) made.add(action.id);
            const reply = (await connection.request({ type: 'tick', actions }, 'ticked')) as unknown as TickTrace;
            // What the driver says escaped its port's calls is a divergence, as a JavaScript port's is.
            const trace: TickTrace = { calls: reply.calls, settled: reply.settled, observed: reply.observed, ...(reply.resources === undefined ? {} : { resources: reply.resources }), ...(reply.escaped === undefined ? {} : { escaped: reply.escaped }) };
            const problem = tickedProblem(actions, trace, observers, made);
            if (problem !== undefined) throw connection.broken(`the driver's ticked ${problem}`);
            actual.ticks.push(trace);
            return trace;
          },
        }, capabilities.calls);
      } catch (error) {
        if (error instanceof DriverError) return broken(program, choices, error, tick, actual);
        throw error;
      }
    },
    // A reproduction shows the port against the model: a driver's own failure has none.
    ...(hello.reproduce === true ? { reproduce: (program, outcome) => (outcome.divergence.rule === 'driver' ? undefined : connection.reproduce(primitive, program, outcome)) } : {}),
  };
}

/**
 * The targets a driver offers, from a channel to it that `open` makes (and makes again after
 * the driver fails). `label` names the driver in errors.
 *
 * @throws {@link UsageError} when the driver does not say a hello this checker can use; the
 *   driver is stopped first.
 */
export async function channelTargets(label: string, open: () => DriverChannel, timeoutMs: number, options: DriverOptions = {}): Promise<DriverTargets> {
  const connection = new Connection(open, timeoutMs, options);
  let hello: Hello;
  try {
    hello = (await connection.start()) as unknown as Hello;
  } catch (error) {
    await connection.stop();
    if (!(error instanceof DriverError)) throw error;
    const last = error.lastWords.split('\n').at(-1) ?? '';
    throw new UsageError(`${label} did not start: ${error.summary.replace(/^the driver /, 'it ')}${last === '' ? '' : `; its last words: ${last}`}`);
  }
  const problem = helloProblem(hello as unknown as Readonly<Record<string, unknown>>);
  if (problem !== undefined) {
    await connection.stop();
    throw new UsageError(`${label} said a hello this checker cannot use: ${problem}`);
  }
  const targets = (Object.entries(hello.primitives) as [PrimitiveName, DriverPrimitive][]).map(([primitive, declared]) => driverTarget(connection, hello, primitive, declared));
  return { targets, close: () => connection.close() };
}

/**
 * The targets a driver offers: one per primitive it declares. `close` ends the driver.
 *
 * @param command - the command that starts the driver: run without a shell when it is simple
 *   words (quotes allowed), by `/bin/sh` when it uses the shell's language; or a list of words.
 * @param timeoutMs - how long the driver may take to answer one message. @defaultValue 5000
 * @param options - how long it may take to start, and to quit.
 * @throws {@link UsageError} when the driver does not start or says a hello this checker
 *   cannot use (it is stopped first).
 */
export async function driverTargets(command: string | readonly string[], timeoutMs = 5000, options: DriverOptions = {}): Promise<DriverTargets> {
  const words = typeof command === 'string' ? command : command.join(' ');
  if (words.trim() === '') throw new UsageError('the driver command is empty');
  return channelTargets(`the driver \`${words}\``, () => new DriverProcess(command), timeoutMs, options);
}
