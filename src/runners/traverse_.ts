import type { TaskEither } from 'fp-ts/TaskEither';
import { Observable } from 'rxjs';
import { Defect } from '../om/errors.js';
import type { Om } from '../om/Om.js';
import { startEffect } from '../stream/effect.js';
import { Typed } from '../stream/Stream.js';
import { run } from './internal.js';

/**
 * What `traverse_`'s function may return: an effect that needs no context (an `Om` of any context would fail at
 * run time, since a runner has none to give), or a plain value.
 *
 * @category model
 * @since 0.1.0
 */
export type SinkEffect<E2> =
  | Om<unknown, E2, unknown>
  | TaskEither<E2, unknown>
  | (() => PromiseLike<unknown>)
  | PromiseLike<unknown>
  | Observable<unknown>
  | string
  | number
  | boolean
  | bigint
  | null
  | undefined
  | void;

/**
 * Runs an effect for each element, one at a time and in order, and resolves each element's ticket only after
 * its effect succeeded: this is the sink of a pipeline whose offsets must mean "done". The first typed failure
 * stops the run with `Left(E)`, and the first throw or rejection (from `f` or its effect) with `Left(Defect)`;
 * later elements are not touched, and the failed element's ticket stays unresolved.
 *
 * The effect gets no context: for effects that need one, use `tapM(f)`, `provide(context)` and `runDrain`.
 *
 * ```
 * -a-b-c|  traverse_(save)   →  Right(undefined), after save(a), save(b), save(c) in that order
 * ```
 *
 * @param f the effect for each element
 * @category runners
 * @since 0.1.0
 */
export function traverse_<A, E2 = never>(
  f: (a: A) => SinkEffect<E2>,
): <E = unknown>(stream: Observable<A> & Typed<E, unknown>) => TaskEither<E | E2 | Defect, void> {
  return <E>(stream: Observable<A> & Typed<E, unknown>) =>
    run(stream, () => ({
      element: (t) =>
        new Promise<void>((resolve, reject) => {
          let effect: SinkEffect<E2>;
          try {
            effect = f(t.value);
          } catch (reason) {
            // a throw from f is a defect, like a throw inside the effect (not a typed failure)
            return reject(Defect.of(reason, 'traverse_'));
          }
          startEffect<unknown>(
            effect,
            undefined,
            undefined,
            { value: () => resolve(), failure: reject, defect: reject },
            'traverse_',
          );
        }),
      done: () => undefined,
    })) as TaskEither<E | E2 | Defect, void>;
}
