import * as O from '../om/either.js';
import { Defect } from '../om/errors.js';
import type { Option } from 'fp-ts/Option';
import { EffectLike } from '../stream/effect.js';
import { Stream } from '../stream/Stream.js';
import { asyncSource, pullEffect, SourceOptions } from './internal.js';

/**
 * Like {@link unfold}, with an effect for the step: one step at a time, and only while the source holds
 * credit. A typed failure of the step fails the stream with it; a throw or a rejection with a `Defect`.
 *
 * ```
 * unfoldOm((page) => fetchPage(page), 1)    --a-b-c-|
 * ```
 *
 * (`fetchPage` takes 2 frames and gives `some([item, page + 1])` for pages 1 to 3, holding a, b and c, and
 * `none` for page 4.)
 *
 * @example
 * // read pages until one comes back empty
 * unfoldOm(
 *   (page: number) =>
 *     pipe(
 *       Om.fromPromise(() => api.page(page)),
 *       RTE.map((items) => (items.length > 0 ? O.some([items, page + 1] as const) : O.none)),
 *     ),
 *   1,
 * )
 *
 * @param f the step: `some([a, next])` or `none`
 * @param seed the first state
 * @param options credit and counters
 * @category sources
 * @since 0.1.0
 */
export function unfoldOm<S, A, E = never, R = unknown>(
  f: (s: S) => EffectLike<R, E, Option<readonly [A, S]>>,
  seed: S,
  options: SourceOptions = {},
): Stream<A, E, R> {
  return asyncSource<A, E, R>('unfoldOm', options, (ctx, signal) => {
    let s = seed;
    return {
      pull: (step) => {
        let effect: unknown;
        try {
          effect = f(s);
        } catch (reason) {
          return step.defect(Defect.of(reason, 'unfoldOm'));
        }
        pullEffect<Option<readonly [A, S]>>(effect, ctx, signal, 'unfoldOm', {
          value: (o) => {
            if (O.isNone(o)) return step.end();
            s = o.value[1];
            step.next(o.value[0]);
          },
          fail: step.fail,
          defect: step.defect,
        });
      },
    };
  });
}
