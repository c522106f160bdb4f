import { asyncScheduler, SchedulerLike, Subscription } from 'rxjs';
import { TimeoutError } from '../om/errors.js';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Fails the stream with a typed {@link TimeoutError} when any gap exceeds `ms`: from subscription to the first
 * element, between two elements, or from the last element to completion.
 *
 * A gap is a gap whatever its cause: when a slow stage below has used up the source's credit, the source waits,
 * and that wait counts. Put `timeout` on the part whose silence means trouble (a source, an effect's stream), or
 * give the time a slow sink needs.
 *
 * ```
 * -a--b------c-|   timeout(4)
 * -a--b---#        # = TimeoutError(4)
 * ```
 *
 * @param ms the longest gap, in milliseconds
 * @param scheduler where time runs (default `asyncScheduler`)
 * @category operators
 * @since 0.1.0
 */
export function timeout<A>(
  ms: number,
  scheduler: SchedulerLike = asyncScheduler,
): Operator<A, A, TimeoutError> {
  if (!(ms > 0)) throw new RangeError(`timeout: ms must be positive, got ${ms}`);
  return operate<A, A, TimeoutError>((up, out) => {
    let timer: Subscription | undefined;
    const arm = (): void => {
      timer?.unsubscribe();
      timer = scheduler.schedule(() => out.error(new TimeoutError(ms, 'stream')), ms);
    };
    subscribeLinked(
      up,
      out,
      (t) => {
        arm();
        out.next(t);
      },
      (e) => out.error(e),
      () => out.complete(),
    );
    // armed after subscribing, like every later gap, so that an element that comes exactly `ms` after the
    // subscription is in time (a gap must exceed `ms`)
    if (!out.closed && timer === undefined) arm();
    return () => timer?.unsubscribe();
  });
}
