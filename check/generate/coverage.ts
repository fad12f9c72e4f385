/**
 * What a program reached in its model: the states it visited and the transitions it took, each
 * as a short key, so that a search can tell a program that went somewhere new from one that
 * went where others went before. Pure: it reads the model's states and operations, never an
 * implementation, so what a run reaches depends on the program alone.
 *
 * **The abstraction counted.** A state is the model's own state (the data a family's `step`
 * takes), read as follows:
 *
 * - ids are renamed by order of first appearance (`waiters: [7, 9], holders: [3]` reads as
 *   `waiters: [0, 1], holders: [2]`): which call a waiter is does not change what the model does
 *   next, only how many there are and where each stands. An id is a number under `waiter`,
 *   `label`, `on` or `writer`, or in a list under `waiters`, `holders`, `getters`, `joiners` or
 *   `readers`.
 * - the logs a model keeps for its invariants (`entered`, `received`, `discarded`: every item that
 *   ever entered or left) are left out: they only grow.
 * - it is bounded: a list keeps its first {@link MAX_LIST} entries and then reads `…`, and a
 *   number that is not an id above {@link MAX_COUNT} reads `>8`. A state read without cutting
 *   anything, and holding at most {@link MAX_IDS} ids (calls waiting, holding, or items in a
 *   queue), is **exact**; exploring the exact states is finite.
 *
 * A transition is a state and the operation made in it, the operation read the same way
 * (its ids by the state's names, `*` for an id the state does not hold: a new call, or a handle
 * given back before), with a positive whole-number timeout read as `T`: the models tell only a
 * timeout of 0 from a later one. A model is deterministic, so the state and the operation fix
 * where it goes.
 *
 * @module
 */

import type { Step } from '../../model/common.js';

/** The most entries of a list a state key shows. */
export const MAX_LIST = 4;
/** The most ids an exact state holds. */
export const MAX_IDS = 4;
/** The largest count (not an id) a state key shows as itself. */
export const MAX_COUNT = 8;

const ID_FIELDS = new Set(['waiter', 'label', 'on', 'writer']);
const ID_LISTS = new Set(['waiters', 'holders', 'getters', 'joiners', 'readers']);
const LOGS = new Set(['entered', 'received', 'discarded']);

/** Ids renamed in order of first appearance. */
type Names = Map<number, number>;

interface Reading {
  readonly text: string;
  /** Nothing was cut or clamped. */
  readonly exact: boolean;
}

/**
 * The reading under way: one at a time (reading is synchronous), kept here so that the walk,
 * which runs for every step of every program, allocates no closure.
 */
let names: Names = new Map();
let grow = true;
let exact = true;

function id(n: number): string {
  const known = names.get(n);
  if (known !== undefined) return `#${known}`;
  if (!grow) return '*';
  names.set(n, names.size);
  return `#${names.size - 1}`;
}

function walk(v: unknown, key: string | undefined, isId: boolean): string {
  switch (typeof v) {
    case 'number':
      if (isId && Number.isInteger(v)) return id(v);
      if (key === 'timeout' && Number.isInteger(v) && v > 0) return 'T';
      if (v > MAX_COUNT && Number.isFinite(v)) {
        exact = false;
        return `>${MAX_COUNT}`;
      }
      return String(v);
    case 'string':
      return v;
    case 'boolean':
      return v ? 'T' : 'F';
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        const listOfIds = key !== undefined && ID_LISTS.has(key);
        let out = '[';
        const shown = Math.min(v.length, MAX_LIST);
        for (let i = 0; i < shown; i++) out += `${walk(v[i], undefined, listOfIds)},`;
        if (v.length > MAX_LIST) {
          exact = false;
          out += '…';
        }
        return `${out}]`;
      }
      let out = '{';
      const record = v as Record<string, unknown>;
      for (const k in record) {
        const field = record[k];
        if (field === undefined || LOGS.has(k)) continue;
        out += `${k}:${walk(field, k, ID_FIELDS.has(k))},`;
      }
      return `${out}}`;
    }
    default:
      return 'u';
  }
}

