import { empty } from '../sources/empty.js';
import { succeed } from '../sources/succeed.js';
import { Stream } from '../stream/Stream.js';

/**
 * Do-notation's guard (Strom's `guard`): one `undefined` when `condition` holds, nothing otherwise. Inside
 * `concatMap`, it ends the branch of an element that fails the condition.
 *
 * ```
 * guard(true)     (u|)     u = undefined
 * guard(false)    |
 * ```
 *
 * @example
 * records.pipe(concatMap((r) => guard(isValid(r)).pipe(map(() => r))))
 *
 * @category do notation
 * @since 0.1.0
 */
export function guard(condition: boolean): Stream<void> {
  return condition ? succeed<void>(undefined) : empty<void>();
}
