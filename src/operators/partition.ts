import { Observable } from 'rxjs';
import { Defect } from '../om/errors.js';
import { Stream, Typed } from '../stream/Stream.js';
import { filter } from './filter.js';

/**
 * Splits a stream in two: the elements that satisfy `predicate`, and those that do not. As in Strom (and RxJS),
 * the two are independent streams over the same source: each subscription runs the source anew, and each side
 * resolves the tickets of the elements it drops. A throw from `predicate` fails the side that called it with a
 * `Defect` naming `partition`.
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
  const test = (a: A): boolean => {
    try {
      return predicate(a);
    } catch (reason) {
      // a Defect passes through filter as it is, so the failure names this operator, not filter
      throw Defect.of(reason, 'partition');
    }
  };
  return <E, R>(source: Observable<A> & Typed<E, R>) => [
    filter(test)(source),
    filter((a: A) => !test(a))(source),
  ];
}
