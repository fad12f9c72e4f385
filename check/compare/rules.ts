/**
 * The rules a divergence is reported against, in the models' own words. Each links to its
 * section of the rules page of the documentation. Pure.
 *
 * @module
 */

/** A rule of the specification. */
export interface Rule {
  /** Its number on the rules page, where it has one. */
  readonly number?: number;
  readonly title: string;
  /** The rule, in one or two sentences. */
  readonly text: string;
  /** Its anchor on the rules page. */
  readonly anchor: string;
}

/** Every rule a divergence can break. */
export const RULES = {
  fifo: {
    number: 1,
    title: 'FIFO, direct handoff',
    text: 'Waiters are served in arrival order (by priority first, where a target serves by priority): a freed resource is handed, synchronously, to the first in line still waiting.',
    anchor: 'rule-1-fifo-direct-handoff',
  },
  noBarging: {
    number: 2,
    title: 'No barging',
    text: 'A non-blocking call never takes a resource an older waiter is eligible for.',
    anchor: 'rule-2-no-barging',
  },
  atomicCancellation: {
    number: 3,
    title: 'Atomic cancellation',
    text: 'A waiter cancelled before its handoff takes nothing; one cancelled after keeps what it was given.',
    anchor: 'rule-3-atomic-cancellation',
  },
  settlementOrder: {
    number: 4,
    title: 'Settlement order is handoff order',
    text: 'Promises settle in the order in which the handoffs were decided.',
    anchor: 'rule-4-settlement-order-is-handoff-order',
  },
  cleanup: {
    number: 5,
    title: 'Cleanup',
    text: 'A settled waiter leaves no timer, no abort listener and no reference behind.',
    anchor: 'rule-5-cleanup',
  },
  badInput: {
    number: 6,
    title: 'Bad input',
    text: 'Bad input gets a clear error and changes nothing.',
    anchor: 'rule-6-bad-input',
  },
  queues: {
    number: 7,
    title: 'Queues follow Tornado',
    text: "A put hands its item to the oldest getter; a get moves the oldest putter's item in first, then takes by the queue's order.",
    anchor: 'rule-7-queues-follow-tornado',
  },
  ownership: {
    number: 8,
    title: 'Ownership',
    text: "Every grant is one outstanding permit; a releaser gives back only its own grant, once, and release() gives back the oldest outstanding one.",
    anchor: 'rule-8-ownership',
  },
  conservation: {
    number: 3,
    title: 'Nothing lost or duplicated',
    text: 'Permits, items and wakeups are conserved: none is lost, duplicated or leaked.',
    anchor: 'rule-3-atomic-cancellation',
  },
  composite: {
    title: 'A composite ends as its body does',
    text: 'runExclusive(fn) and every call that runs a body under a grant give the grant back however the body ends, and settle with what it returned or threw: the very value or error.',
    anchor: 'composites',
  },
  observers: {
    title: 'Observers tell the truth',
    text: 'What the observers show (value, locked(), qsize(), statistics()) is the state at that very moment, right after each call.',
    anchor: 'observers',
  },
  escapes: {
    title: 'Nothing escapes a call',
    text: 'A call ends in what it returns, throws or settles: no promise rejected unhandled, no exception thrown from a callback, no process.exit(), no global replaced.',
    anchor: 'escapes',
  },
  driver: {
    title: 'The driver keeps to the protocol',
    text: 'A driver answers every message with one line of the protocol, in time, and does not exit until told to.',
    anchor: 'driver',
  },
  returns: {
    title: 'What a call returns',
    text: 'A call returns, throws or waits exactly as the specification says.',
    anchor: 'returns',
  },
} as const satisfies Record<string, Rule>;

/** The name of a rule. */
export type RuleId = keyof typeof RULES;
