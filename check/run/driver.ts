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
 * 3. The checker sends `quit` at the end.
 *
 * A driver that exits, does not answer within the per-message timeout, or prints a line that is
 * not the protocol is reported as such, with the program that caused it, and started again.
 *
 * @module
 */

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Target } from './target.js';
import type { CompareChoices } from '../compare/compare.js';
import type { ModelChoices } from '../program/families/index.js';
import { PRIORITIES, type Capabilities } from '../generate/generate.js';
import { familyOf } from '../program/families/index.js';
import { PRIMITIVES, type Action, type Observation, type PrimitiveName, type Program, type TickTrace } from '../program/program.js';
import { UsageError } from '../program/errors.js';
import { lockstep, type RunOutcome } from './run.js';

/** The protocol version this checker speaks. */
export const PROTOCOL_VERSION = 1;

/** What a driver declares for one primitive in its `hello`. */
export interface DriverPrimitive {
  /** The calls it has, by the models' names. */
  readonly calls: readonly string[];
  /** Whether a releaser's `release` exists (calls with `on`). @defaultValue false */
  readonly handleRelease?: boolean;
  /** Its synchronous observers, by the models' names. */
  readonly observers?: readonly string[];
  /** Which options waiting calls take. @defaultValue both */
  readonly options?: { readonly timeout?: boolean; readonly signal?: boolean };
  /** The values each constructor parameter may take. */
  readonly params?: Readonly<Record<string, readonly number[]>>;
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
}

/** The driver broke the protocol: it exited, hung, or said something else. */
export class DriverError extends Error {
  override get name(): string {
    return 'DriverError';
  }
}

/** One driver process, spoken to one message at a time. */
class Connection {
  readonly #command: string;
  readonly #timeoutMs: number;
  #child: ChildProcessWithoutNullStreams | undefined;
  #lines: string[] = [];
  #waiting: ((line: string | undefined) => void) | undefined;
  #exited: string | undefined;
  #stderr: string[] = [];
  hello: Hello | undefined;

  constructor(command: string, timeoutMs: number) {
    this.#command = command;
    this.#timeoutMs = timeoutMs;
  }

  /** The last lines the driver wrote to standard error, for a report. */
  get stderr(): string {
    return this.#stderr.slice(-10).join('\n');
  }

