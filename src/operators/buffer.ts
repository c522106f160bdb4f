import { operate, Operator, requireCount, subscribeLinked } from '../stream/operate.js';

/**
 * Lets the source run further ahead of the stages below (ZStream's and Strom's `buffer`): it adds `n` to the
 * demand the source sees, so the source may have `max(credit, d + n)` elements in flight, where `d` is what the
 * stages below must hold at once (`mapParallel(k)` holds `k`, a runner none). Under `mapParallel(4)` and a
 * source with `credit: 4`, `buffer(8)` lets 12 elements be in flight instead of 4; where the credit already
 * covers `d + n`, it changes nothing. Elements pass through unchanged and in order, with their tickets.
 *
 * On a plain Observable it changes nothing: a push source never waits, so there is nothing to decouple.
 *
 * ```
 * --1--2--3--|   buffer(16)
 * --1--2--3--|
 * ```
 *
 * @param n how many more elements may be in flight; at least 1 (`Infinity`: the source's credit is unbounded)
 * @category operators
 * @since 0.1.0
 */
export function buffer<A>(n: number): Operator<A, A> {
  requireCount('buffer', 'n', n, 1);
  return operate<A, A>(
    (up, out) => {
      subscribeLinked(up, out, (t) => out.next(t));
    },
    // capped: an infinite n must not reach the credit pool, which takes whole numbers only
    (demand) => Math.min(demand + n, Number.MAX_SAFE_INTEGER),
  );
}
