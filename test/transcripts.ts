/**
 * Driver transcripts, for the property that the checker never passes a driver whose answers
 * differ from the model (test/check-transcripts.test.ts, and its planted bug in
 * test/check-transcripts.planted.test.ts): a correct driver's answers to a program are the
 * model's own trace; a mutation changes them in one place; a replayed channel plays them back
 * to the checker as a driver would.
 */

import * as fc from 'fast-check';
import { programs, type Capabilities } from '../check/generate/generate.js';
import { familyOf } from '../check/program/families/index.js';
import { ModelSession, modelTrace } from '../check/program/model-session.js';
import { PRIMITIVES, type PrimitiveName, type Program } from '../check/program/program.js';
import { channelTargets, type DriverChannel, type Received } from '../check/run/driver.js';
import type { RunOutcome } from '../check/run/run.js';
import type { Target } from '../check/run/target.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The hello of a driver that has every call and observer of `primitive`'s model. */
function hello(primitive: PrimitiveName): Json {
  const observers = Object.keys(new ModelSession({ primitive, params: defaults(primitive) }).observe());
  return { type: 'hello', protocol: 1, name: 'transcript', primitives: { [primitive]: { calls: Object.keys(familyOf(primitive).calls), handleRelease: true, observers } } };
}

function defaults(primitive: PrimitiveName): Program['params'] {
  return Object.fromEntries(Object.entries(familyOf(primitive).recipe(primitive).params).map(([name, values]) => [name, values[0] as number]));
}

const capabilities = (primitive: PrimitiveName): Capabilities => ({ calls: new Set(Object.keys(familyOf(primitive).calls)), handleRelease: true, timeout: true, signal: true, badInput: true });

/** What a correct driver says for `program`: hello, then the model's trace as its answers (without the model's `ignored` notes). */
export function transcript(program: Program): Json[] {
  const trace = modelTrace(program);
  const ticked = trace.ticks.map((tick) => ({ type: 'ticked', ...tick, calls: tick.calls.map(({ ignored: _, ...call }) => call) }));
  return JSON.parse(JSON.stringify([hello(program.primitive), { type: 'started', observed: trace.initial }, ...ticked])) as Json[];
}

/** A channel that plays `lines` back: the first as the hello, then one per message sent; then it has closed its output. */
export function replay(lines: readonly string[]): DriverChannel {
  const left = [...lines];
  let ended: string | undefined;
  return {
    send: () => undefined,
    next: async (): Promise<Received> => {
      const line = left.shift();
      if (line !== undefined) return { line };
      ended = 'closed its output';
      return { ended };
    },
    unread: undefined,
    get ended() {
      return ended;
    },
    lastWords: () => '',
    kill: () => {
      ended ??= 'was killed';
    },
    exited: Promise.resolve(),
    quit: async () => undefined,
  };
}

/** Runs `program` against a driver that says `lines`. */
export async function runTranscript(program: Program, lines: readonly string[]): Promise<RunOutcome> {
  const { targets, close } = await channelTargets('a transcript', () => replay(lines), 1000);
  try {
    return await (targets[0] as Target).run(program);
  } finally {
    await close();
  }
}

/** One change to a transcript, in one place. */
export interface Mutation {
  /** Which message: 1 is `started`, 2 the first `ticked`. */
  readonly message: number;
  readonly kind: 'replace' | 'rename' | 'drop' | 'swap' | 'dropElement' | 'extra' | 'leak' | 'truncate' | 'cut';
  readonly path: readonly (string | number)[];
}

type Site = Omit<Mutation, 'message'>;

/**
 * The places of a message a mutation may change: every value (its JSON type too), every key,
 * the lists of calls and settlements. Left out are the changes the protocol allows, which are no
 * difference from the model: dropping what is optional (`resources`, a call's `observed`),
 * fewer abort listeners than waiters (one listener may serve several), and fields of
 * `statistics` beyond the model's.
 */
function sites(message: Json, path: (string | number)[] = []): Site[] {
  const found: Site[] = [];
  const listeners = path[0] === 'resources' && path[1] === 'listeners';
  if (Array.isArray(message)) {
    if (path.length === 1 && (path[0] === 'calls' || path[0] === 'settled')) {
      found.push({ kind: 'extra', path });
      if (message.length > 0) found.push({ kind: 'dropElement', path });
      if (message.length > 1) found.push({ kind: 'swap', path });
    }
    message.forEach((item, i) => found.push(...sites(item, [...path, i])));
  } else if (typeof message === 'object' && message !== null) {
    if (listeners) found.push({ kind: 'leak', path });
    for (const [key, value] of Object.entries(message)) {
      const optional = (path.length === 0 && key === 'resources') || (path.length === 2 && path[0] === 'calls' && key === 'observed') || listeners;
      if (!optional) found.push({ kind: 'drop', path: [...path, key] }, { kind: 'rename', path: [...path, key] });
      found.push(...sites(value, [...path, key]));
    }
  } else if (!listeners) {
    found.push({ kind: 'replace', path });
  }
  return found;
}

