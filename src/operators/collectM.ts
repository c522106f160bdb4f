import * as O from '../om/either.js';
import type { Option } from 'fp-ts/Option';
import { EffectLike } from '../stream/effect.js';
import { Operator } from '../stream/operate.js';
import { DROP, mapEffect } from './mapParallelInternals.js';

/**
 * {@link collect} with an effect: `f` gives `some(b)` to emit `b` or `none` to drop the element (its ticket is
 * resolved), one element at a time.
 *
 * ```
 * --a--b--|   collectM((s) => of(s === 'a' ? O.some(1) : O.none))
 * --1-----|
 * ```
 *
 * @category operators
 * @since 0.1.0
 */
export function collectM<A, B, E2 = never, R2 = unknown>(
  f: (a: A) => EffectLike<R2, E2, Option<B>>,
): Operator<A, B, E2, R2> {
  return mapEffect<A, Option<B>, B, E2, R2>('collectM', 1, true, f, (_a, o) =>
    O.isSome(o) ? o.value : DROP,
  );
}
