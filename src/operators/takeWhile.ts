import { Defect } from '../om/errors.js';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Emits elements while they satisfy `predicate`; completes at the first that does not (that one is dropped:
 * its ticket is resolved).
 *
 * ```
 * --1--2--3--1--|   takeWhile((n) => n < 3)
 * --1--2--|
 * ```
 *
 * @category operators
 * @since 0.1.0
 */
export function takeWhile<A>(predicate: (a: A) => boolean): Operator<A, A> {
  return operate<A, A>((up, out) => {
    subscribeLinked(up, out, (t) => {
      let ok: boolean;
      try {
        ok = predicate(t.value);
      } catch (reason) {
        return out.error(Defect.of(reason, 'takeWhile'));
      }
      if (ok) return out.next(t);
      t.ticket.resolve();
      out.complete();
    });
  });
}
