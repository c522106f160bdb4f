import { Stream } from '../stream/Stream.js';
import { SourceOptions, syncSource } from './internal.js';

/**
 * A stream of an iterable's elements, pulled only while the source holds credit: a generator is advanced no
 * further than the pipeline can take.
 *
 * ```
 * fromIterable(new Set([1, 2, 3]))    (123|)
 * ```
 *
 * The iterator is closed (`return()`) when the stream is unsubscribed early. A throw from the iterator fails the
 * stream with a `Defect`.
 *
 * @example
 * function* naturals() { let n = 0; while (true) yield n++ }
 * await runCollect(fromIterable(naturals()).pipe(take(3)))()  // Right([0, 1, 2])
 *
 * @param iterable the elements; iterated once per subscription
 * @param options credit and counters
 * @category sources
 * @since 0.1.0
 */
export function fromIterable<A>(iterable: Iterable<A>, options: SourceOptions = {}): Stream<A> {
  return syncSource('fromIterable', options, () => iterable[Symbol.iterator]());
}