  async open(): Promise<Hello> {
    if (this.#child !== undefined && this.#exited === undefined && this.hello !== undefined) return this.hello;
    this.#lines = [];
    this.#exited = undefined;
    this.#stderr = [];
    const child = spawn(this.#command, { shell: true, stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child = child;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (this.#waiting !== undefined) {
        const waiting = this.#waiting;
        this.#waiting = undefined;
        waiting(line);
      } else this.#lines.push(line);
    });
    createInterface({ input: child.stderr }).on('line', (line) => {
      this.#stderr.push(line);
      if (this.#stderr.length > 100) this.#stderr.shift();
    });
    child.on('exit', (code, signal) => {
      this.#exited = signal === null ? `exited with status ${String(code)}` : `was killed by ${signal}`;
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting?.(undefined);
    });
    child.on('error', (error) => {
      this.#exited = `could not be started: ${error.message}`;
    });
    child.stdin.on('error', () => undefined);
    const hello = (await this.#read('hello')) as unknown as Hello;
    if (hello.protocol !== PROTOCOL_VERSION) throw new DriverError(`the driver speaks protocol ${String(hello.protocol)}; this checker speaks ${PROTOCOL_VERSION}`);
    this.hello = hello;
    return hello;
  }

  /** Reads the next message, which must be of type `type`. */
  async #read(type: string): Promise<Record<string, unknown>> {
    const line =
      this.#lines.shift() ??
      (await new Promise<string | undefined>((resolve) => {
        if (this.#exited !== undefined) {
          resolve(undefined);
          return;
        }
        const timer = setTimeout(() => {
          this.#waiting = undefined;
          this.kill();
          resolve(undefined);
          this.#exited = `did not answer within ${this.#timeoutMs} ms`;
        }, this.#timeoutMs);
        this.#waiting = (l) => {
          clearTimeout(timer);
          resolve(l);
        };
      }));
    if (line === undefined) {
      const why = this.#exited ?? 'closed its output';
      throw new DriverError(`the driver ${why}${this.stderr === '' ? '' : `; its last words:\n${this.stderr}`}`);
    }
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      this.kill();
      throw new DriverError(`the driver printed a line that is not the protocol: ${JSON.stringify(line.slice(0, 200))}`);
    }
    if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== type) {
      const said = (message as { type?: unknown; message?: unknown } | null)?.type === 'error' ? `an error: ${String((message as { message?: unknown }).message)}` : JSON.stringify(message).slice(0, 200);
      throw new DriverError(`the driver answered ${said}, where ${type} was due`);
    }
    return message as Record<string, unknown>;
  }

  async request(message: object, reply: string): Promise<Record<string, unknown>> {
    await this.open();
    this.#child?.stdin.write(`${JSON.stringify(message)}\n`);
    return this.#read(reply);
  }

  kill(): void {
    this.#child?.kill('SIGKILL');
  }

  async close(): Promise<void> {
    const child = this.#child;
    if (child === undefined || this.#exited !== undefined) return;
    child.stdin.write(`${JSON.stringify({ type: 'quit' })}\n`);
    child.stdin.end();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 2000);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

const observation = (value: unknown): Observation => (typeof value === 'object' && value !== null ? (value as Observation) : {});

/** A divergence for a driver that broke the protocol in tick `tick` (0: at the start). */
function broken(program: Program, error: DriverError, tick: number): RunOutcome {
  return {
    expected: { initial: {}, ticks: [] },
    actual: { initial: {}, ticks: [] },
    divergence: { rule: 'driver', tick, summary: error.message.split('\n')[0] ?? error.message, expected: 'an answer in the protocol', actual: error.message },
    violations: [],
    operations: program.ticks.slice(0, tick).reduce((n, t) => n + t.length, 0),
  };
}

/**
 * The targets a driver offers: one per primitive it declares. `close` ends the driver.
 *
 * @param command - the command that starts the driver, run by the shell.
 * @param timeoutMs - how long the driver may take to answer one message. @defaultValue 5000
 */
export async function driverTargets(command: string, timeoutMs = 5000): Promise<{ targets: Target[]; close(): Promise<void> }> {
  const connection = new Connection(command, timeoutMs);
  let hello: Hello;
  try {
    hello = await connection.open();
  } catch (error) {
    connection.kill();
    throw new UsageError(`the driver \`${command}\` did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  const targets: Target[] = [];
  try {
    for (const [primitive, declared] of Object.entries(hello.primitives) as [PrimitiveName, DriverPrimitive][]) {
      if (!PRIMITIVES.includes(primitive)) throw new UsageError(`the driver declares ${primitive}, which no model specifies`);
      const family = familyOf(primitive);
      for (const call of declared.priority?.calls ?? []) {
        if (family.calls[call]?.priority !== true) throw new UsageError(`the driver declares a priority for ${primitive}.${call}, but the model serves it in arrival order only`);
      }
      for (const value of declared.priority?.values ?? []) if (typeof value !== 'number' || !Number.isFinite(value)) throw new UsageError(`the driver declares a priority of ${JSON.stringify(value)} for ${primitive}: priorities are finite numbers`);
      const capabilities: Capabilities = {
        calls: new Set(declared.calls),
        handleRelease: declared.handleRelease ?? false,
        timeout: declared.options?.timeout ?? true,
        signal: declared.options?.signal ?? true,
        ...(declared.params === undefined ? {} : { params: declared.params }),
        badInput: declared.badInput ?? true,
        ...(declared.priority === undefined ? {} : { priority: { calls: new Set(declared.priority.calls), values: declared.priority.values ?? PRIORITIES } }),
        ...(declared.choices?.handoff === 'wakeup' ? { actionsPerTick: 1 } : {}),
      };
      targets.push({
        name: `${hello.name} ${primitive}`,
        primitive,
        capabilities,
        observers: declared.observers ?? [],
        run: async (program) => {
          let tick = 0;
          try {
            return await lockstep(program, declared.choices ?? {}, {
              start: async (params) => observation((await connection.request({ type: 'start', primitive, params }, 'started'))['observed']),
              tick: async (actions: readonly Action[]) => {
                tick++;
                const reply = await connection.request({ type: 'tick', actions }, 'ticked');
                return {
                  calls: (reply['calls'] ?? []) as TickTrace['calls'],
                  settled: (reply['settled'] ?? []) as TickTrace['settled'],
                  observed: observation(reply['observed']),
                  ...(reply['resources'] === undefined ? {} : { resources: reply['resources'] as TickTrace['resources'] & object }),
                };
              },
            }, capabilities.calls);
          } catch (error) {
            if (error instanceof DriverError) return broken(program, error, tick);
            throw error;
          }
        },
      });
    }
  } catch (error) {
    // A driver that declares what cannot be checked is told to quit, as at the end of a run.
    await connection.close();
    throw error;
  }
  if (targets.length === 0) {
    await connection.close();
    throw new UsageError(`the driver \`${command}\` declares no primitive`);
  }
  return { targets, close: () => connection.close() };
}
