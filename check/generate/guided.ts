/**
 * Coverage-guided programs: a corpus of the programs that took the model somewhere new (a state
 * or a transition no earlier program reached, as `coverage.ts` reads them), mutated and
 * extended, mixed with fresh random programs.
 *
 * Program `i` of a campaign is either the random generator's program `i` (fresh), or a mutant of
 * a corpus program: one to four of dropping an action or a tick, inserting an action (taken from
 * another corpus program, or an abort of a signal in use, or time passing), duplicating an
 * action or a tick, splicing two programs (the start of one, the end of another), appending the
 * end of another, splitting or joining ticks, giving a call the arguments of another call of the
 * same name, and changing the constructor's parameters. Every action a mutant has comes from a
 * program the random generator made for the same target, so a mutant never makes a call, passes
 * an option or uses a parameter the target lacks. A mutant is then made whole again: calls
 * numbered afresh in order, signals in order of first use, a call on a handle dropped when the
 * call that was given the handle is gone.
 *
 * What a program reached is read on the model alone, so the corpus, and so every program, is a
 * function of the seed and the program's index: the same seed runs the same programs, on any
 * target with the same capabilities, and any program of a run can be made again without running
 * the ones before it on the target (only on the model). A campaign is {@link CAMPAIGN} programs:
 * then the corpus starts afresh, so that a run splits into campaigns that workers and shards run
 * on their own.
 *
 * @module
 */

import { familyOf } from '../program/families/index.js';
import { isCall, toNum, type Action, type CallAction, type Program } from '../program/program.js';
import { Coverage, type Reached } from './coverage.js';
import { ADVANCES, cut, givesHandleFor, type Capabilities } from './generate.js';

/** Programs in a campaign: the corpus starts afresh after this many. */
export const CAMPAIGN = 1000;

/** A 32-bit seed mixed from a seed and an index (MurmurHash3's finaliser over both). */
export function mixSeed(seed: number, index: number): number {
  const mix = (h: number): number => {
    let x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return x ^ (x >>> 16);
  };
  const low = index % 0x1_0000_0000;
  const high = Math.floor(index / 0x1_0000_0000);
  return mix(mix(seed ^ Math.imul(low + 1, 0x9e3779b1)) ^ Math.imul(high + 1, 0x7feb352d)) | 0;
}

/** A small deterministic generator (mulberry32): a program's choices, from its seed. */
class Rng {
  #state: number;
  constructor(seed: number) {
    this.#state = seed | 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  }
  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)] as T;
  }
}

/**
 * An action while a program is taken apart: its call's identity, the call whose handle it uses
 * and its signal are objects, so that actions from different programs keep their links wherever
 * they go, and numbers are given back when the program is made whole.
 */
type Gene =
  | { readonly kind: 'call'; readonly action: CallAction; readonly self: object; readonly on: object | undefined; readonly signal: object | undefined }
  | { readonly kind: 'abort'; readonly signal: object }
  | { readonly kind: 'advance'; readonly ms: number };

type Genome = readonly (readonly Gene[])[];

/** `program` taken apart into genes. */
function genome(program: Program): Genome {
  const calls = new Map<number, object>();
  const signals = new Map<number, object>();
  const signal = (n: number): object => {
    let found = signals.get(n);
    if (found === undefined) {
      found = {};
      signals.set(n, found);
    }
    return found;
  };
  return program.ticks.map((tick) =>
    tick.map((action): Gene => {
      if ('abort' in action) return { kind: 'abort', signal: signal(action.abort) };
      if ('advance' in action) return { kind: 'advance', ms: action.advance };
      const self = {};
      calls.set(action.id, self);
      return { kind: 'call', action, self, on: action.on === undefined ? undefined : calls.get(action.on), signal: action.signal === undefined ? undefined : signal(action.signal) };
    }),
  );
}

/**
 * A program made whole from `ticks`: calls numbered in order, signals in order of first use, a
 * call on a handle kept only when the call given the handle comes before it and may be given
 * one; empty ticks dropped, long ticks cut, at most `maxTicks` ticks.
 */
function whole(base: Program, ticks: Genome, capabilities: Capabilities, maxTicks: number): Program {
  const ids = new Map<object, number>();
  const handles = new Set<object>();
  const signals = new Map<object, number>();
  const givesHandle = givesHandleFor(base.primitive, capabilities);
  const signalOf = (ref: object): number => {
    let n = signals.get(ref);
    if (n === undefined) {
      n = signals.size;
      signals.set(ref, n);
    }
    return n;
  };
  const out: Action[][] = [];
  for (const tick of ticks) {
    const actions: Action[] = [];
    for (const gene of tick) {
      if (gene.kind === 'advance') {
        actions.push({ advance: gene.ms });
        continue;
      }
      if (gene.kind === 'abort') {
        actions.push({ abort: signalOf(gene.signal) });
        continue;
      }
      // A call on a handle whose call is gone, or comes later, has nothing to be made on.
      const on = gene.on === undefined ? undefined : ids.get(gene.on);
      if (gene.on !== undefined && (on === undefined || !handles.has(gene.on))) continue;
      const id = ids.size;
      ids.set(gene.self, id);
      const { on: _on, signal: _signal, id: _id, ...rest } = gene.action;
      const action: CallAction = { ...rest, id, ...(on === undefined ? {} : { on }), ...(gene.signal === undefined ? {} : { signal: signalOf(gene.signal) }) };
      if (on === undefined && givesHandle(action)) handles.add(gene.self);
      actions.push(action);
    }
    if (actions.length > 0) out.push(actions);
  }
  return cut({ primitive: base.primitive, params: base.params, ticks: out.slice(0, maxTicks) }, capabilities.actionsPerTick);
}

