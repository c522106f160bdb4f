import { Defect } from '../om/errors.js';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Applies `f` to each element. The element keeps its ticket.
 *
 * ```
 * --1--2--3--|   map((n) => n * 10)
 * --a--b--c--|   a = 10, b = 20, c = 30
 * ```
 *
 * A throw from `f` fails the stream with a `Defect`.
 *
 * @example
 * fromArray([1, 2, 3]).pipe(map((n) => n * 10))
 *
 * @param f the function, with the element's index
 * @category operators
 * @since 0.1.0
 */
export function map<A, B>(f: (a: A, index: number) => B): Operator<A, B> {
  return operate<A, B>((up, out) => {
    let index = 0;
    subscribeLinked(up, out, (t) => {
      let b: B;
      try {
        b = f(t.value, index++);
      } catch (reason) {
        return out.error(Defect.of(reason, 'map'));
      }
      out.next({ value: b, ticket: t.ticket });
    });
  });
}
