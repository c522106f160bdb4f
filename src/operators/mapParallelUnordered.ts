import { EffectLike } from '../stream/effect.js';
import { Operator } from '../stream/operate.js';
import { mapEffect } from './mapParallelInternals.js';

/**
 * Runs `f` on up to `n` elements at once and emits each result as soon as it is ready (completion order). From
 * a Kafka source, offsets still commit only up to the first unfinished record: finishing record 7 before record
 * 3 never skips record 3.
 *
 * ```
 * -1-2-3-4-|         mapParallelUnordered(2, (n) => timer(n === 1 ? 10 : 1).pipe(map(() => n * 10)))
 * ----b-c-d--(a|)    a = 10, b = 20, c = 30, d = 40
 * ```
 *
 * Failures and unsubscription as for {@link mapParallel}.
 *
 * @param n effects running at most; at least 1 (`Infinity`: the source's credit is the only bound)
 * @param f the effect
 * @category operators
 * @since 0.1.0
 */
export function mapParallelUnordered<A, B, E2 = never, R2 = unknown>(
  n: number,
  f: (a: A, index: number) => EffectLike<R2, E2, B>,
): Operator<A, B, E2, R2> {
  return mapEffect<A, B, B, E2, R2>('mapParallelUnordered', n, false, f, (_a, b) => b);
}
