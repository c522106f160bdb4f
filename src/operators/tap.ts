import { Defect } from '../om/errors.js';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Calls `f` with each element for its side effect and passes the element on unchanged.
 *
 * ```
 * --1--2--|   tap((n) => seen.push(n))
 * --1--2--|
 * ```
 *
 * A throw from `f` fails the stream with a `Defect`.
 *
 * @category operators
 * @since 0.1.0
 */
export function tap<A>(f: (a: A) => void): Operator<A, A> {
  return operate<A, A>((up, out) => {
    subscribeLinked(up, out, (t) => {
      try {
        f(t.value);
      } catch (reason) {
        return out.error(Defect.of(reason, 'tap'));
      }
      out.next(t);
    });
  });
}
