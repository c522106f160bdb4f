import { EffectLike } from '../stream/effect.js';
import { Operator } from '../stream/operate.js';
import { DROP, mapEffect } from './mapParallelInternals.js';

/**
 * Keeps the elements for which the effect `predicate` gives `true`, one at a time; dropped elements have their
 * tickets resolved.
 *
 * ```
 * --1--2--3--|   filterM((n) => of(n !== 2))
 * --1-----3--|
 * ```
 *
 * @category operators
 * @since 0.1.0
 */
export function filterM<A, E2 = never, R2 = unknown>(
  predicate: (a: A) => EffectLike<R2, E2, boolean>,
): Operator<A, A, E2, R2> {
  return mapEffect<A, boolean, A, E2, R2>('filterM', 1, true, predicate, (a, keep) => (keep ? a : DROP));
}
