import { Defect } from '../om/errors.js';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Keeps the elements that satisfy `predicate`. A dropped element is finished on purpose: its ticket is
 * resolved at once, so its credit (and, from Kafka, its offset) is not held back.
 *
 * ```
 * --1--2--3--4--|   filter((n) => n % 2 === 0)
 * -----2-----4--|
 * ```
 *
 * A throw from `predicate` fails the stream with a `Defect`.
 *
 * @param predicate the test, with the element's index
 * @category operators
 * @since 0.1.0
 */
export function filter<A, B extends A>(predicate: (a: A, index: number) => a is B): Operator<A, B>;
export function filter<A>(predicate: (a: A, index: number) => boolean): Operator<A, A>;
export function filter<A>(predicate: (a: A, index: number) => boolean): Operator<A, A> {
  return operate<A, A>((up, out) => {
    let index = 0;
    subscribeLinked(up, out, (t) => {
      let keep: boolean;
      try {
        keep = predicate(t.value, index++);
      } catch (reason) {
        return out.error(Defect.of(reason, 'filter'));
      }
      if (keep) out.next(t);
      else t.ticket.resolve();
    });
  });
}
