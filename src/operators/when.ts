import { Observable } from 'rxjs';
import { empty } from '../sources/empty.js';
import { Stream, toStream, Typed } from '../stream/Stream.js';

/**
 * `stream` when `condition` holds, an empty stream otherwise (Strom's `when`).
 *
 * ```
 * s:                --a--b--|
 * when(true, s)     --a--b--|
 * when(false, s)    |          (s is not subscribed)
 * ```
 *
 * @category do notation
 * @since 0.1.0
 */
export function when<A, E = never, R = unknown>(
  condition: boolean,
  stream: Observable<A> & Typed<E, R>,
): Stream<A, E, R> {
  return condition ? toStream<A, E, R>(stream) : (empty<A>() as Stream<A, E, R>);
}
