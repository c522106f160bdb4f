import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Emits the first `n` elements, then completes and unsubscribes from the source (a synchronous source stops at
 * once). `n <= 0` completes without subscribing.
 *
 * ```
 * --1--2--3--4--|   take(2)
 * --1--(2|)
 * ```
 *
 * @category operators
 * @since 0.1.0
 */
export function take<A>(n: number): Operator<A, A> {
  return operate<A, A>((up, out) => {
    if (!(n > 0)) return out.complete();
    let seen = 0;
    subscribeLinked(up, out, (t) => {
      seen++;
      out.next(t);
      if (seen >= n) out.complete();
    });
  });
}
