import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Drops the first `n` elements (their tickets are resolved) and emits the rest.
 *
 * ```
 * --1--2--3--|   drop(2)
 * --------3--|
 * ```
 *
 * @category operators
 * @since 0.1.0
 */
export function drop<A>(n: number): Operator<A, A> {
  return operate<A, A>((up, out) => {
    let seen = 0;
    subscribeLinked(up, out, (t) => {
      if (seen < n) {
        seen++;
        t.ticket.resolve();
      } else out.next(t);
    });
  });
}
