import { asyncScheduler, SchedulerLike, Subscription } from 'rxjs';
import { Ticket } from '../backpressure/Ticket.js';
import { operate, Operator, requireCount, subscribeLinked } from '../stream/operate.js';

/**
 * Collects elements into arrays of at most `n`, emitting a group when it is full **or** when `ms` have passed
 * since its first element, whichever comes first. Never emits an empty group; the last group is emitted on
 * completion. Time runs on `scheduler`, so marble tests run on virtual time.
 *
 * ```
 * -1-2-3-----4----|   groupedWithin(3, 5)
 * -----a-------b--(c|)?   a = [1, 2, 3] (full); b = [4] (5 frames after 4 arrived)
 * ```
 *
 * @param n the most elements in a group; at least 1
 * @param ms the longest a group waits after its first element, in milliseconds
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
          else if (values.length === 1) timer = scheduler.schedule(emit, ms);
        },
        (e) => out.error(e),
        () => {
          emit();
          out.complete();
        },
      );
      return () => timer?.unsubscribe();
    },
    (demand) => (demand + 1) * n,
  );
}
