import { Defect } from '../om/errors.js';
import { linkTo, operate, Operator } from '../stream/operate.js';
import { Tracked } from '../stream/Stream.js';

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
    let done = false;
    const link = linkTo<Tracked<A>>(out, (t) => {
      // nothing after the matching element, even one that arrives re-entrantly while it is being delivered
      if (done) return;
      let stop: boolean;
      try {
        stop = predicate(t.value);
      } catch (reason) {
        return out.error(Defect.of(reason, 'takeUntil'));
      }
      if (!stop) return out.next(t);
      done = true;
      // the last one: stop the source first, so that the credit this element gives back cannot pull it again
      link.unsubscribe();
      out.next(t);
      out.complete();
    });
    up.subscribe(link);
  });
}
