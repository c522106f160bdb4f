import * as O from '../om/either.js';
import type { Option } from 'fp-ts/Option';
import { Defect } from '../om/errors.js';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Maps and filters at once: `f` returns `some(b)` to emit `b`, `none` to drop the element (its ticket is
 * resolved). Strom's `collect`, fp-ts's `filterMap`.
 *
 * ```
 * --a--1--b--2--|   collect((s) => (isNaN(+s) ? O.none : O.some(+s)))
 * -----1-----2--|
 * ```
 *
 * @category operators
 * @since 0.1.0
 */
export function collect<A, B>(f: (a: A) => Option<B>): Operator<A, B> {
  return operate<A, B>((up, out) => {
    subscribeLinked(up, out, (t) => {
      let o: Option<B>;
      try {
        o = f(t.value);
      } catch (reason) {
        return out.error(Defect.of(reason, 'collect'));
      }
      if (O.isSome(o)) out.next({ value: o.value, ticket: t.ticket });
      else t.ticket.resolve();
    });
  });
}
