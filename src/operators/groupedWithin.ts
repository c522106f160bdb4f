import { asyncScheduler, SchedulerLike, Subscription } from 'rxjs';
import { Ticket } from '../backpressure/Ticket.js';
import { operate, Operator, requireCount, subscribeLinked } from '../stream/operate.js';

/**
 * Collects elements into arrays of at most `n`, emitting a group when it is full **or** when `ms` have passed
 * since its first element, whichever comes first. Never emits an empty group; the last group is emitted on
 * completion. Time runs on `scheduler`, so marble tests run on virtual time.
 *
 * ```
 * -1-2-3---4-------5-|       groupedWithin(3, 5)
 * -----a--------b----(c|)    a = [1, 2, 3] (full), b = [4] (5 ms after 4), c = [5] (on completion)
 * ```
 *
 * A group carries its elements' tickets and resolves them all when it is finished; on an error the partial
 * group is dropped unfinished (its tickets stay open). The source's credit is raised to what full groups need.
 *
 * @param n the most elements in a group; at least 1 (`Infinity`: no size limit, and the source's credit is
 *   unbounded)
 * @param ms the longest a group waits after its first element, in milliseconds (`Infinity`: no time limit)
 * @param scheduler where time runs (default `asyncScheduler`)
 * @category operators
 * @since 0.1.0
 */
export function groupedWithin<A>(
  n: number,
  ms: number,
  scheduler: SchedulerLike = asyncScheduler,
): Operator<A, A[]> {
  requireCount('groupedWithin', 'n', n, 1);
  if (!(ms >= 0)) throw new RangeError(`groupedWithin: ms must be at least 0, got ${ms}`);
  return operate<A, A[]>(
    (up, out) => {
      let values: A[] = [];
      let tickets: Ticket[] = [];
      let timer: Subscription | undefined;
      const emit = (): void => {
        timer?.unsubscribe();
        timer = undefined;
        if (values.length === 0) return;
        const group = { value: values, ticket: Ticket.all(tickets) };
        values = [];
        tickets = [];
        out.next(group);
      };
      subscribeLinked(
        up,
        out,
        (t) => {
          values.push(t.value);
          tickets.push(t.ticket);
          if (values.length >= n) emit();
          // an infinite delay must not reach the scheduler: setInterval would turn it into 1 ms
          else if (values.length === 1 && ms !== Infinity) timer = scheduler.schedule(emit, ms);
        },
        (e) => out.error(e),
        () => {
          emit();
          out.complete();
        },
      );
      return () => timer?.unsubscribe();
    },
    // (demand + 1) × n, capped: an infinite n must not reach the credit pool, which takes whole numbers only
    (demand) => Math.min((demand + 1) * n, Number.MAX_SAFE_INTEGER),
  );
}
