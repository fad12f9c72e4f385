/**
 * What a peer file (one per library) declares besides its adapters: the library and its pinned
 * version, why each contract choice its adapters declare is a legitimate difference, and the
 * variants `npm run check:peers` runs, each with what the checker must find in it.
 *
 * The first variant of an adapter is the adapter itself, every feature on; a variant that
 * leaves out the feature that shows a bug (say, timeouts) lets the checker find the next one.
 * The last variant of each adapter must agree with its model: it is the library as the page
 * says it passes, and `test/peers.test.ts` runs it.
 *
 * @module
 */

import type { Adapter, Choices, RuleId } from '../check/index.js';

/** What a finding is: a harmful outcome, found by the checker and reproduced without it. */
export interface Bug {
  /** The rule the checker names: generating the page fails if it names another. */
  readonly rule: RuleId;
  /** One line: what goes wrong, in the library's own words where it has them. */
  readonly title: string;
  /** Why it is a bug and not a contract difference: the harm, and how the program shows it. */
  readonly why: string;
  /** The upstream issue where one exists (or the closest one, said so in `why`). */
  readonly upstream?: string;
}

/** One adapter as the checker runs it for the page. */
export interface Variant {
  readonly adapter: Adapter;
  /** The full adapter this is a variant of (its `name`), when it leaves something out. */
  readonly of?: string;
  /** What it leaves out, and why: the feature that shows an earlier finding. */
  readonly leavesOut?: string;
  /** What the checker finds in it; absent when it must agree with its model. */
  readonly finds?: Bug;
}

/** A library the checker is run on. */
export interface Peer {
  /** The npm package. */
  readonly library: string;
  /** The exact version in package.json's devDependencies. */
  readonly version: string;
  /** Where its source and issues live. */
  readonly repository: string;
  /** How the adapters map the library's API onto the model's calls, in a few sentences. */
  readonly mapping: string;
  /**
   * What the library promises that the specification has no word for (a pool's resource
   * identity, `destroy`, `drain`), and so what was left out of its adapters, and why.
   */
  readonly unspecified?: string;
  /** The library's adapters, every feature on, each with its declared contract choices. */
  readonly adapters: readonly Adapter[];
  /** Why each declared choice (by its name in {@link Choices}) is a legitimate difference. */
  readonly why: Readonly<Partial<Record<keyof Choices, string>>>;
  readonly variants: readonly Variant[];
}

/**
 * A variant of `adapter` without some of its calls, its releaser, or its options; its name
 * says what it leaves out.
 */
export function without(
  adapter: Adapter,
  leaves: {
    readonly calls?: readonly string[];
    readonly handleRelease?: true;
    readonly timeout?: true;
    readonly signal?: true;
    /** Signals aborted before the call (live ones stay). */
    readonly abortedSignals?: true;
    readonly observers?: readonly string[];
  },
  label: string,
): Adapter {
  const calls = { ...adapter.calls };
  for (const name of leaves.calls ?? []) delete calls[name];
  const observers = { ...adapter.observers };
  for (const name of leaves.observers ?? []) delete observers[name];
  const { handleRelease, ...rest } = adapter;
  return {
    ...rest,
    name: `${adapter.name}, without ${label}`,
    calls,
    observers,
    ...(leaves.handleRelease === true || handleRelease === undefined ? {} : { handleRelease }),
    options: {
      ...adapter.options,
      timeout: leaves.timeout === true ? false : (adapter.options?.timeout ?? true),
      signal: leaves.signal === true ? false : (adapter.options?.signal ?? true),
      ...(leaves.abortedSignals === true ? { abortedSignals: false } : {}),
    },
  };
}
