import { Defect } from '../om/errors.js';
import { linkTo, operate, Operator } from '../stream/operate.js';
import { Tracked } from '../stream/Stream.js';

/**
 * Emits elements while they satisfy `predicate`; completes at the first that does not. That one is not passed on
 * and its ticket stays open, as for the elements `take` leaves: nothing processed it, so from Kafka it is read
 * again by the group's next run rather than committed.
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
    const link = linkTo<Tracked<A>>(out, (t) => {
      let ok: boolean;
      try {
        ok = predicate(t.value);
      } catch (reason) {
        return out.error(Defect.of(reason, 'takeWhile'));
      }
      if (ok) return out.next(t);
      // stop the source, then complete: the credit that the end returns (a last group's below) must not pull the
      // source once more
      link.unsubscribe();
      out.complete();
    });
    up.subscribe(link);
  });
}
