import { make } from '../stream/operate.js';
import { Stream } from '../stream/Stream.js';

/**
 * A stream that completes at once.
 *
 * ```
 * empty()    |
 * ```
 *
 * @category sources
 * @since 0.1.0
 */
export function empty<A = never>(): Stream<A> {
  return make<A>((out) => out.complete());
}
