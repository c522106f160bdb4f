import { Ticket } from '../backpressure/Ticket.js';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Puts `separator` between consecutive elements (not before the first nor after the last). Separators carry
 * free tickets: no source waits for them.
 *
 * ```
 * --a-----b-----c-----|    intersperse(',')
 * --a-----(,b)--(,c)--|
 * ```
 *
 * @category operators
 * @since 0.1.0
 */
export function intersperse<A, S = A>(separator: S): Operator<A, A | S> {
  return operate<A, A | S>((up, out) => {
    let first = true;
    subscribeLinked(up, out, (t) => {
      if (first) first = false;
      else out.next({ value: separator, ticket: Ticket.free });
      out.next(t);
    });
  });
}
