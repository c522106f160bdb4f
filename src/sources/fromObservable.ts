import { Observable } from 'rxjs';
import { Stream, toStream } from '../stream/Stream.js';

/**
 * A stream of a plain Observable's values. An Observable pushes: nothing can make it wait, so no credit bounds
 * what it emits (its elements carry free tickets), and its errors are typed failures of type `E`
 * (`unknown` unless you say otherwise). A `Stream` is returned as it is.
 *
 * ```
 * fromObservable(cold('-a-b|'))    -a-b|
 * ```
 *
 * @param observable the values
 * @category sources
 * @since 0.1.0
 */
export function fromObservable<A, E = unknown>(observable: Observable<A>): Stream<A, E> {
  return toStream<A, E>(observable);
}
