/**
 * bottleneck: `new Bottleneck({ maxConcurrent: n })` runs jobs whose weights add up to at most n,
 * so it is a WeightedSemaphore of capacity n whose only acquire is running a job:
 * `schedule({ weight, expiration }, fn)` is a composite whose body is the job (`async () =>
 * fn()`: bottleneck's `schedule` takes a function returning a promise). `expiration` is a limit:
 * the job's weight goes back when it passes, and `schedule` rejects with a `BottleneckError`.
 *
 * @module
 */

import Bottleneck from 'bottleneck';
import type { Adapter } from '../check/index.js';
import { without, type Peer } from './peer.js';

const limiter: Adapter<Bottleneck> = {
  primitive: 'WeightedSemaphore',
  name: 'bottleneck',
  create: (p) => new Bottleneck({ maxConcurrent: p['capacity'] ?? 1 }),
  calls: {},
  composites: {
    schedule: {
      as: 'acquire',
      run: (l, c, body) => l.schedule({ weight: c.weight ?? 1, ...(c.limit === undefined ? {} : { expiration: c.limit }) }, async () => body()),
      limit: { settles: 'timeout' },
    },
  },
  params: { capacity: [1, 2, 3] },
  options: { timeout: false, signal: false },
  // Weight 0 is bottleneck's own: a job that takes no slot (the README: "an integer equal to or higher than 0").
  badInput: { weights: [-1, 1.5, 5] },
  choices: {
    errors: {
      TimeoutError: (e) => e instanceof Bottleneck.BottleneckError && e.message.startsWith('This job timed out'),
      RangeError: (e) => e instanceof Bottleneck.BottleneckError && e.message.startsWith('Impossible to add a job having a weight'),
    },
  },
  imports: "import Bottleneck from 'bottleneck';",
};

export const adapters: readonly Adapter[] = [limiter];

export const peer: Peer = {
  library: 'bottleneck',
  section: 'Queues, limiters and pools',
  version: '2.19.5',
  repository: 'https://github.com/SGrondin/bottleneck',
  mapping:
    "`new Bottleneck({ maxConcurrent: n })` is a WeightedSemaphore of capacity n whose only acquire is running a job: `schedule({ weight, expiration }, fn)` is a composite whose body is the job, given as `async () => fn()` (bottleneck's jobs return promises). `expiration` is a limit: the weight goes back when it passes and `schedule` rejects with a `BottleneckError`. No signals, no synchronous observers of what runs (`running()` is a promise). **Priorities are not checked**: bottleneck receives jobs one at a time through its datastore, a few continuations after `schedule` returns, so a job's priority counts only from its reception, after the jobs scheduled before it were received and, if a slot was free, started: in `new WeightedSemaphore({ capacity: 2 }); tick 1: #0 schedule(weight 1); #1 schedule(weight 2, { priority: 2 })` the model serves #1 first (jobs joining at the end of the job, as async's do), bottleneck #0. No rule of the model states an order of reception; the reservoir (`reservoir`, `minTime`, `highWater`) has no counterpart either (see *What the models leave out*).",
  adapters,
  why: {
    errors: 'an expired job rejects with a `BottleneckError` ("This job timed out after n ms."), and a job heavier than `maxConcurrent` with one that says so: they are the model\'s `TimeoutError` and `RangeError`.',
  },
  variants: [
    {
      adapter: limiter,
      finds: {
        rule: 'badInput',
        title: 'a job of weight -1 is accepted, and lets more jobs run than `maxConcurrent`',
        why: "The README says a weight \"must be an integer equal to or higher than 0\", but nothing refuses -1: the job runs, and its weight is taken off the running total, so with `maxConcurrent: 1` two jobs of weight 1 then run at once (two holders), as the reproduction's next step would show. A weight of 1.5 or above `maxConcurrent` is refused with a clear `BottleneckError`; -1 should be too. (By hand, outside the checker's bad weights: a weight of `NaN` is neither refused nor run, and every job after it waits for ever.)",
      },
    },
    { adapter: { ...without(limiter, {}, 'bad weights'), badInput: false, options: { timeout: false, signal: false } }, of: limiter.name, leavesOut: 'bad weights (finding 1): weights, expirations and every kind of job then agree' },
  ],
};
