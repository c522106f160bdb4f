import type { TaskEither } from 'fp-ts/TaskEither';
import { Observable } from 'rxjs';
import { Defect } from '../om/errors.js';
import { Typed } from '../stream/Stream.js';
import { run } from './internal.js';

/**
 * Runs a stream and folds its elements from the left. The initial value comes first, as in Strom. A throw from
 * `f` ends the run with `Left(Defect)`.
 *
 * ```
 * fromArray([1, 2, 3])  runFold(0, (s, n) => s + n)   →  Right(6)
 * ```
 *
 * @param initial the starting state
 * @param f the step
 * @category runners
 * @since 0.1.0
 */
export function runFold<S, A>(
  initial: S,
  f: (s: S, a: A) => S,
): <E = unknown>(stream: Observable<A> & Typed<E, unknown>) => TaskEither<E | Defect, S> {
  return <E>(stream: Observable<A> & Typed<E, unknown>) =>
    run(stream, () => {
      let s = initial;
      return {
        element: (t) => {
          s = f(s, t.value);
        },
        done: () => s,
      };
    }) as TaskEither<E | Defect, S>;
}
