import { EffectLike } from '../stream/effect.js';
import { Operator } from '../stream/operate.js';
import { mapEffect } from './mapParallelInternals.js';

/**
 * Runs the effect `f` on each element, one at a time, and emits its result (`mapParallel(1, f)`).
 *
 * ```
 * -1-2-----|   mapM((n) => timer(3).pipe(map(() => n * 10)))
 * ----a--b-|   a = 10, b = 20: 2 waits for 1 to finish before its effect starts
 * ```
 *
 * A typed failure fails the stream with it; a throw or rejection with a `Defect`.
 *
 * @category operators
 * @since 0.1.0
 */
export function mapM<A, B, E2 = never, R2 = unknown>(
  f: (a: A, index: number) => EffectLike<R2, E2, B>,
): Operator<A, B, E2, R2> {
  return mapEffect<A, B, B, E2, R2>('mapM', 1, true, f, (_a, b) => b);
}
