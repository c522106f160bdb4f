import { asyncScheduler, SchedulerLike } from 'rxjs';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Shifts every element `ms` later in time; completion comes after the last element. An error is passed on at
 * once. Time runs on `scheduler`.
 *
 * ```
 * --a--b--|    delay(3)
 * -----a--b--|
 * ```
 *
 * @param ms the delay, in milliseconds
 * @param scheduler where time runs (default `asyncScheduler`)
 * @category operators
 * @since 0.1.0
 */
export function delay<A>(ms: number, scheduler: SchedulerLike = asyncScheduler): Operator<A, A> {
  if (!(ms >= 0)) throw new RangeError(`delay: ms must be at least 0, got ${ms}`);
  return operate<A, A>((up, out) => {
    let pending = 0;
    let upstreamDone = false;
    subscribeLinked(
      up,
      out,
      (t) => {
        pending++;
        out.add(
          scheduler.schedule(() => {
            pending--;
            out.next(t);
            if (upstreamDone && pending === 0) out.complete();
          }, ms),
        );
      },
      (e) => out.error(e),
      () => {
        upstreamDone = true;
        if (pending === 0) out.complete();
      },
    );
  });
}
