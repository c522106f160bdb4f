import { Observable } from 'rxjs';
import { Stream, Typed } from '../stream/Stream.js';
import { filter } from './filter.js';

/**
 * Splits a stream in two: the elements that satisfy `predicate`, and those that do not. As in Strom (and RxJS),
 * the two are independent streams over the same source: each subscription runs the source anew, and each side
 * resolves the tickets of the elements it drops.
 *
 * ```
 * --1--2--3--4--|   partition((n) => n % 2 === 0)
 * -----2-----4--|   (first)
 * --1-----3-----|   (second)
 * ```
 *
 * @returns `[passing, failing]`
 * @category operators
 * @since 0.1.0
 */
export function partition<A>(
  predicate: (a: A) => boolean,
): <E = never, R = unknown>(source: Observable<A> & Typed<E, R>) => [Stream<A, E, R>, Stream<A, E, R>] {
  return <E, R>(source: Observable<A> & Typed<E, R>) => [
    filter(predicate)(source),
    filter((a: A) => !predicate(a))(source),
  ];
}
