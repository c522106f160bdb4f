import { Defect } from '../om/errors.js';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Drops elements while they satisfy `predicate` (their tickets are resolved), then emits the rest, from the
 * first that does not.
 *
 * ```
 * --1--2--3--1--|   dropWhile((n) => n < 3)
 * --------3--1--|
 * ```
 *
 * @category operators
 * @since 0.1.0
 */
export function dropWhile<A>(predicate: (a: A) => boolean): Operator<A, A> {
  return operate<A, A>((up, out) => {
    let dropping = true;
    subscribeLinked(up, out, (t) => {
      if (dropping) {
        try {
          dropping = predicate(t.value);
        } catch (reason) {
          return out.error(Defect.of(reason, 'dropWhile'));
        }
        if (dropping) return t.ticket.resolve();
      }
      out.next(t);
    });
  });
}
