import { Observable } from 'rxjs';
import { Operator } from '../stream/operate.js';
import { Typed } from '../stream/Stream.js';
import { zipWith } from './zipWith.js';

/**
 * Pairs the stream's elements with `that`'s, in order: `[a, b]`. Ends with the shorter stream.
 *
 * ```
 * --1----2----3--|   zip(that)
 * ----a----b--|      (that)
 * ----x----y--|      x = [1, 'a'], y = [2, 'b']
 * ```
 *
 * @see zipWith
 * @category operators
 * @since 0.1.0
 */
export function zip<A, B, E2 = unknown, R2 = unknown>(
  that: Observable<B> & Typed<E2, R2>,
): Operator<A, [A, B], E2, R2> {
  return zipWith<A, B, [A, B], E2, R2>(that, (a, b) => [a, b]);
}
