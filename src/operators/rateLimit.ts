import { asyncScheduler, SchedulerLike, Subscription } from 'rxjs';
import { operate, Operator, Queue, requireCount, subscribeLinked } from '../stream/operate.js';
import { Tracked } from '../stream/Stream.js';

/**
 * Lets `n` elements through per `perMs` milliseconds at a steady rate, delaying (never dropping) the rest: a
 * token bucket that holds `n` tokens and refills one every `perMs / n` ms. A burst of up to `n` passes at once
 * after a quiet time. Elements keep their order; completion waits for the delayed ones; an error is passed on at
 * once. A waiting element keeps its ticket, so from a source with credit the waiting elements are bounded by the
 * credit.
 *
 * ```
 * -(abcd)------|   rateLimit(2, 8)
 * -(ab)c---d---|   (a token every 4 frames)
 * ```
 *
 * @param n tokens in the bucket, and elements per period; at least 1
 * @param perMs the period, in milliseconds
 * @param scheduler where time runs (default `asyncScheduler`)
 * @category operators
 * @since 0.1.0
 */
export function rateLimit<A>(
  n: number,
  perMs: number,
  scheduler: SchedulerLike = asyncScheduler,
): Operator<A, A> {
  requireCount('rateLimit', 'n', n, 1);
  if (!(perMs > 0)) throw new RangeError(`rateLimit: perMs must be positive, got ${perMs}`);
  const interval = perMs / n;
  return operate<A, A>((up, out) => {
    const waiting = new Queue<Tracked<A>>();
    let tokens = n;
    let last = scheduler.now();
    let timer: Subscription | undefined;
    let upstreamDone = false;
    const drain = (dueAt = -Infinity): void => {
      // a timer is set for the moment a token is due, and a real clock may read a hair earlier when it fires:
      // count from the due time then
      const now = Math.max(scheduler.now(), dueAt, last);
      tokens = Math.min(n, tokens + (now - last) / interval);
      last = now;
      while (tokens >= 1 - 1e-9 && waiting.length > 0 && !out.closed) {
        tokens -= 1;
        out.next(waiting.shift()!);
      }
      // an element just emitted may have ended the subscription (`take`): then no new timer
      if (out.closed) return;
      if (waiting.length === 0) {
        if (upstreamDone) out.complete();
        return;
      }
      if (timer === undefined) {
        const wait = Math.max(0, (1 - tokens) * interval);
        const dueAt = now + wait;
        timer = scheduler.schedule(() => {
          timer = undefined;
          drain(dueAt);
        }, wait);
      }
    };
    subscribeLinked(
      up,
      out,
      (t) => {
        waiting.push(t);
        drain();
      },
      (e) => out.error(e),
      () => {
        upstreamDone = true;
        if (waiting.length === 0) out.complete();
      },
    );
    return () => timer?.unsubscribe();
  });
}
