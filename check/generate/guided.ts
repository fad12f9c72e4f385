/**
 * The guided search: programs chosen on the model for where they go, mixed with the random
 * search's own.
 *
 * A run is cut into campaigns of {@link CAMPAIGN} programs. The first {@link SCREENED} of each
 * are chosen: for each, {@link CANDIDATES} candidates (the random search's program at that
 * index, a mutant of the campaign's corpus, and other random programs) run on the model alone,
 * and the one that reaches the most the campaign has not reached yet (states and transitions,
 * as `coverage.ts` reads them, a transition of a rare operation worth more) is the program; it
 * joins the corpus when it reached anything new. Once {@link IDLE} choices in a row add nothing
 * (a small model is all covered), and past the head, the program is the random search's. Why
 * so: bugs show in the first few dozen programs or not for a long while, and a program that goes
 * where none went shows more than one more of the same; choosing costs several model runs per
 * program, which the head of a campaign can afford and the whole run could not.
 *
 * A mutant is one to four of: dropping an action or a tick, inserting a call another program
 * made, an abort of a signal in use after its use, or time passing, duplicating an action or a
 * tick, splicing two programs (the start of one, the end of another), appending the end of
 * another, splitting or joining ticks, giving a call the arguments of another call of the same
 * name, changing the constructor's parameters. Every action a mutant has comes from a program
 * the random generator made for the same target, so a mutant never makes a call, passes an
 * option or uses a parameter the target lacks. A mutant is then made whole again: calls
 * numbered afresh in order, signals in order of first use, a call on a handle dropped when the
 * call that was given the handle is gone.
 *
 * What a program reaches is read on the model alone, so every program is a function of the
 * seed, the index and the target's capabilities and choices: the same seed runs the same
 * programs; program `i` is made again, by whoever asks for it, by choosing the head of its
 * campaign up to `i` on the model (a few hundred model runs at most), so a report's path replays
 * it and shares of a run (workers, shards) run exactly the whole run's programs.
 *
 * @module
 */

import { familyOf } from '../program/families/index.js';
import { isCall, toNum, type Action, type CallAction, type PrimitiveName, type Program } from '../program/program.js';
import { Coverage, type Reached } from './coverage.js';
import { ADVANCES, cut, givesHandleFor, type Capabilities } from './generate.js';
import { programSeed } from './sequence.js';

/** Programs in a campaign: the coverage and the corpus start afresh after this many. */
export const CAMPAIGN = 1000;
/** Programs at the head of a campaign chosen on the model, at most. */
export const SCREENED = 64;
/**
 * Choices in a row where no candidate went anywhere new, after which a campaign's head stops
 * choosing: the model's states and transitions are all reached (a lock has a few dozen), and
 * choosing among candidates that add nothing only costs.
 */
export const IDLE = 4;
/** The candidates each of those is chosen among. */
export const CANDIDATES = 4;

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
  // Within the target's choices, whatever the mutations did: a handle released once is not
  // released again (releaseOnce), and no call is given a signal already aborted (abortedSignals).
  const released = new Set<object>();
  const aborted = new Set<object>();
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
        aborted.add(gene.signal);
        actions.push({ abort: signalOf(gene.signal) });
        continue;
      }
      // A call on a handle whose call is gone, or comes later, has nothing to be made on.
      const on = gene.on === undefined ? undefined : ids.get(gene.on);
      if (gene.on !== undefined && (on === undefined || !handles.has(gene.on))) continue;
      if (gene.on !== undefined && capabilities.releaseOnce === true) {
        if (released.has(gene.on)) continue;
        released.add(gene.on);
      }
      if (gene.signal !== undefined && capabilities.abortedSignals === false && aborted.has(gene.signal)) continue;
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

/** Where a program of a guided run came from. */
export type Origin = 'random' | 'fresh' | 'mutant';

/** What a guided search needs besides the target's capabilities. */
export interface GuidedOptions {
  readonly primitive: PrimitiveName;
  readonly capabilities: Capabilities;
  /** The run's seed. */
  readonly seed: number;
  /** @defaultValue 30 */
  readonly maxTicks?: number;
  /**
   * The random program of the run with seed `seed` at `index`: with the run's own seed, the
   * program the random search runs there.
   */
  fresh(seed: number, index: number): Program;
  /** Where `program` goes on the model (a session under the target's choices, recorded). */
  reach(program: Program): Reached;
}

/** The head of a campaign as chosen so far: what its programs reached, and the corpus. */
interface Head {
  readonly campaign: number;
  readonly chosen: { readonly program: Program; readonly origin: Origin }[];
  readonly coverage: Coverage;
  readonly corpus: Program[];
  /** Calls of the programs chosen so far, to give mutants (at most {@link DONORS}). */
  readonly donors: CallAction[];
  /** Choices in a row that added nothing. */
  idle: number;
}

/** The most calls kept to give mutants. */
const DONORS = 256;