/** Reads `value` (a model's state or operation) as a key, renaming ids with `using`. */
function read(value: unknown, using: Names, growing: boolean): Reading {
  names = using;
  grow = growing;
  exact = true;
  const text = walk(value, undefined, false);
  return { text, exact: exact && using.size <= MAX_IDS };
}

/** A state read as a key, with the names it gave its ids. */
export interface StateReading extends Reading {
  readonly names: ReadonlyMap<number, number>;
}

/** A state's key, whether it is exact, and the names of its ids. */
export function stateKey(state: unknown): StateReading {
  const names: Names = new Map();
  return { ...read(state, names, true), names };
}

/** The key of the transition `op` makes from the state read as `from`. */
export function transitionKey(from: StateReading, op: unknown): string {
  // Read without growing: the state's names are only looked up.
  return `${from.text}|${read(op, from.names as Names, false).text}`;
}

/** Where a program went: the keys of the states and transitions it reached. */
export interface Reached {
  readonly states: Set<string>;
  readonly transitions: Set<string>;
}

/**
 * A recorder for a model session's steps (`ModelSession`'s `onStep`): it collects the keys of
 * every state a step starts from or ends in, and of every transition.
 */
export function recorder(): { readonly reached: Reached; readonly onStep: (before: unknown, op: unknown, step: Step<unknown>) => void } {
  const reached: Reached = { states: new Set(), transitions: new Set() };
  // Each step starts where the last one ended (a step that changes nothing returns the very
  // state it was given): most states are read once.
  let last: unknown;
  let lastReading: StateReading | undefined;
  const reading = (state: unknown): StateReading => {
    if (state !== last || lastReading === undefined) {
      last = state;
      lastReading = stateKey(state);
    }
    return lastReading;
  };
  return {
    reached,
    onStep: (before, op, step) => {
      const from = reading(before);
      reached.states.add(from.text);
      reached.transitions.add(transitionKey(from, op));
      reached.states.add(reading(step.state).text);
    },
  };
}

/** The kind of operation a transition key makes (`acquire`, `timeout`, `shutdown`, ...). */
function kindOf(transition: string): string {
  const at = transition.indexOf('|{kind:');
  if (at < 0) return '';
  const from = at + '|{kind:'.length;
  const end = transition.indexOf(',', from);
  return transition.slice(from, end < 0 ? undefined : end);
}

/** Everything reached so far, and how to add a program's share. */
export class Coverage {
  readonly states = new Set<string>();
  readonly transitions = new Set<string>();
  /** How many transitions of each kind of operation were reached. */
  readonly #kinds = new Map<string, number>();

  /**
   * What the new transitions of `reached` are worth: each counts 1 / (1 + the transitions of its
   * kind reached so far), so that a transition of an operation programs rarely make (a
   * shutdown, a timeout, an abort) outweighs one more of a common one (another acquire).
   * Without this, the longest program wins, and operations that narrow what follows them (a
   * queue's shutdown, a barrier's abort) are chosen against.
   */
  novelty(reached: Reached): number {
    let score = 0;
    for (const t of reached.transitions) if (!this.transitions.has(t)) score += 1 / (1 + (this.#kinds.get(kindOf(t)) ?? 0));
    return score;
  }

  /** Adds what a program reached; returns how many of its states and transitions were new. */
  add(reached: Reached): number {
    let fresh = 0;
    for (const s of reached.states) {
      if (this.states.has(s)) continue;
      this.states.add(s);
      fresh++;
    }
    for (const t of reached.transitions) {
      if (this.transitions.has(t)) continue;
      this.transitions.add(t);
      const kind = kindOf(t);
      this.#kinds.set(kind, (this.#kinds.get(kind) ?? 0) + 1);
      fresh++;
    }
    return fresh;
  }
}
