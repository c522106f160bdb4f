/**
 * The effects an operator accepts, and how they are run.
 *
 * @internal
 */
import * as E from '../om/either.js';
import type { Either } from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import { isObservable, Observable } from 'rxjs';
import type { Om } from '../om/Om.js';
import { Defect } from '../om/errors.js';
import { Link } from './Link.js';

/**
 * What a function passed to an operator may return:
 *
 * - an `Om<R, E, A>` (a function of the context): run with the context given by `provide`; `Left(e)` is a
 *   typed failure
 * - a `TaskEither<E, A>`: the same without a context
 * - a `Promise<A>`: a rejection is a defect
 * - an `Observable<A>`: its first value is the result (it is unsubscribed then); an error is a defect, and
 *   completing without a value is a defect
 * - any other value: the result itself.
 *
 * A function is called with the context, and what it returns with the effect's `AbortSignal`, until a value or a
 * Promise comes out; an `Either` that comes out of a function is a result (`Left` a typed failure), any other
 * value is the success itself. So an `Om`, a `TaskEither` and a thunk `() => Promise<A>` all work. An `Either`
 * returned directly (not from a function) is just a value.
 *
 * @category model
 * @since 0.1.0
 */
export type EffectLike<R, E, A> =
  Om<R, E, A> | TaskEither<E, A> | (() => PromiseLike<A>) | PromiseLike<A> | Observable<A> | A;

const isThenable = (u: unknown): u is PromiseLike<unknown> =>
  typeof u === 'object' && u !== null && typeof (u as { then?: unknown }).then === 'function';

const isEither = (u: unknown): u is Either<unknown, unknown> =>
  typeof u === 'object' &&
  u !== null &&
  ((u as { _tag?: unknown })._tag === 'Left' || (u as { _tag?: unknown })._tag === 'Right');

/** Receives the outcome of an effect: exactly one call, unless the effect is cancelled first. */
export interface EffectObserver<A> {
  value(a: A): void;
  failure(e: unknown): void;
  defect(d: Defect): void;
}

/**
 * Starts an effect. Returns a function that cancels it where that is possible (Observables, Oms given a
 * signal); the caller ignores late outcomes in any case.
 */
export const startEffect = <A>(
  effect: unknown,
  env: unknown,
  signal: AbortSignal | undefined,
  observer: EffectObserver<A>,
  where: string,
): (() => void) | undefined => {
  if (typeof effect === 'function') {
    let result: unknown;
    try {
      result = (effect as (r: unknown) => unknown)(env);
      if (typeof result === 'function') result = (result as (s?: AbortSignal) => unknown)(signal);
    } catch (reason) {
      observer.defect(Defect.of(reason, where));
      return undefined;
    }
    const settle = (outcome: unknown): void => {
      if (!isEither(outcome)) observer.value(outcome as A);
      else if (E.isLeft(outcome)) observer.failure(outcome.left);
      else observer.value(outcome.right as A);
    };
    if (isThenable(result)) result.then(settle, (reason) => observer.defect(Defect.of(reason, where)));
    else settle(result);
    return undefined;
  }
  if (isThenable(effect)) {
    effect.then(
      (a) => observer.value(a as A),
      (reason) => observer.defect(Defect.of(reason, where)),
    );
    return undefined;
  }
  if (isObservable(effect)) {
    let got = false;
    // a subscriber made before subscribing, so that unsubscribing it stops even a synchronous source at its
    // first value (as RxJS's `first()` does)
    const link: Link<A> = new Link<A>(
      (a) => {
        if (got) return;
        got = true;
        link.unsubscribe();
        observer.value(a);
      },
      (reason) => {
        if (!got) observer.defect(Defect.of(reason, where));
      },
      () => {
        if (!got) observer.defect(new Defect('the Observable completed without a value', where));
      },
    );
    (effect as Observable<A>).subscribe(link);
    return got ? undefined : () => link.unsubscribe();
  }
  observer.value(effect as A);
  return undefined;
};

/**
 * Runs an effect to a Promise: fulfilled with its value, rejected with its typed failure or its defect.
 *
 * @internal
 */
export const effectPromise = <A>(effect: unknown, env: unknown, where: string): Promise<A> =>
  new Promise<A>((resolve, reject) => {
    startEffect<A>(effect, env, undefined, { value: resolve, failure: reject, defect: reject }, where);
  });