/** A corpus program and what it brought. */
interface Entry {
  readonly program: Program;
  /** States and transitions it reached first. */
  readonly novelty: number;
  /** How often it was mutated so far. */
  picked: number;
}

/** Where a program came from. */
export type Origin = 'fresh' | 'mutant';

/** The programs of one campaign, made one after another. */
export class GuidedCampaign {
  readonly #capabilities: Capabilities;
  readonly #seed: number;
  readonly #maxTicks: number;
  readonly #fresh: (index: number) => Program;
  readonly #coverage = new Coverage();
  readonly #corpus: Entry[] = [];
  /** Calls of programs seen so far, by name, to give a mutant (a bounded pool). */
  readonly #donors: CallAction[] = [];
  readonly #params: readonly (readonly [string, readonly number[]])[];

  /**
   * @param fresh - the random generator's program at a run index.
   * @param seed - the run's seed: a mutant's choices come from it and the program's index.
   */
  constructor(primitive: Program['primitive'], capabilities: Capabilities, seed: number, fresh: (index: number) => Program, maxTicks = 30) {
    this.#capabilities = capabilities;
    this.#seed = seed;
    this.#maxTicks = maxTicks;
    this.#fresh = fresh;
    const recipe = familyOf(primitive).recipe(primitive);
    this.#params = Object.entries(recipe.params).map(([name, values]) => [name, [...new Set(capabilities.params?.[name] ?? values)]] as const);
  }

  /** How many programs the corpus holds. */
  get size(): number {
    return this.#corpus.length;
  }

