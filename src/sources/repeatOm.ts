import { EffectLike } from '../stream/effect.js';
import { Stream } from '../stream/Stream.js';
import { asyncSource, pullEffect, SourceOptions } from './internal.js';

/**
 * Runs an effect again and again and emits each result, one run at a time and only while the source holds
 * credit; it never ends by itself (use `take`, `takeWhile` or `takeUntil`). A typed failure ends it with that
 * failure. This is the poll loop of the guide's consumer patterns.
 *
 * ```
 * repeatOm(poll)    --a-b-c-d-
 * ```
 *
 * (`poll` takes 2 frames and gives a, then b, …; the stream goes on until it is unsubscribed.)
 *
 * @example
 * repeatOm(() => consumer.poll()).pipe(concatMap((batch) => fromArray(batch)))
 *
 * @param effect the effect: an `Om`, a `TaskEither` or a function returning a Promise, run anew each time
 *   (a Promise itself would give the same value every time)
 * @param options credit and counters
 * @category sources
 * @since 0.1.0
 */
export function repeatOm<A, E = never, R = unknown>(
  effect: EffectLike<R, E, A> | (() => PromiseLike<A>),
  options: SourceOptions = {},
): Stream<A, E, R> {
  return asyncSource<A, E, R>('repeatOm', options, (ctx, signal) => ({
    pull: (step) => {
      pullEffect<A>(effect, ctx, signal, 'repeatOm', {
        value: step.next,
        fail: step.fail,
        defect: step.defect,
      });
    },
  }));
}