const canonical = (value: unknown): string => JSON.stringify(value, (_, v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));

/** A value other than `value`: `replacement` when it differs, else one of another kind. */
function other(value: Json, replacement: Json): Json {
  if (canonical(value) !== canonical(replacement)) return replacement;
  return typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : typeof value === 'string' ? `${value}x` : 0;
}

/** A key other than `key`, and not one the object has: its first letter's case turned, or `_` added. */
function renamed(key: string, taken: object): string {
  const flipped = key.charAt(0) === key.charAt(0).toUpperCase() ? key.charAt(0).toLowerCase() + key.slice(1) : key.charAt(0).toUpperCase() + key.slice(1);
  return flipped !== key && !(flipped in taken) ? flipped : `${key}_`;
}

/** `message` with `site` changed; `extra` picks what is added or put in. */
function change(message: Json, site: Site, replacement: Json, extra: number): Json {
  const copy = JSON.parse(JSON.stringify(message)) as Json;
  const parentPath = site.path.slice(0, -1);
  const last = site.path.at(-1);
  const at = (path: readonly (string | number)[]): Json => path.reduce<Json>((node, key) => (node as Record<string, Json>)[key] as Json, copy);
  const parent = at(parentPath) as Record<string | number, Json>;
  switch (site.kind) {
    case 'replace':
      parent[last as string] = other(parent[last as string] as Json, replacement);
      break;
    case 'rename': {
      const value = parent[last as string] as Json;
      delete parent[last as string];
      parent[renamed(last as string, parent)] = value;
      break;
    }
    case 'drop':
      delete parent[last as string];
      break;
    case 'swap': {
      const list = at(site.path) as Json[];
      const i = extra % (list.length - 1);
      [list[i], list[i + 1]] = [list[i + 1] as Json, list[i] as Json];
      break;
    }
    case 'dropElement':
      (at(site.path) as Json[]).splice(extra % (at(site.path) as Json[]).length, 1);
      break;
    case 'extra': {
      const list = at(site.path) as Json[];
      list.push(site.path[0] === 'calls' ? { id: 1000 + extra, result: { kind: 'returned' } } : { id: extra % 12, outcome: 'resolved' });
      break;
    }
    case 'leak': {
      // A listener more than the model's waiters on some signal (rule 5).
      const listeners = at(site.path) as Record<string, number>;
      const signal = Object.keys(listeners)[extra % Math.max(Object.keys(listeners).length, 1)] ?? `s${extra}`;
      listeners[signal] = (listeners[signal] ?? 0) + 1;
      break;
    }
    default:
      break;
  }
  return copy;
}

/** The lines of `messages` after `mutation` (`pick` chooses where, `replacement` and `extra` what). */
export function mutated(messages: readonly Json[], pick: { readonly message: number; readonly site: number; readonly replacement: Json; readonly extra: number; readonly whole: number }): { lines: string[]; mutation: Mutation } | undefined {
  const lines = messages.map((m) => JSON.stringify(m));
  const message = 1 + (pick.message % (messages.length - 1));
  // Now and then, the transcript ends early, or a line is cut short.
  if (pick.whole % 10 === 0) return { lines: lines.slice(0, message), mutation: { message, kind: 'truncate', path: [] } };
  if (pick.whole % 10 === 1) {
    const line = lines[message] as string;
    lines[message] = line.slice(0, pick.extra % line.length);
    return { lines, mutation: { message, kind: 'cut', path: [] } };
  }
  const candidates = sites(messages[message] as Json);
  if (candidates.length === 0) return undefined;
  const site = candidates[pick.site % candidates.length] as Site;
  lines[message] = JSON.stringify(change(messages[message] as Json, site, pick.replacement, pick.extra));
  if (lines[message] === JSON.stringify(messages[message])) return undefined;
  return { lines, mutation: { message, ...site } };
}

/** A program of any primitive, with the choices of where and how to change its transcript. */
export const cases = fc
  .constantFrom(...PRIMITIVES)
  .chain((primitive) => programs(primitive, capabilities(primitive), 8))
  .filter((program) => program.ticks.length > 0)
  .chain((program) =>
    fc.record({
      program: fc.constant(program),
      pick: fc.record({ message: fc.nat(), site: fc.nat(), replacement: fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>, extra: fc.nat(), whole: fc.nat() }),
    }),
  );

/**
 * The property: a transcript changed in one place never passes, and nothing it says makes the
 * checker throw.
 */
export const neverPassesAChangedTranscript = fc.asyncProperty(cases, async ({ program, pick }) => {
  const changed = mutated(transcript(program), pick);
  fc.pre(changed !== undefined);
  const outcome = await runTranscript(program, changed.lines);
  if (outcome.divergence === undefined) throw new Error(`a transcript changed by ${JSON.stringify(changed.mutation)} passed`);
});
