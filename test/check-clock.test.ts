/**
 * The virtual clock (check/run/clock.ts) on its own: immediates and timers in the event loop's
 * order, node:timers/promises on the same clock, one clock at a time, everything given back,
 * and the fence's records of what escapes.
 */

import { createRequire, syncBuiltinESMExports } from 'node:module';
import { setImmediate as importedImmediate, setTimeout as importedTimeout } from 'node:timers';
import { scheduler, setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, test } from 'vitest';
import { virtualClock, type VirtualClock } from '../check/run/clock.js';

const require = createRequire(import.meta.url);
const builtins = { timers: require('node:timers') as object, timersPromises: require('node:timers/promises') as object, syncBuiltinESMExports };
const real = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout, setImmediate: globalThis.setImmediate, importedTimeout, importedImmediate, sleep, wait: scheduler.wait };

let installed: VirtualClock | undefined;
const install = (turns?: 'microtasks'): VirtualClock => {
  installed = virtualClock({ builtins, ...(turns === undefined ? {} : { turns }) });
  installed.install();
  return installed;
};
afterEach(() => {
  installed?.uninstall();
  installed = undefined;
});

describe('the schedule', () => {
  test('a chain of immediates runs to its end within one settle, before a timer due then', async () => {
    const clock = install();
    const order: string[] = [];
    setTimeout(() => order.push('timer 0'), 0);
    const chain = (n: number): void => {
      order.push(`immediate ${n}`);
      if (n < 5) setImmediate(() => chain(n + 1));
    };
    setImmediate(() => chain(1));
    const cleared = setImmediate(() => order.push('cleared'));
    clearImmediate(cleared);
    await clock.settle();
    expect(order).toEqual(['immediate 1', 'immediate 2', 'immediate 3', 'immediate 4', 'immediate 5', 'timer 0']);
  });

  test('named imports of node:timers and node:timers/promises are the virtual ones while installed, and the real ones after', async () => {
    const clock = install();
    expect(importedTimeout).not.toBe(real.importedTimeout);
    const order: string[] = [];
    importedTimeout(() => order.push('imported 10'), 10);
    void sleep(5, 'sleep 5').then((value) => order.push(value));
    void scheduler.wait(7).then(() => order.push('wait 7'));
    const cancel = new AbortController();
    const cancelled = sleep(1, 'never', { signal: cancel.signal }).catch((error: Error) => order.push(error.name));
    cancel.abort();
    await cancelled;
    expect(clock.timers()).toBe(3);
    await clock.advance(20);
    expect(order).toEqual(['AbortError', 'sleep 5', 'wait 7', 'imported 10']);
    expect(clock.timers()).toBe(0);
    clock.uninstall();
    installed = undefined;
    expect([importedTimeout, importedImmediate, sleep, scheduler.wait]).toEqual([real.importedTimeout, real.importedImmediate, real.sleep, real.wait]);
  });

  test('with microtask turns, a run never yields to the host: a real immediate queued before runs after', async () => {
    const clock = install('microtasks');
    let host = false;
    real.setImmediate(() => (host = true));
    const order: number[] = [];
    setTimeout(() => order.push(1), 1);
    void Promise.resolve().then(() => Promise.resolve()).then(() => order.push(0));
    await clock.advance(5);
    expect(order).toEqual([0, 1]);
    expect(host).toBe(false);
  });
});

describe('the fence', () => {
  test('a second clock cannot be installed while one is', () => {
    install();
    expect(() => virtualClock().install()).toThrow('a virtual clock is installed already: runs on a virtual clock must not overlap');
  });

  test('a replaced global is reported once and put back; uninstall gives back everything, replaced or not', async () => {
    const clock = install();
    const fake = globalThis.setTimeout;
    globalThis.setTimeout = (() => 0) as unknown as typeof setTimeout;
    const promise = globalThis.Promise;
    (globalThis as { Promise: unknown }).Promise = class {};
    expect(clock.escapes()).toEqual(['globalThis.setTimeout was replaced', 'globalThis.Promise was replaced']);
    expect(globalThis.setTimeout).toBe(fake);
    expect(globalThis.Promise).toBe(promise);
    expect(clock.escapes()).toEqual([]);
    Date.now = () => 0;
    clock.uninstall();
    installed = undefined;
    expect(globalThis.setTimeout).toBe(real.setTimeout);
    expect(Date.now()).toBeGreaterThan(0);
  });

  test('a throw from a timer, an unhandled rejection and process.exit() are recorded, and none escapes the clock', async () => {
    const clock = install();
    setTimeout(() => {
      throw new Error('from a timer');
    }, 1);
    void Promise.reject(new Error('unhandled'));
    expect(() => process.exit(2)).toThrow('process.exit(2) was called during a program: the checker stopped it');
    await clock.advance(1);
    expect(clock.escapes()).toEqual(['process.exit(2)', 'unhandled rejection: Error: unhandled', 'uncaught exception in a timer: Error: from a timer']);
  });

  test('a loop that never goes idle is stopped and reported', async () => {
    const clock = install();
    const again = (): void => void setImmediate(again);
    again();
    await clock.settle();
    expect(clock.escapes()).toEqual(['the event loop never went idle: 100000 timers and immediates in one tick']);
  });

  test('a real timer set during the run is counted, until it is cleared', () => {
    const clock = install();
    const timer = real.setTimeout(() => undefined, 1000);
    expect(clock.timers()).toBe(1);
    real.clearTimeout(timer);
    // An unref'd one is not counted: Node does not count it as live.
    real.setTimeout(() => undefined, 0).unref();
    expect(clock.timers()).toBe(0);
  });
});
