/**
 * The seed's queue program, replayed call by call through the model (`queueStep`), for the
 * guide "The seed's programs". Each schedule is the order in which one event loop makes the
 * program's calls; the model decides, at each call, who is handed what. The guide's tables are
 * this module's output, and a test keeps them equal.
 */

import { queueInit, queueStep, type QueueOp, type QueueState, type Settlement } from '../model/index.js';

/** One call of the program, as the table names it, and the model op it is. */
interface Call {
  readonly who: string;
  readonly call: string;
  readonly op: QueueOp;
}

const item = (n: number) => ({ key: n, label: n });

/** Waiter numbers: puts are 10 + item, the consumer's gets 20 + i, main's join 30. */
const put = (n: number): Call => ({ who: 'producer', call: `put(${n})`, op: { kind: 'put', waiter: 10 + n, item: item(n), options: {} } });
const get = (i: number): Call => ({ who: 'consumer', call: 'get()', op: { kind: 'get', waiter: 20 + i, options: {} } });
const taskDone: Call = { who: 'consumer', call: 'taskDone()', op: { kind: 'taskDone' } };
const join: Call = { who: 'main', call: 'join()', op: { kind: 'join', waiter: 30, options: {} } };
const sleep: Call = { who: '', call: '*10 ms pass*', op: { kind: 'getNowait' } };

/**
 * The order in which the calls happen in JavaScript (toro-ts): `consumer()` runs at once up to
 * its first `await`, and every `await` resumes in a later microtask, oldest settlement first.
 */
export const JAVASCRIPT: readonly Call[] = [
  get(0), put(0), put(1), put(2), put(3),
  sleep, taskDone, get(1), put(4),
  sleep, taskDone, get(2), join,
  sleep, taskDone, get(3),
  sleep, taskDone, get(4),
  sleep, taskDone, get(5),
];

/**
 * The order on asyncio (`create_task(consumer())`) and on today's Tornado
 * (`spawn_callback(consumer)`): the consumer starts one loop iteration later, so the producer
 * fills the queue first.
 */
export const PYTHON: readonly Call[] = [
  put(0), put(1), put(2), get(0),
  put(3), sleep, taskDone, get(1),
  put(4), sleep, taskDone, get(2),
  join, sleep, taskDone, get(3),
  sleep, taskDone, get(4),
  sleep, taskDone, get(5),
];

/** What a settlement lets its waiter print when it resumes: the program's own lines. */
function printed(settlement: Settlement): string {
  if (settlement.outcome !== 'resolved') return `${settlement.outcome}?`;
  if (settlement.waiter >= 30) return 'Done';
  if (settlement.waiter >= 20) return `Doing work on ${(settlement.value as { label: number }).label}`;
  return `Put ${settlement.waiter - 10}`;
}

function who(waiter: number): string {
  if (waiter >= 30) return 'join()';
  if (waiter >= 20) return `get() #${waiter - 20 + 1}`;
  return `put(${waiter - 10})`;
}

function decision(before: QueueState, after: QueueState, settled: readonly Settlement[], call: Call): string {
  const parts: string[] = [];
  for (const settlement of settled) {
    const value = settlement.outcome === 'resolved' ? (settlement.value as { label: number } | undefined) : undefined;
    if (settlement.waiter >= 20 && settlement.waiter < 30) parts.push(`${who(settlement.waiter)} is handed ${value?.label}`);
    else parts.push(`${who(settlement.waiter)} resolves`);
  }
  const moved = after.entered.length - before.entered.length;
  if (call.op.kind === 'get' && before.putters.length > after.putters.length) {
    parts.unshift(`${before.putters[0]?.item.label} moves in from its putter`);
  } else if (call.op.kind === 'put' && moved === 1 && after.received.length === before.received.length) {
    parts.unshift(`${call.op.item.label} enters the buffer`);
  }
  if (settled.length === 0 && after.getters.length > before.getters.length) parts.push('waits: the queue is empty');
  if (settled.length === 0 && after.putters.length > before.putters.length) parts.push('waits: the queue is full');
  if (settled.length === 0 && after.joiners.length > before.joiners.length) parts.push(`waits: ${after.unfinished} unfinished`);
  if (call.op.kind === 'taskDone' && settled.length === 0) parts.push(`${after.unfinished} unfinished`);
  return parts.join('; ');
}

/** The lines a schedule makes the program print, in the order the model settles them. */
export function settlementOrder(schedule: readonly Call[]): string[] {
  return replay(schedule).flatMap((row) => row.prints);
}

interface Row {
  readonly call: Call;
  readonly decision: string;
  readonly buffer: string;
  readonly prints: readonly string[];
}

function replay(schedule: readonly Call[]): Row[] {
  const initial = queueInit('fifo', 2);
  if ('error' in initial) throw new Error('Queue(maxsize=2) must be valid');
  let state: QueueState = initial;
  return schedule.map((call) => {
    if (call === sleep) return { call, decision: '', buffer: '', prints: [] };
    const step = queueStep(state, call.op);
    const row = {
      call,
      decision: decision(state, step.state, step.settled, call),
      buffer: `[${step.state.buffer.map((entry) => entry.label).join(', ')}]`,
      prints: step.settled.map(printed),
    };
    state = step.state;
    return row;
  });
}

/** The schedule as a markdown table: call, the model's decision, the buffer after, and who may print. */
export function traceTable(schedule: readonly Call[]): string {
  const lines = ['| # | who | call | the model decides | buffer after | settles, in order |', '| --- | --- | --- | --- | --- | --- |'];
  let n = 0;
  for (const row of replay(schedule)) {
    if (row.call === sleep) {
      lines.push(`|  |  | ${sleep.call} |  |  |  |`);
      continue;
    }
    n++;
    lines.push(`| ${n} | ${row.call.who} | \`${row.call.call}\` | ${row.decision} | ${row.buffer} | ${row.prints.map((line) => `"${line}"`).join(', ')} |`);
  }
  return lines.join('\n');
}
