import { linkTo, operate, Operator } from '../stream/operate.js';
import { Tracked } from '../stream/Stream.js';

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
    const link = linkTo<Tracked<A>>(out, (t) => {
      // an element that arrives re-entrantly, while the n-th is being delivered, is past the limit: like the
      // elements the source still held, it is never processed and its ticket stays open
      if (seen >= n) return;
      seen++;
      if (seen < n) return out.next(t);
      // the last one: stop the source first, so that the credit this element gives back cannot pull it again
      link.unsubscribe();
      out.next(t);
      out.complete();
    });
    up.subscribe(link);
  });
}
