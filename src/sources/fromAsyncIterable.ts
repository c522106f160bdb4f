import { Defect } from '../om/errors.js';
import { Stream } from '../stream/Stream.js';
import { asyncSource, SourceOptions } from './internal.js';

/**
 * A stream of an async iterable's elements: one `next()` at a time, and only while the source holds credit,
 * so an async generator is never run ahead of the pipeline. A rejection fails the stream with a `Defect`; the
 * iterator is closed (`return()`) when the stream is unsubscribed early, and a runner waits for that (an async
 * generator's `finally`) before it resolves; a failing `return()` fails the run with a `Defect`.
 *
 * ```
 * fromAsyncIterable(lines())    --a-b-c-|
 * ```
 *
 * (`lines()`: an async generator that waits 2 frames before each line and before it ends.)
 *
 * @param iterable the elements
 * @param options credit and counters
 * @category sources
 * @since 0.1.0
 */
export function fromAsyncIterable<A>(iterable: AsyncIterable<A>, options: SourceOptions = {}): Stream<A> {
  return asyncSource<A>('fromAsyncIterable', options, () => {
    const it = iterable[Symbol.asyncIterator]();
    return {
      pull: (step) => {
        it.next().then(
          (r) => (r.done === true ? step.end() : step.next(r.value)),
          (reason) => step.defect(Defect.of(reason, 'fromAsyncIterable')),
        );
      },
      close: () => it.return?.(),
    };
  });
}
