import { Defect } from '../om/errors.js';
import { linkTo, operate, Operator } from '../stream/operate.js';
import { Tracked } from '../stream/Stream.js';

/**
 * Emits elements while they satisfy `predicate`; completes at the first that does not (that one is dropped:
 * its ticket is resolved).
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
      // stop the source and complete first: the credit that the end returns (this element's, and a last group's
      // below) must not pull the source once more
      link.unsubscribe();
      out.complete();
      t.ticket.resolve();
    });
    up.subscribe(link);
  });
}
