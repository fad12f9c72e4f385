/**
 * An expiration that frees the job's slot without retiring the job: when the limit passes the
 * slot goes back, and when the job's body ends, later, it goes back again, so the limiter runs
 * one job more than it allows from then on. The pattern of a timeout path and a completion path
 * that both apply a job's end (openclaw/openclaw#50307, the job's result applied twice on a
 * timeout; zoolutions/pgbus#460, a semaphore expired under a running job, and the next job
 * admitted beside it took no slot at all).
 *
 * What the checker finds (ZOO_SEED, shrunk; asserted by properties/zoo.test.ts): one slot; a
 * job with a limit of 1 ms whose body is still held when 20 ms pass, and whose body then ends:
 * the model has its one slot free; the broken one has two.
 */

import { ZooLimiter } from './limiter-base.js';

export class ExpirationReleasesTwiceLimiter extends ZooLimiter {
  override expire(): void {
    // Frees a slot, but the job's grant stays outstanding: its end frees it again.
    this.giveBack(undefined);
  }
}
