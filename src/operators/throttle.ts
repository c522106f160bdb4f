import { asyncScheduler, SchedulerLike } from 'rxjs';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Emits an element, then drops every element that comes in the next `ms` (their tickets are resolved); the
 * first element from `ms` on is emitted and opens a new window. Use {@link rateLimit} to delay instead of drop.
 *
 * ```
 * -a-b-c----d-e-|   throttle(3)
 * -a---c----d---|   (b and e are dropped)
 * ```
 *
 * @param ms the window, in milliseconds
 * @param scheduler where time runs (default `asyncScheduler`)
 * @category operators
 * @since 0.1.0
 */
export function throttle<A>(ms: number, scheduler: SchedulerLike = asyncScheduler): Operator<A, A> {
  if (!(ms >= 0)) throw new RangeError(`throttle: ms must be at least 0, got ${ms}`);
  return operate<A, A>((up, out) => {
    let openAt = -Infinity;
    subscribeLinked(up, out, (t) => {
      const now = scheduler.now();
      if (now >= openAt) {
        openAt = now + ms;
        out.next(t);
      } else t.ticket.resolve();
    });
  });
}
