import { Defect } from '../om/errors.js';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Emits elements up to *and including* the first that satisfies `predicate`, then completes (Strom's
 * `takeUntil` takes a predicate, unlike RxJS's, which takes a notifier).
 *
 * ```
 * --1--2--3--4--|   takeUntil((n) => n === 2)
 * --1--(2|)
 * ```
 *
 * @category operators
 * @since 0.1.0
 */
export function takeUntil<A>(predicate: (a: A) => boolean): Operator<A, A> {
  return operate<A, A>((up, out) => {
    subscribeLinked(up, out, (t) => {
      let stop: boolean;
      try {
        stop = predicate(t.value);
      } catch (reason) {
        return out.error(Defect.of(reason, 'takeUntil'));
      }
      out.next(t);
      if (stop) out.complete();
    });
  });
}
