import * as fc from 'fast-check';
import { expect, test } from 'vitest';
import { Barrier, BrokenBarrierError } from '../src/index.js';
import { badSignal, badTimeout, errorFor } from './input.js';

test('Barrier(0), Barrier(-1), Barrier(1.5), Barrier(NaN) and other non-positive or fractional numbers are RangeErrors that name the value', () => {
  for (const parties of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -0.5, 2 ** 53]) {
    expect(() => new Barrier(parties)).toThrow(RangeError);
  }
  expect(() => new Barrier(0)).toThrow('Barrier parties must be a positive integer, got 0');
  expect(() => new Barrier(1.5)).toThrow('Barrier parties must be a positive integer, got 1.5');
  expect(() => new Barrier(Number.NaN)).toThrow('Barrier parties must be a positive integer, got NaN');
  fc.assert(
    fc.property(fc.oneof(fc.integer({ max: 0 }), fc.double().filter((x) => !Number.isInteger(x))), (parties) => {
      expect(() => new Barrier(parties)).toThrow(RangeError);
    }),
  );
});

test("Barrier('2'), Barrier(null) and other non-numbers are TypeErrors that name the value", () => {
  expect(() => new Barrier('2' as never)).toThrow(TypeError);
  expect(() => new Barrier('2' as never)).toThrow('Barrier parties must be a number, got "2"');
  expect(() => new Barrier(null as never)).toThrow('Barrier parties must be a number, got null');
  for (const parties of [undefined, true, {}, [2], 2n, () => 2]) expect(() => new Barrier(parties as never)).toThrow(TypeError);
});

test('a bad timeout is a RangeError (a TypeError if not a number), a bad signal a TypeError, naming Barrier.wait(); neither joins the group nor changes anything', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(badTimeout.map((timeout) => ({ timeout })), badSignal.map((signal) => ({ signal }))), fc.nat(2), fc.boolean(), async (options, waiting, broken) => {
      const barrier = new Barrier(3);
      for (let i = 0; i < waiting; i++) barrier.wait().catch(() => undefined);
      if (broken) barrier.abort();
      const before = barrier.statistics();
      const wait = barrier.wait(options as never);
      await expect(wait).rejects.toThrow('timeout' in options ? errorFor(options.timeout) : TypeError);
      await expect(wait).rejects.toThrow(/^Barrier\.wait\(\) (timeout|signal|options)/);
      expect(barrier.statistics()).toEqual(before);
    }),
  );
});

test('options that are not an object are a TypeError', async () => {
  await expect(new Barrier(2).wait(5 as never)).rejects.toThrow('Barrier.wait() options must be an object, got 5');
});

test('reset() and abort() take no input and cannot fail; the errors they cause are BrokenBarrierErrors created where thrown', async () => {
  const barrier = new Barrier(3);
  const first = barrier.wait();
  const second = barrier.wait();
  barrier.reset();
  const [a, b] = await Promise.all([first.catch((error: unknown) => error), second.catch((error: unknown) => error)]);
  expect(a).toBeInstanceOf(BrokenBarrierError);
  expect(a).not.toBe(b);
  expect((a as Error).name).toBe('BrokenBarrierError');
  expect((a as Error).message).toBe('Barrier.reset() sent this wait() away before the barrier tripped');
});
