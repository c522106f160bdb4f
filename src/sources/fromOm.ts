import { EffectLike } from '../stream/effect.js';
import { Stream } from '../stream/Stream.js';
import { asyncSource, pullEffect, SourceOptions } from './internal.js';

/**
 * A stream of the one result of an effect (an `Om`, a `TaskEither`, a Promise, an Observable or a value),
 * run once per subscription with the stream's context. A typed failure fails the stream with it; a throw or a
 * rejection with a `Defect`. Unsubscribing early cancels the effect.
 *
 * ```
 * fromOm(cold('--a|'))    --(a|)
 * ```
 *
 * (An Observable effect gives its first value; `fromOm(Om.succeed(1))` gives `(1|)` once its Promise settles.)
 *
 * @param effect the effect
 * @category sources
 * @since 0.1.0
 */
export function fromOm<A, E = never, R = unknown>(
  effect: EffectLike<R, E, A>,
  options: SourceOptions = {},
): Stream<A, E, R> {
  return asyncSource<A, E, R>('fromOm', options, (ctx, signal) => {
    let ran = false;
    return {
      pull: (step) => {
        if (ran) return step.end();
        ran = true;
        pullEffect<A>(effect, ctx, signal, 'fromOm', {
          value: (a) => {
            step.next(a);
            step.end();
          },
          fail: step.fail,
          defect: step.defect,
        });
      },
    };
  });
}
