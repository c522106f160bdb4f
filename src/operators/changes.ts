import { Defect } from '../om/errors.js';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Drops an element equal to the one before it (consecutive duplicates; their tickets are resolved). Equality is
 * `===` unless `equals` is given.
 *
 * ```
 * --1--1--2--2--1--|   changes()
 * --1-----2-----1--|
 * ```
 *
 * @category operators
 * @since 0.1.0
 */
export function changes<A>(equals: (x: A, y: A) => boolean = (x, y) => x === y): Operator<A, A> {
  return operate<A, A>((up, out) => {
    let has = false;
    let last: A;
    subscribeLinked(up, out, (t) => {
      let same: boolean;
      try {
        same = has && equals(last, t.value);
      } catch (reason) {
        return out.error(Defect.of(reason, 'changes'));
      }
      if (same) return t.ticket.resolve();
      has = true;
      last = t.value;
      out.next(t);
    });
  });
}
