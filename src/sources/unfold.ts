import * as O from '../om/either.js';
import type { Option } from 'fp-ts/Option';
import { Stream } from '../stream/Stream.js';
import { SourceOptions, syncSource } from './internal.js';

/**
 * A stream built from a seed: `f(seed)` gives `some([a, next])` to emit `a` and go on from `next`, or `none` to
 * end. The function comes first, as in Strom.
 *
 * ```
 * unfold((n) => (n < 3 ? O.some([n, n + 1]) : O.none), 0)    (012|)
 * ```
 *
 * @param f the step; a throw fails the stream with a `Defect`
 * @param seed the first state
 * @param options credit and counters
 * @category sources
 * @since 0.1.0
 */
export function unfold<S, A>(
  f: (s: S) => Option<readonly [A, S]>,
  seed: S,
  options: SourceOptions = {},
): Stream<A> {
  return syncSource('unfold', options, () => {
    let s = seed;
    let ended = false;
    return {
      next: (): IteratorResult<A> => {
        if (ended) return { done: true, value: undefined };
        const o = f(s);
        if (O.isNone(o)) {
          ended = true;
          return { done: true, value: undefined };
        }
        s = o.value[1];
        return { done: false, value: o.value[0] };
      },
    };
  });
}
