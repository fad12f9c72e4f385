/**
 * The error classes: `name` lives on the prototype, as it does on the built-in errors, so an
 * error's own enumerable fields are its data (`timeout`), not its class; `String(error)`,
 * `error.name` and `instanceof` still tell which it is.
 */

import { expect, test } from 'vitest';
import { InvalidStateError, QueueEmpty, QueueFull, TimeoutError } from '../src/index.js';

const errors = [
  ['TimeoutError', () => new TimeoutError(1)],
  ['QueueEmpty', () => new QueueEmpty()],
  ['QueueFull', () => new QueueFull()],
  ['InvalidStateError', () => new InvalidStateError('bad state')],
] as const;

test('each error class has its name on the prototype, not as an own enumerable field', () => {
  for (const [name, make] of errors) {
    const error = make();
    expect(Object.keys(error)).not.toContain('name');
    expect(Object.prototype.hasOwnProperty.call(error, 'name')).toBe(false);
    expect(error.name).toBe(name);
    expect(String(error)).toBe(`${name}: ${error.message}`);
    expect(error).toBeInstanceOf(Error);
    const descriptor = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(error) as object, 'name');
    expect(descriptor).toMatchObject({ value: name, enumerable: false, writable: true, configurable: true });
  }
  expect(Object.keys(new TimeoutError(1))).toEqual(['timeout']);
});

test("an AbortSignal.timeout() rejection is a DOMException named 'TimeoutError', which is not a toro-ts TimeoutError", async () => {
  const { Semaphore } = await import('../src/index.js');
  const semaphore = new Semaphore(0);
  const ours = await semaphore.acquire({ timeout: 1 }).catch((error: unknown) => error);
  const theirs = await semaphore.acquire({ signal: AbortSignal.timeout(1) }).catch((error: unknown) => error);
  expect(ours).toBeInstanceOf(TimeoutError);
  expect(theirs).not.toBeInstanceOf(TimeoutError);
  expect(theirs).toBeInstanceOf(DOMException);
  expect((theirs as DOMException).name).toBe('TimeoutError');
  expect(semaphore.statistics()).toEqual({ value: 0, waiting: 0 });
});