  /** Program `index` of the run (the campaign's programs come in order). */
  program(index: number): { readonly program: Program; readonly origin: Origin } {
    const rng = new Rng(mixSeed(this.#seed ^ 0x5eed, index));
    // Fresh programs until the corpus has something to work on; then half and half, fresh
    // programs still bringing what mutants of the corpus cannot reach.
    if (this.#corpus.length === 0 || rng.next() < 0.5) return { program: this.#fresh(index), origin: 'fresh' };
    const parent = this.#choose(rng);
    parent.picked++;
    let ticks = genome(parent.program);
    let base = parent.program;
    const rounds = 1 + rng.below(4);
    for (let i = 0; i < rounds; i++) ({ ticks, base } = this.#mutate(ticks, base, rng));
    const program = whole(base, ticks, this.#capabilities, this.#maxTicks);
    // A mutant that lost every action is no program worth running: a fresh one instead.
    if (program.ticks.length === 0) return { program: this.#fresh(index), origin: 'fresh' };
    return { program, origin: 'mutant' };
  }

  /** Tells the campaign what `program` reached on the model; it joins the corpus when that was new. */
  learn(program: Program, reached: Reached): void {
    for (const action of program.ticks.flat()) {
      if (!isCall(action) || action.on !== undefined) continue;
      if (this.#donors.length < 256) this.#donors.push(action);
      else this.#donors[(action.id * 31 + this.#donors.length) % 256] = action;
    }
    const novelty = this.#coverage.add(reached);
    if (novelty > 0) this.#corpus.push({ program, novelty, picked: 0 });
  }

  /** A corpus program to mutate: the newer, the more it brought and the less it was picked, the likelier. */
  #choose(rng: Rng): Entry {
    if (rng.next() < 0.5) {
      const recent = this.#corpus.slice(-16);
      return rng.pick(recent);
    }
    let best: Entry | undefined;
    let bestScore = -1;
    for (let tries = 0; tries < 4; tries++) {
      const entry = rng.pick(this.#corpus);
      const score = entry.novelty / (1 + entry.picked);
      if (score > bestScore) {
        best = entry;
        bestScore = score;
      }
    }
    return best as Entry;
  }

  #mutate(ticks: Genome, base: Program, rng: Rng): { ticks: Genome; base: Program } {
    const flat = ticks.flatMap((tick, t) => tick.map((gene, a) => ({ gene, t, a })));
    const other = (): Genome => genome(rng.pick(this.#corpus).program);
    const at = (t: number, a: number, gene: Gene): Genome => ticks.map((tick, k) => (k === t ? [...tick.slice(0, a), gene, ...tick.slice(a)] : tick));
    const place = (gene: Gene): Genome => {
      // Into an existing tick, or as a tick of its own.
      const t = rng.below(ticks.length + 1);
      if (t === ticks.length || rng.next() < 0.3) return [...ticks.slice(0, t), [gene], ...ticks.slice(t)];
      return at(t, rng.below((ticks[t]?.length ?? 0) + 1), gene);
    };
    switch (rng.below(12)) {
      case 0: {
        // Drop an action.
        const victim = flat.length === 0 ? undefined : rng.pick(flat);
        if (victim === undefined) break;
        return { ticks: ticks.map((tick, k) => (k === victim.t ? tick.filter((_, a) => a !== victim.a) : tick)), base };
      }
      case 1: {
        // Drop a tick.
        if (ticks.length <= 1) break;
        const t = rng.below(ticks.length);
        return { ticks: ticks.filter((_, k) => k !== t), base };
      }
      case 2: {
        // Duplicate an action, as a call of its own.
        const copied = flat.length === 0 ? undefined : rng.pick(flat);
        if (copied === undefined) break;
        const gene = copied.gene.kind === 'call' ? { ...copied.gene, self: {} } : copied.gene;
        return { ticks: place(gene), base };
      }
      case 3: {
        // Duplicate a tick right after itself.
        if (ticks.length === 0) break;
        const t = rng.below(ticks.length);
        const copy = (ticks[t] ?? []).map((gene) => (gene.kind === 'call' ? { ...gene, self: {} } : gene));
        return { ticks: [...ticks.slice(0, t + 1), copy, ...ticks.slice(t + 1)], base };
      }
      case 4: {
        // Splice: this program's start, another's end.
        const donor = other();
        const cutHere = rng.below(ticks.length + 1);
        return { ticks: [...ticks.slice(0, cutHere), ...donor.slice(rng.below(donor.length + 1))], base };
      }
      case 5: {
        // Extend: another program's end after this one.
        const donor = other();
        return { ticks: [...ticks, ...donor.slice(rng.below(donor.length))], base };
      }
      case 6: {
        // Insert a call another program made.
        if (this.#donors.length === 0) break;
        const action = rng.pick(this.#donors);
        const signals = flat.flatMap(({ gene }) => (gene.kind === 'call' && gene.signal !== undefined ? [gene.signal] : []));
        const signal = action.signal === undefined ? undefined : signals.length > 0 && rng.next() < 0.5 ? rng.pick(signals) : {};
        return { ticks: place({ kind: 'call', action, self: {}, on: undefined, signal }), base };
      }
      case 7: {
        // Insert an abort of a signal in use, after its first use.
        const uses = flat.filter(({ gene }) => gene.kind === 'call' && gene.signal !== undefined);
        const use = uses.length === 0 ? undefined : rng.pick(uses);
        if (use === undefined || use.gene.kind !== 'call' || use.gene.signal === undefined) break;
        const t = use.t + rng.below(Math.min(3, ticks.length - use.t + 1));
        const abort: Gene = { kind: 'abort', signal: use.gene.signal };
        if (t >= ticks.length || (t > use.t && rng.next() < 0.3)) return { ticks: [...ticks.slice(0, t), [abort], ...ticks.slice(t)], base };
        const from = t === use.t ? use.a + 1 : 0;
        return { ticks: at(t, from + rng.below((ticks[t]?.length ?? 0) - from + 1), abort), base };
      }
      case 8: {
        // Let time pass somewhere.
        if (!this.#capabilities.timeout) break;
        return { ticks: place({ kind: 'advance', ms: rng.pick(ADVANCES) }), base };
      }
      case 9: {
        // Give a call the arguments of another call of the same name.
        const calls = flat.filter(({ gene }) => gene.kind === 'call' && gene.on === undefined);
        const target = calls.length === 0 ? undefined : rng.pick(calls);
        if (target === undefined || target.gene.kind !== 'call') break;
        const name = target.gene.action.call;
        const donors = this.#donors.filter((d) => d.call === name);
        if (donors.length === 0) break;
        const donor = rng.pick(donors);
        const signal = donor.signal === undefined ? undefined : (target.gene.signal ?? {});
        const gene: Gene = { ...target.gene, action: { ...donor, id: target.gene.action.id }, signal };
        return { ticks: ticks.map((tick, k) => (k === target.t ? tick.map((g, a) => (a === target.a ? gene : g)) : tick)), base };
      }
      case 10: {
        // Move a tick boundary: split a tick in two, or join a tick with the next.
        const t = rng.below(Math.max(ticks.length, 1));
        const tick = ticks[t];
        if (tick === undefined) break;
        if (tick.length > 1 && (rng.next() < 0.5 || t === ticks.length - 1)) {
          const split = 1 + rng.below(tick.length - 1);
          return { ticks: [...ticks.slice(0, t), tick.slice(0, split), tick.slice(split), ...ticks.slice(t + 1)], base };
        }
        if (t + 1 < ticks.length) return { ticks: [...ticks.slice(0, t), [...tick, ...(ticks[t + 1] ?? [])], ...ticks.slice(t + 2)], base };
        break;
      }
      default: {
        // Change a constructor parameter.
        const choices = this.#params.filter(([, values]) => values.length > 1);
        if (choices.length === 0) break;
        const [name, values] = rng.pick(choices);
        return { ticks, base: { ...base, params: { ...base.params, [name]: toNum(rng.pick(values)) } } };
      }
    }
    return { ticks, base };
  }
}
