import { Stream } from '../stream/Stream.js';
import { fromArray } from './fromArray.js';

/**
 * A stream of one element.
 *
 * ```
 * succeed(1)    (1|)
 * ```
 *
 * @category sources
 * @since 0.1.0
 */
export function succeed<A>(a: A): Stream<A> {
  return fromArray([a]);
}
