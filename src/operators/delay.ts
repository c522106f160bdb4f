import { asyncScheduler, SchedulerLike, Subscription } from 'rxjs';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Shifts every element `ms` later in time; completion comes after the last element. An error is passed on at
 * once (elements still waiting are dropped with it). Time runs on `scheduler`.
 *
 * ```
 * --a--b--|       delay(3)
 * -----a--(b|)
 * ```
 *
 * An element keeps its ticket (and its source's credit) until it is emitted.
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
        // a scheduler may run the action at once, before `schedule` returns: hence a holder, not a const
        const timer: { action?: Subscription; fired: boolean } = { fired: false };
        timer.action = scheduler.schedule(() => {
          timer.fired = true;
          // forget the action once it has run: a long stream would otherwise keep one per element
          if (timer.action !== undefined) out.remove(timer.action);
          pending--;
          out.next(t);
          if (upstreamDone && pending === 0) out.complete();
        }, ms);
        if (!timer.fired) out.add(timer.action);
      },
      (e) => out.error(e),
      () => {
        upstreamDone = true;
        if (pending === 0) out.complete();
      },
    );
  });
}
