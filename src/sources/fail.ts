import { make } from '../stream/operate.js';
import { Stream } from '../stream/Stream.js';

/**
 * A stream that fails at once with the typed error `e`. (Strom's `fail` is silently empty; ours fails.)
 *
 * ```
 * fail('boom')    #
 * ```
 *
 * @category sources
 * @since 0.1.0
 */
export function fail<E>(e: E): Stream<never, E> {
  return make<never, E>((out) => out.error(e));
}
