import { Ticket } from '../backpressure/Ticket.js';
import { operate, Operator, requireCount, subscribeLinked } from '../stream/operate.js';

/**
 * Collects elements into arrays of `n`; the last, shorter group is emitted on completion (none is lost at any
 * boundary, and no empty group is emitted). A group carries its elements' tickets and resolves them all when it
 * is finished. The source's credit is raised to what full groups need, so a group can always fill.
 *
 * ```
 * --1--2--3--4--5--|   grouped(2)
 * -----a-----b-----(c|)   a = [1, 2], b = [3, 4], c = [5]
 * ```
 *
 * On an error the partial group is dropped unfinished (its tickets stay open: from Kafka, it is not committed).
 *
 * @param n the group size; at least 1 (`Infinity`: one group of the whole stream, so the source's credit is
 *   unbounded)
 * @category operators
 * @since 0.1.0
 */
export function grouped<A>(n: number): Operator<A, A[]> {
  requireCount('grouped', 'n', n, 1);
  return operate<A, A[]>(
    (up, out) => {
      let values: A[] = [];
      let tickets: Ticket[] = [];
      subscribeLinked(
        up,
        out,
        (t) => {
          values.push(t.value);
          tickets.push(t.ticket);
          if (values.length >= n) {
            const group = { value: values, ticket: Ticket.all(tickets) };
            values = [];
            tickets = [];
            out.next(group);
          }
        },
        (e) => out.error(e),
        () => {
          if (values.length > 0) out.next({ value: values, ticket: Ticket.all(tickets) });
          out.complete();
        },
      );
    },
    // (demand + 1) × n, capped: an infinite n must not reach the credit pool, which takes whole numbers only
    (demand) => Math.min((demand + 1) * n, Number.MAX_SAFE_INTEGER),
  );
}
