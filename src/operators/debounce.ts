import { asyncScheduler, SchedulerLike, Subscription } from 'rxjs';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';
import { Tracked } from '../stream/Stream.js';

/**
 * Emits an element only once `ms` have passed without a newer one; an element overtaken by a newer one is
 * dropped (its ticket is resolved). On completion the last waiting element is emitted at once.
 *
 * ```
 * -a-b-----c--|   debounce(3)
 * ------b-----(c|)
 * ```
 *
 * The waiting element keeps its ticket: from a source with a single credit, the source waits for it, and nothing
 * is dropped.
 *
 * @param ms the quiet time, in milliseconds
 * @param scheduler where time runs (default `asyncScheduler`)
 * @category operators
 * @since 0.1.0
 */
export function debounce<A>(ms: number, scheduler: SchedulerLike = asyncScheduler): Operator<A, A> {
  if (!(ms >= 0)) throw new RangeError(`debounce: ms must be at least 0, got ${ms}`);
  return operate<A, A>(
    (up, out) => {
      let held: Tracked<A> | undefined;
      let timer: Subscription | undefined;
      const emit = (): void => {
        timer?.unsubscribe();
        timer = undefined;
        const t = held;
        held = undefined;
        if (t !== undefined) out.next(t);
      };
      subscribeLinked(
        up,
        out,
        (t) => {
          // the state first: resolving the overtaken element's ticket may bring a newer element in, right here
          const overtaken = held;
          held = t;
          timer?.unsubscribe();
          timer = scheduler.schedule(emit, ms);
          overtaken?.ticket.resolve();
        },
        (e) => out.error(e),
        () => {
          emit();
          out.complete();
        },
      );
      return () => timer?.unsubscribe();
    },
    (demand) => demand + 1,
  );
}
