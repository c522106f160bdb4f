import { Stream } from '../stream/Stream.js';
import { SourceOptions, syncSource } from './internal.js';

/**
 * A stream of an array's elements, emitted only while the source holds credit: a million items behind a slow
 * stage keep at most `credit` of them in flight, not a million.
 *
 * ```
 * fromArray([1, 2, 3])    (123|)
 * ```
 *
 * @example
 * const stats = new CreditStats()
 * await pipe(fromArray(items, { credit: 64, stats }), mapParallel(8, save), runDrain)()
 * stats.maxInFlight // <= 64
 *
 * @param items the elements
 * @param options credit and counters
 * @category sources
 * @since 0.1.0
 */
export function fromArray<A>(items: readonly A[], options: SourceOptions = {}): Stream<A> {
  return syncSource('fromArray', options, () => {
    let i = 0;
    return {
      next: (): IteratorResult<A> =>
        i < items.length ? { done: false, value: items[i++] as A } : { done: true, value: undefined },
    };
  });
}
