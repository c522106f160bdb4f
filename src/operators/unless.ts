import { Observable } from 'rxjs';
import { Stream, Typed } from '../stream/Stream.js';
import { when } from './when.js';

/**
 * `stream` unless `condition` holds, in which case an empty stream (Strom's `unless`).
 *
 * ```
 * s:                  --a--b--|
 * unless(false, s)    --a--b--|
 * unless(true, s)     |          (s is not subscribed)
 * ```
 *
 * @category do notation
 * @since 0.1.0
 */
export function unless<A, E = never, R = unknown>(
  condition: boolean,
  stream: Observable<A> & Typed<E, R>,
): Stream<A, E, R> {
  return when(!condition, stream);
}
