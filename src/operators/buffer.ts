import { operate, Operator, subscribeLinked } from '../stream/operate.js';

/**
 * Lets the source run up to `n` elements further ahead of the stages below (ZStream's and Strom's `buffer`):
 * the source's credit is raised by `n`, so a fast producer keeps working while a slow consumer catches up.
 * Elements pass through unchanged and in order.
 *
 * On a plain Observable it changes nothing: a push source never waits, so there is nothing to decouple.
 *
 * ```
 * --1--2--3--|   buffer(16)
 * --1--2--3--|
 * ```
 *
 * @param n how many more elements may be in flight; at least 1
 * @category operators
 * @since 0.1.0
 */
export function buffer<A>(n: number): Operator<A, A> {
  if (!(n >= 1)) throw new RangeError(`buffer: n must be at least 1, got ${n}`);
  return operate<A, A>(
    (up, out) => {
      subscribeLinked(up, out, (t) => out.next(t));
    },
    (demand) => demand + n,
  );
}
