import { Defect } from '../om/errors.js';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Emits the running fold of the elements. The seed itself is not emitted (as in Strom and RxJS); each output
 * carries the ticket of the element that produced it.
 *
 * ```
 * --1--2--3--|   scan((s, n) => s + n, 0)
 * --1--3--6--|
 * ```
 *
 * @param f the step
 * @param seed the state before the first element
 * @category operators
 * @since 0.1.0
 */
export function scan<A, S>(f: (s: S, a: A) => S, seed: S): Operator<A, S> {
  return operate<A, S>((up, out) => {
    let s = seed;
    subscribeLinked(up, out, (t) => {
      try {
        s = f(s, t.value);
      } catch (reason) {
        return out.error(Defect.of(reason, 'scan'));
      }
      out.next({ value: s, ticket: t.ticket });
    });
  });
}
