/**
 * No false alarm for a missing capability: a port is compared only on what it offers. A field of
 * `statistics()` that belongs to a call the port lacks (a queue's `shutdown` without
 * `shutdown()`, its `unfinished` without `taskDone()` and `join()`, a barrier's `broken` without
 * `abort()`) is not demanded (check/program/families: `statisticsCalls`); reported, it is
 * compared like any other, so a port that has the call and lies in the field still fails.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Barrier, Queue } from 'toro-ts';
import { check, lockstep, nativeAdapter, type Observation, type TickTrace } from 'toro-ts/check';
import { describe, expect, test } from 'vitest';
import { families, undemandedFields } from '../check/program/families/index.js';

type Fields = Record<string, unknown>;

/**
 * A queue port built on toro-ts's Queue, without the calls `lacks` and with `statistics()`
 * rewritten by `report` (a port that leaves out fields, or lies in them).
 */
function queuePort(lacks: readonly string[], report: (statistics: Fields) => Fields): new (options?: { maxsize?: number }) => object {
  class Port {
    readonly #queue: Queue<unknown>;
    constructor(options?: { maxsize?: number }) {
      this.#queue = new Queue(options);
    }
    get maxsize(): number {
      return this.#queue.maxsize;
    }
    qsize(): number {
      return this.#queue.qsize();
    }
    statistics(): Fields {
      return report({ ...this.#queue.statistics() });
    }
    put(item: unknown, options?: object): Promise<void> {
      return this.#queue.put(item, options);
    }
    putNowait(item: unknown): void {
      this.#queue.putNowait(item);
    }
    get(options?: object): Promise<unknown> {
      return this.#queue.get(options);
    }
    getNowait(): unknown {
      return this.#queue.getNowait();
    }
    taskDone(): void {
      this.#queue.taskDone();
    }
    join(options?: object): Promise<void> {
      return this.#queue.join(options);
    }
    shutdown(immediate?: boolean): void {
      this.#queue.shutdown(immediate);
    }
  }
  for (const call of lacks) Object.defineProperty(Port.prototype, call, { value: undefined });
  return Port;
}

const without = (...names: string[]) => (statistics: Fields): Fields => Object.fromEntries(Object.entries(statistics).filter(([name]) => !names.includes(name)));
const run = async (Port: new (options?: { maxsize?: number }) => object, name: string) => (await check(nativeAdapter('Queue', Port, { name }), { runs: 300, seed: 11 })).failure;

describe('a queue port is compared only on what it offers', () => {
  test('without shutdown() and without statistics().shutdown, it passes (the checker must not FAIL)', async () => {
    expect(await run(queuePort(['shutdown'], without('shutdown')), 'no shutdown')).toBeUndefined();
  });

  test('without taskDone(), join() and shutdown(), and without their fields, it passes', async () => {
    expect(await run(queuePort(['taskDone', 'join', 'shutdown'], without('unfinished', 'shutdown')), 'a plain channel')).toBeUndefined();
  });

  test('with shutdown() and a statistics().shutdown that lies, it fails (the checker must FAIL)', async () => {
    const failure = await run(queuePort([], (s) => ({ ...s, shutdown: false })), 'lying shutdown');
    expect(failure?.divergence.summary).toMatch(/statistics\(\)\.shutdown is false, the model says true/);
  });

  test('with shutdown() and no statistics().shutdown at all, it fails: the field is demanded', async () => {
    const failure = await run(queuePort([], without('shutdown')), 'silent shutdown');
    expect(failure?.divergence.summary).toMatch(/statistics\(\)\.shutdown is undefined, the model says false/);
  });

  test('without shutdown() but reporting statistics().shutdown, the field is still compared', async () => {
    const failure = await run(queuePort(['shutdown'], (s) => ({ ...s, shutdown: true })), 'shut from the start');
    expect(failure?.divergence.summary).toMatch(/statistics\(\)\.shutdown is true, the model says false/);
  });
});

test('a barrier port without abort() need not report statistics().broken', async () => {
  class NoAbort extends Barrier {
    override statistics(): ReturnType<Barrier['statistics']> {
      const { broken: _broken, ...rest } = super.statistics();
      return rest as ReturnType<Barrier['statistics']>;
    }
  }
  Object.defineProperty(NoAbort.prototype, 'abort', { value: undefined });
  const result = await check(nativeAdapter('Barrier', NoAbort, { name: 'no abort' }), { runs: 300, seed: 11 });
  expect(result.failure).toBeUndefined();
});

test('a driver is held to the calls it declares: lockstep takes them as its offers', async () => {
  // A side that reports no shutdown field, as a driver of a queue without shutdown() would.
  const observed: Observation = { statistics: { qsize: 0, waiting: 0, putters: 0, unfinished: 0 } };
  const side = { start: (): Observation => observed, tick: async (): Promise<TickTrace> => ({ calls: [{ id: 0, result: { kind: 'returned' } }], settled: [], observed }) };
  const program = { primitive: 'Queue' as const, params: {}, ticks: [[{ call: 'getNowait', id: 0 }]] };
  const declared = new Set(['put', 'putNowait', 'get', 'getNowait', 'taskDone', 'join']);
  // getNowait on an empty queue throws QueueEmpty: the side's "returned" is the divergence (tick
  // 1), not the missing field (tick 0, once constructed).
  expect((await lockstep(program, {}, side, declared)).divergence).toMatchObject({ tick: 1, summary: 'getNowait returned otherwise than the model says' });
  expect((await lockstep(program, {}, side)).divergence?.summary).toMatch(/once constructed, statistics\(\)\.shutdown is undefined/);
});

test('every family names only fields its statistics have, and calls it has', () => {
  for (const family of families) {
    for (const primitive of family.primitives) {
      const init = family.init(primitive, primitive === 'WeightedSemaphore' ? { capacity: 1 } : {});
      const statistics = family.observe(init as never)['statistics'] as Fields;
      for (const [field, calls] of Object.entries(family.statisticsCalls ?? {})) {
        expect(Object.keys(statistics), `${primitive}.${field}`).toContain(field);
        for (const call of calls) expect(Object.keys(family.calls), `${primitive}.${field}: ${call}`).toContain(call);
      }
    }
    expect([...undemandedFields(family, new Set(Object.keys(family.calls)))], family.primitives[0]).toEqual([]);
  }
});

test('the guide says which fields are compared when, as the families do', () => {
  const guide = readFileSync(join(import.meta.dirname, '..', 'docs/guides/checking-a-port.md'), 'utf8');
  const section = guide.slice(guide.indexOf('### Which fields are compared when'));
  const rows = [...section.matchAll(/^\| ([A-Z][^|]*) \| `(\w+)` \| (.*) \|$/gm)].flatMap(([, primitives, field, calls]) =>
    (primitives as string).split(', ').map((primitive) => `${primitive} ${field}: ${[...(calls as string).matchAll(/`(\w+)`/g)].map((m) => m[1]).join(' ')}`),
  );
  const declared = families.flatMap((family) => family.primitives.flatMap((primitive) => Object.entries(family.statisticsCalls ?? {}).map(([field, calls]) => `${primitive} ${field}: ${calls.join(' ')}`)));
  expect(rows.sort()).toEqual(declared.sort());
});
