import { EffectLike } from '../stream/effect.js';
import { Operator } from '../stream/operate.js';
import { mapEffect } from './mapParallelInternals.js';

/**
 * Runs the effect `f` on each element, one at a time, and emits the element once the effect succeeded.
 *
 * ```
 * -1-2-|   tapM(() => timer(1))
 * --1-2|   each element waits for its effect
 * ```
 *
 * @category operators
 * @since 0.1.0
 */
export function tapM<A, E2 = never, R2 = unknown>(
  f: (a: A) => EffectLike<R2, E2, unknown>,
): Operator<A, A, E2, R2> {
  return mapEffect<A, unknown, A, E2, R2>('tapM', 1, true, f, (a) => a);
}