/**
 * Programs chosen on the model: the first {@link SCREENED} programs of every campaign of
 * {@link CAMPAIGN} are each the candidate, among {@link CANDIDATES}, that reaches the most the
 * campaign's programs before it did not (until {@link IDLE} choices in a row add nothing);
 * every other program is the random search's.
 */
export class GuidedSearch {
  readonly #options: GuidedOptions;
  readonly #maxTicks: number;
  readonly #params: readonly (readonly [string, readonly number[]])[];
  #head: Head | undefined;

  constructor(options: GuidedOptions) {
    this.#options = options;
    this.#maxTicks = options.maxTicks ?? 30;
    const recipe = familyOf(options.primitive).recipe(options.primitive);
    this.#params = Object.entries(recipe.params).map(([name, values]) => [name, [...new Set(options.capabilities.params?.[name] ?? values)]] as const);
  }

  /**
   * Program `index` of the run. Programs at the head of a campaign are chosen in order, on the
   * model only; asking for one past those already chosen chooses the ones between.
   */
  programAt(index: number): { readonly program: Program; readonly origin: Origin } {
    const campaign = Math.floor(index / CAMPAIGN);
    const position = index % CAMPAIGN;
    if (position >= SCREENED) return { program: this.#options.fresh(this.#options.seed, index), origin: 'random' };
    let head = this.#head;
    if (head === undefined || head.campaign !== campaign) {
      head = { campaign, chosen: [], coverage: new Coverage(), corpus: [], donors: [], idle: 0 };
      this.#head = head;
    }
    while (head.chosen.length <= position) this.#choose(head, campaign * CAMPAIGN + head.chosen.length);
    return head.chosen[position] as { program: Program; origin: Origin };
  }

  /** Chooses program `index` of the head: the candidate that reaches the most that is new. */
  #choose(head: Head, index: number): void {
    const { seed } = this.#options;
    if (head.idle >= IDLE) {
      head.chosen.push({ program: this.#options.fresh(seed, index), origin: 'random' });
      return;
    }
    const rng = new Rng(programSeed(seed ^ 0x5eed, index));
    const candidates: { program: Program; origin: Origin }[] = [{ program: this.#options.fresh(seed, index), origin: 'random' }];
    const mutant = head.corpus.length === 0 ? undefined : this.#mutant(head, rng);
    if (mutant !== undefined) candidates.push({ program: mutant, origin: 'mutant' });
    for (let j = 1; candidates.length < CANDIDATES; j++) candidates.push({ program: this.#options.fresh(programSeed(seed ^ 0x9e3779b9, j), index), origin: 'fresh' });
    let best = 0;
    let bestScore = -1;
    const reached = candidates.map(({ program }) => this.#options.reach(program));
    reached.forEach((r, i) => {
      const score = head.coverage.novelty(r);
      // Ties go to the earlier candidate, the random program first.
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    const chosen = candidates[best] as { program: Program; origin: Origin };
    head.chosen.push(chosen);
    head.idle = bestScore > 0 ? 0 : head.idle + 1;
    if (head.coverage.add(reached[best] as Reached) > 0) head.corpus.push(chosen.program);
    for (const action of chosen.program.ticks.flat()) {
      if (!isCall(action) || action.on !== undefined) continue;
      if (head.donors.length < DONORS) head.donors.push(action);
      else head.donors[rng.below(DONORS)] = action;
    }
  }

  /** A mutant of a corpus program: one to four mutations, the newest programs likelier. */
  #mutant(head: Head, rng: Rng): Program | undefined {
    // Half the time one of the eight newest, else any.
    const pool = rng.next() < 0.5 ? head.corpus.slice(-8) : head.corpus;
    const parent = rng.pick(pool);
    let ticks = genome(parent);
    let base = parent;
    const rounds = 1 + rng.below(4);
    for (let i = 0; i < rounds; i++) ({ ticks, base } = this.#mutate(ticks, base, rng, head));
    const program = whole(base, ticks, this.#options.capabilities, this.#maxTicks);
    return program.ticks.length === 0 ? undefined : program;
  }

  #mutate(ticks: Genome, base: Program, rng: Rng, head: Head): { ticks: Genome; base: Program } {
    const flat = ticks.flatMap((tick, t) => tick.map((gene, a) => ({ gene, t, a })));
    const other = (): Genome => genome(rng.pick(head.corpus));
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
        if (head.donors.length === 0) break;
        const action = rng.pick(head.donors);
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
        if (!this.#options.capabilities.timeout) break;
        return { ticks: place({ kind: 'advance', ms: rng.pick(ADVANCES) }), base };
      }
      case 9: {
        // Give a call the arguments of another call of the same name.
        const calls = flat.filter(({ gene }) => gene.kind === 'call' && gene.on === undefined);
        const target = calls.length === 0 ? undefined : rng.pick(calls);
        if (target === undefined || target.gene.kind !== 'call') break;
        const name = target.gene.action.call;
        const donors = head.donors.filter((d) => d.call === name);
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
