/**
 * The shape of `bench/results.json`, what `npm run bench -- --json=FILE` writes and the docs'
 * Performance page is drawn from (`docs/performance.ts`). Types only: the bench writes it, the
 * docs read it.
 *
 * @module
 */

import type { MemoryResult } from './memory.js';
import type { Comparison, PairedRow, PairSettings } from './paired.js';

/** Where and when the figures were measured, and how busy the machine was. */
export interface Machine {
  /** When the run ended, ISO 8601. */
  readonly date: string;
  /** The commit measured (`git rev-parse --short HEAD`), marked if src/ or bench/ had changes. */
  readonly commit: string;
  readonly node: string;
  readonly arch: string;
  readonly os: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly mode: 'quick' | 'full';
  readonly clock: string;
  readonly pairs: PairSettings;
  /** The 1-minute load average when the run started and when it ended. */
  readonly load: { readonly start: number; readonly end: number };
}

/** A light scenario, measured by pairs: every contender against the floor, toro-ts against the rows its targets name. */
export interface PairedJson {
  readonly id: string;
  readonly group: string;
  readonly title: string;
  readonly op: string;
  readonly rows: readonly PairedRow[];
  readonly comparisons: readonly Comparison[];
}

/** A scaling family: ns per operation of each row at each n (`null` where a row was not run). */
export interface ScalingJson {
  readonly title: string;
  readonly op: string;
  readonly sizes: readonly number[];
  readonly rows: readonly { readonly name: string; readonly role: string; readonly ns: readonly (number | null)[] }[];
}

export interface Results {
  readonly machine: Machine;
  readonly paired: readonly PairedJson[];
  readonly scaling: readonly ScalingJson[];
  readonly memory: MemoryResult | undefined;
}
