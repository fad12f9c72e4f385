/**
 * The default order of a {@link PriorityQueue} given no `compare`: numbers (and bigints, which
 * compare exactly with them), strings, and arrays of these compared element by element as
 * Python compares tuples, so the `[priority, item]` idiom works. Anything else is refused at
 * the door, as is an item of another kind than those the queue holds: `<` and `>` on such
 * values would silently misorder (`'10' < '9'`, `{} < {}`, `NaN` equal to everything).
 *
 * @module
 * @internal
 */

import { Heap } from './heap.js';
import { describe } from './options.js';

/**
 * What the order knows of the items a queue holds, so that a put can be checked against all of
 * them at once: their kind, and for arrays the kind found at each position.
 */
type Shape = 'number' | 'string' | readonly Shape[];

type Kind = 'number' | 'string' | 'array';

const PLURAL: Readonly<Record<Kind, string>> = { number: 'numbers', string: 'strings', array: 'arrays' };

const HINT = 'pass a compare to the constructor to order such items, e.g. new PriorityQueue({ compare: (a, b) => a.priority - b.priority })';

/** The kind of an orderable value, or `undefined` for one that has no order (NaN included). */
function kindOf(value: unknown): Kind | undefined {
  switch (typeof value) {
    case 'number':
      return Number.isNaN(value) ? undefined : 'number';
    case 'bigint':
      return 'number';
    case 'string':
      return 'string';
    default:
      return Array.isArray(value) ? 'array' : undefined;
  }
}

function kindOfShape(shape: Shape): Kind {
  return typeof shape === 'string' ? shape : 'array';
}

/** A refusal: the reason, worded after the call's name (`PriorityQueue.put() item ...`). */
interface Refused {
  readonly refused: string;
}

/** How a message names the value at `path` in the item. */
function where(path: readonly number[], value: unknown): string {
  const shown = Array.isArray(value) ? '' : ` ${describe(value)}`;
  return path.length === 0 ? `item${shown}` : `item element ${path.join('.')}${shown === '' ? '' : `,${shown},`}`;
}

/** What a value is, for a message: `an array`, `a number`, `a bigint`, `a string`. */
function article(value: unknown): string {
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * The shape of the items held (`shape`, or none) with `value` among them, or why `value` cannot
 * be ordered with them. `path` is where `value` sits in the item; `open` the arrays being
 * walked, to refuse a cyclic one. Returns `shape` itself when `value` adds nothing to it.
 */
function merge(
  shape: Shape | undefined,
  value: unknown,
  path: number[] = [],
  // Stryker disable next-line ArrayDeclaration: open only ever holds arrays, and is searched for arrays, so a stray string in it changes nothing
  open: unknown[] = [],
): Shape | Refused {
  const kind = kindOf(value);
  if (kind === undefined) return { refused: `${where(path, value)} has no order without a compare: ${HINT}` };
  if (shape !== undefined && kindOfShape(shape) !== kind) {
    const held = PLURAL[kindOfShape(shape)];
    const holds = path.length === 0 ? `the queue holds ${held}` : `the queue's items hold ${held} there`;
    return { refused: `${where(path, value)} is ${article(value)}, but ${holds}, which the default order cannot compare with it: ${HINT}` };
  }
  if (kind !== 'array') return kind;
  const array = value as readonly unknown[];
  if (open.includes(array)) return { refused: `${where(path, array)} is a cyclic array, which has no order: ${HINT}` };
  const elements = shape as readonly Shape[] | undefined;
  let merged: Shape[] | undefined;
  open.push(array);
  for (let i = 0; i < array.length; i++) {
    path.push(i);
    const element = merge(elements?.[i], array[i], path, open);
    path.pop();
    if (typeof element === 'object' && 'refused' in element) {
      open.pop();
      return element;
    }
    // Stryker disable next-line ConditionalExpression: copying an element that did not change gives an array of the same shape, and shapes are compared by content
    if (element !== elements?.[i]) {
      // Stryker disable next-line ArrayDeclaration: with no elements every position changes, so the loop writes index 0 first, over whatever the new array held
      merged ??= elements === undefined ? [] : [...elements];
      merged[i] = element;
    }
  }
  open.pop();
  return merged ?? elements ?? [];
}

/** `<` and `>`, element by element for arrays; a shorter prefix goes first. */
function naturalCompare(a: unknown, b: unknown): number {
  // Stryker disable next-line LogicalOperator: the order admits only items of one kind at each position, so a and b are both arrays or neither
  if (Array.isArray(a) && Array.isArray(b)) {
    // Stryker disable next-line MethodExpression: past the shorter array one side is undefined, which compares as a tie with anything, so the lengths decide as before
    const n = Math.min(a.length, b.length);
    // Stryker disable next-line EqualityOperator: at i === n one side is undefined, which compares as a tie with anything, so the lengths decide as before
    for (let i = 0; i < n; i++) {
      const order = naturalCompare(a[i], b[i]);
      if (order !== 0) return order;
    }
    return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
  }
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/**
 * A heap in the default order. It admits an item only if the order can compare it with every
 * item the queue holds (in the heap or with a waiting putter): it keeps the shape of those
 * items, which starts afresh whenever the queue holds none. So a comparison never meets two
 * values it cannot order, and no item is ever refused later, at a get.
 */
export class NaturalHeap<T> extends Heap<T> {
  #shape: Shape | undefined = undefined;
  /** The shape with the item `refuse` last accepted; `admit` makes it the queue's. */
  #next: Shape | undefined = undefined;

  constructor() {
    super(naturalCompare);
  }

  /**
   * Why `item` cannot join the items the queue holds (none, if `alone`), or `undefined` if it
   * can. Changes nothing until {@link NaturalHeap.admit}.
   */
  refuse(item: T, alone: boolean): string | undefined {
    const shape = alone ? undefined : this.#shape;
    // Numbers and strings, the common items, need no walk.
    const kind = kindOf(item);
    let next: Shape | Refused;
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a fast path: merge gives a number or a string the same shape or refusal
    if (kind === 'number' || kind === 'string') next = shape === undefined || shape === kind ? kind : merge(shape, item);
    else next = merge(shape, item);
    if (typeof next === 'object' && 'refused' in next) return next.refused;
    this.#next = next;
    return undefined;
  }

  /** The item `refuse` last accepted has joined the queue (or waits to, with a putter). */
  admit(): void {
    this.#shape = this.#next;
  }
}
