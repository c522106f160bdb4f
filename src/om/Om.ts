/**
 * `Om<R, E, A>`: an effect that needs a context `R`, may fail with a typed error `E`, and succeeds with `A`.
 *
 * It is fp-ts's `ReaderTaskEither`, so everything in `fp-ts/ReaderTaskEither` works on it (`map`, `flatMap`,
 * `Do`, `bind`, …). This module adds what Strom's users reach for that fp-ts does not have: lifting Promises
 * with defects kept apart, handling errors by tag, delays and timeouts, races, parallel runs that fail fast
 * and cancel the rest, retries with backoff, and running with a context.
 *
 * **Cancellation.** The effects made here (`fromPromise`, `delay`, `timeout`, `race`, `inParallel`, `retry`)
 * accept an `AbortSignal` as an optional argument of the inner task, and the combinators here pass one down to
 * the effects they run directly: `timeout` aborts the effect it gave up on, `race` the losers, `inParallel` the
 * rest after the first failure. fp-ts's own combinators call tasks without arguments, so an effect nested inside
 * `RTE.flatMap` is not reached by the signal; it runs to its end and its result is ignored.
 *
 * @since 0.1.0
 */
import * as E from './either.js';
import type { Either } from 'fp-ts/Either';
import type { ReaderTaskEither } from 'fp-ts/ReaderTaskEither';
import { Defect, TimeoutError } from './errors.js';
import { RetryPolicy, retryDelay, retryPolicy } from './Schedule.js';

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * @category model
 * @since 0.1.0
 */
export type Om<R, E, A> = ReaderTaskEither<R, E, A>;

/** A task as the combinators here call it: with an optional signal that says the result is no longer wanted. */
type Task<E, A> = (signal?: AbortSignal) => Promise<Either<E, A>>;

/**
 * Thrown into an effect that was cancelled (its signal aborted). Nobody sees it but the effect itself: the
 * caller that cancelled has stopped listening.
 *
 * @category errors
 * @since 0.1.0
 */
export class InterruptedError extends Error {
  readonly _tag = 'InterruptedError' as const;
  constructor() {
    super('interrupted');
    this.name = 'InterruptedError';
  }
}

/**
 * Runs `om` with context `r` and an optional signal. Never rejects: a throw or a rejection comes back as
 * `Left(Defect)`.
 *
 * @category interop
 * @since 0.1.0
 */
export const unsafeRun = <R, E, A>(
  om: Om<R, E, A>,
  r: R,
  signal?: AbortSignal,
): Promise<Either<E | Defect, A>> => {
  try {
    const task = om(r) as unknown as Task<E, A>;
    return Promise.resolve(task(signal)).then(
      (either) =>
        isEither(either) ? either : E.left(new Defect(either, 'an Om returned something not an Either')),
      (reason) => E.left(Defect.of(reason)),
    );
  } catch (reason) {
    return Promise.resolve(E.left(Defect.of(reason)));
  }
};

const isEither = (u: unknown): u is Either<unknown, unknown> =>
  typeof u === 'object' &&
  u !== null &&
  ((u as { _tag?: unknown })._tag === 'Left' || (u as { _tag?: unknown })._tag === 'Right');

/** Like unsafeRun, but a defect stays a rejection, so that combinators keep typed failures and defects apart. */
const call = <R, E, A>(om: Om<R, E, A>, r: R, signal?: AbortSignal): Promise<Either<E, A>> =>
  new Promise<Either<E, A>>((resolve, reject) => {
    const task = om(r) as unknown as Task<E, A>;
    task(signal).then(resolve, reject);
  });

/**
 * A controller aborted with `parent`. `onInterrupt(f)` has `f` called when `parent` aborts (at once if it has
 * already): the combinators settle with {@link InterruptedError} then, as `delay` does, instead of waiting for
 * effects that may never answer. `unlink` removes the listener from `parent` once it is not needed.
 */
const linked = (
  parent: AbortSignal | undefined,
): { controller: AbortController; unlink: () => void; onInterrupt: (f: () => void) => void } => {
  const controller = new AbortController();
  let interrupt: (() => void) | undefined;
  const onInterrupt = (f: () => void): void => {
    interrupt = f;
    if (parent?.aborted === true) f();
  };
  if (parent === undefined) return { controller, unlink: () => undefined, onInterrupt };
  if (parent.aborted) {
    controller.abort();
    return { controller, unlink: () => undefined, onInterrupt };
  }
  const onAbort = (): void => {
    controller.abort();
    interrupt?.();
  };
  parent.addEventListener('abort', onAbort, { once: true });
  return { controller, unlink: () => parent.removeEventListener('abort', onAbort), onInterrupt };
};

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * An effect that succeeds with `a`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const succeed =
  <A, R = unknown>(a: A): Om<R, never, A> =>
  () =>
  () =>
    Promise.resolve(E.right(a));

/**
 * An effect that fails with the typed error `e`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const fail =
  <E, R = unknown>(e: E): Om<R, E, never> =>
  () =>
  () =>
    Promise.resolve(E.left(e));

/**
 * Lifts a Promise. A rejection (or a throw while making the Promise) becomes a typed `Defect` carrying the
 * reason. The function receives the effect's `AbortSignal` when it runs under a combinator that can cancel.
 *
 * @example
 * const getUser = (id: string) => Om.fromPromise((signal) => fetch(`/users/${id}`, { signal }))
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromPromise =
  <A, R = unknown>(make: (signal?: AbortSignal) => PromiseLike<A>): Om<R, Defect, A> =>
  () =>
    ((signal?: AbortSignal) =>
      new Promise<Either<Defect, A>>((resolve) => {
        try {
          make(signal).then(
            (a) => resolve(E.right(a)),
            (reason) => resolve(E.left(Defect.of(reason))),
          );
        } catch (reason) {
          resolve(E.left(Defect.of(reason)));
        }
      })) as () => Promise<Either<Defect, A>>;

/**
 * Lifts a Promise whose rejection is an expected failure: `onRejected` turns the reason into a typed error
 * (a throw from `onRejected` itself is a defect).
 *
 * @category constructors
 * @since 0.1.0
 */
export const tryPromise =
  <A, E, R = unknown>(
    make: (signal?: AbortSignal) => PromiseLike<A>,
    onRejected: (reason: unknown) => E,
  ): Om<R, E, A> =>
  () =>
    ((signal?: AbortSignal) =>
      new Promise<Either<E, A>>((resolve, reject) => {
        // a throw from onRejected is a defect: reject, so that the effect settles instead of hanging
        const rejected = (reason: unknown): void => {
          try {
            resolve(E.left(onRejected(reason)));
          } catch (defect) {
            reject(defect);
          }
        };
        try {
          make(signal).then((a) => resolve(E.right(a)), rejected);
        } catch (reason) {
          rejected(reason);
        }
      })) as () => Promise<Either<E, A>>;

/**
 * The context.
 *
 * @category constructors
 * @since 0.1.0
 */
export const ask =
  <R>(): Om<R, never, R> =>
  (r) =>
  () =>
    Promise.resolve(E.right(r));

/**
 * A value read from the context.
 *
 * @category constructors
 * @since 0.1.0
 */
export const asks =
  <R, A>(f: (r: R) => A): Om<R, never, A> =>
  (r) =>
  () =>
    Promise.resolve(E.right(f(r)));

/**
 * Waits `ms` milliseconds. Cancelling it clears the timer.
 *
 * @category constructors
 * @since 0.1.0
 */
export const delay =
  <R = unknown>(ms: number): Om<R, never, void> =>
  () =>
    ((signal?: AbortSignal) =>
      new Promise<Either<never, void>>((resolve, reject) => {
        if (signal?.aborted) return reject(new InterruptedError());
        const onAbort = (): void => {
          clearTimeout(timer);
          reject(new InterruptedError());
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve(E.right(undefined));
        }, ms);
        signal?.addEventListener('abort', onAbort, { once: true });
      })) as () => Promise<Either<never, void>>;

// -------------------------------------------------------------------------------------
// sequencing
// -------------------------------------------------------------------------------------

/**
 * Maps the success. (fp-ts's `RTE.map` works too; these pass the cancellation signal on.)
 *
 * @example
 * pipe(loadUser(id), Om.map((user) => user.name))
 *
 * @category sequencing
 * @since 0.1.0
 */
export const map =
  <A, B>(f: (a: A) => B) =>
  <R, E>(om: Om<R, E, A>): Om<R, E, B> =>
  (r) =>
    ((signal?: AbortSignal) =>
      call(om, r, signal).then((ea): Either<E, B> =>
        E.isLeft(ea) ? ea : E.right(f(ea.right)),
      )) as () => Promise<Either<E, B>>;

/**
 * Runs `f` on the success and goes on with its effect: the do-notation's bind. Context and errors of both add up.
 *
 * @example
 * pipe(loadUser(id), Om.flatMap((user) => loadOrders(user.id)))
 *
 * @category sequencing
 * @since 0.1.0
 */
export const flatMap =
  <A, R2, E2, B>(f: (a: A) => Om<R2, E2, B>) =>
  <R, E>(om: Om<R, E, A>): Om<R & R2, E | E2, B> =>
  (r) =>
    ((signal?: AbortSignal) =>
      call(om, r, signal).then((ea): Either<E | E2, B> | Promise<Either<E | E2, B>> =>
        E.isLeft(ea) ? ea : call<R2, E | E2, B>(f(ea.right), r, signal),
      )) as () => Promise<Either<E | E2, B>>;

/**
 * Runs `f` on the success for its effect and keeps the success; a failure of `f` fails the whole.
 *
 * @example
 * pipe(loadUser(id), Om.tap((user) => log(`loaded ${user.id}`)))
 *
 * @category sequencing
 * @since 0.1.0
 */
export const tap =
  <A, R2, E2>(f: (a: A) => Om<R2, E2, unknown>) =>
  <R, E>(om: Om<R, E, A>): Om<R & R2, E | E2, A> =>
    flatMap((a: A) => map(() => a)(f(a)))(om);

// -------------------------------------------------------------------------------------
// error handling
// -------------------------------------------------------------------------------------

/**
 * Handles every typed failure. Defects (throws, rejections) pass through untouched.
 *
 * @category error handling
 * @since 0.1.0
 */
export const catchAll =
  <E, R2, E2, B>(handler: (e: E) => Om<R2, E2, B>) =>
  <R, A>(om: Om<R, E, A>): Om<R & R2, E2, A | B> =>
  (r) =>
    ((signal?: AbortSignal) =>
      call(om, r, signal).then((ea) =>
        E.isLeft(ea) ? call<R2, E2, A | B>(handler(ea.left), r, signal) : E.right<E2, A | B>(ea.right),
      )) as () => Promise<Either<E2, A | B>>;

/**
 * Handles the typed failures whose `_tag` is `tag`; the others pass through, and the error type loses `tag`.
 *
 * @example
 * pipe(loadUser(id), Om.catchTag('NotFound', () => Om.succeed(guest)))
 *
 * @category error handling
 * @since 0.1.0
 */
export const catchTag =
  <K extends string, E, R2, E2, B>(tag: K, handler: (e: Extract<E, { readonly _tag: K }>) => Om<R2, E2, B>) =>
  <R, A>(om: Om<R, E, A>): Om<R & R2, Exclude<E, { readonly _tag: K }> | E2, A | B> =>
  (r) =>
    ((signal?: AbortSignal) =>
      call(om, r, signal).then(
        (
          ea,
        ):
          | Promise<Either<Exclude<E, { readonly _tag: K }> | E2, A | B>>
          | Either<Exclude<E, { readonly _tag: K }> | E2, A | B> =>
          E.isLeft(ea) && hasTag(ea.left, tag)
            ? call<R2, E2, A | B>(handler(ea.left as Extract<E, { readonly _tag: K }>), r, signal)
            : (ea as Either<Exclude<E, { readonly _tag: K }>, A>),
      )) as () => Promise<Either<Exclude<E, { readonly _tag: K }> | E2, A | B>>;

const hasTag = (u: unknown, tag: string): boolean =>
  typeof u === 'object' && u !== null && (u as { _tag?: unknown })._tag === tag;

type Tags<E> = E extends { readonly _tag: infer K extends string } ? K : never;
type Handlers<E> = {
  readonly [K in Tags<E>]?: (e: Extract<E, { readonly _tag: K }>) => Om<never, unknown, unknown>;
};
type HandlerR<H> = {
  [K in keyof H]: H[K] extends (e: never) => Om<infer R, unknown, unknown> ? R : never;
}[keyof H];
type HandlerE<H> = {
  [K in keyof H]: H[K] extends (e: never) => Om<never, infer E, unknown> ? E : never;
}[keyof H];
type HandlerA<H> = {
  [K in keyof H]: H[K] extends (e: never) => Om<never, unknown, infer A> ? A : never;
}[keyof H];
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

/**
 * Handles typed failures by their `_tag`, one handler per tag (Strom's `handleErrors`). Tags without a handler
 * pass through.
 *
 * @example
 * pipe(
 *   loadUser(id),
 *   Om.handleErrors({ NotFound: () => Om.succeed(guest), Forbidden: (e) => Om.fail(new AuditError(e)) }),
 * )
 *
 * @category error handling
 * @since 0.1.0
 */
export const handleErrors =
  <E, H extends Handlers<E>>(handlers: H) =>
  <R, A>(
    om: Om<R, E, A>,
  ): Om<
    R & ([HandlerR<H>] extends [never] ? unknown : UnionToIntersection<HandlerR<H>>),
    Exclude<E, { readonly _tag: keyof H }> | HandlerE<H>,
    A | HandlerA<H>
  > =>
  (r) =>
    ((signal?: AbortSignal) =>
      call(om, r, signal).then((ea) => {
        if (E.isRight(ea)) return ea;
        const tag = (ea.left as { _tag?: unknown } | null)?._tag;
        const handler =
          typeof tag === 'string' && Object.prototype.hasOwnProperty.call(handlers, tag)
            ? (handlers as Record<string, ((e: unknown) => Om<unknown, unknown, unknown>) | undefined>)[tag]
            : undefined;
        return handler === undefined ? ea : call(handler(ea.left), r, signal);
      })) as () => Promise<Either<never, never>>;

// -------------------------------------------------------------------------------------
// time
// -------------------------------------------------------------------------------------

/**
 * Fails with {@link TimeoutError} when `om` has not finished within `ms` milliseconds, and cancels it.
 *
 * @category combinators
 * @since 0.1.0
 */
export const timeout =
  (ms: number) =>
  <R, E, A>(om: Om<R, E, A>): Om<R, E | TimeoutError, A> =>
  (r) =>
    ((signal?: AbortSignal) => {
      const { controller, unlink, onInterrupt } = linked(signal);
      return new Promise<Either<E | TimeoutError, A>>((resolve, reject) => {
        onInterrupt(() => reject(new InterruptedError()));
        const timer = setTimeout(() => {
          controller.abort();
          resolve(E.left(new TimeoutError(ms)));
        }, ms);
        call(om, r, controller.signal).then(
          (ea) => {
            clearTimeout(timer);
            resolve(ea);
          },
          (reason) => {
            clearTimeout(timer);
            reject(reason);
          },
        );
      }).finally(unlink);
    }) as () => Promise<Either<E | TimeoutError, A>>;

// -------------------------------------------------------------------------------------
// concurrency
// -------------------------------------------------------------------------------------

/**
 * Runs the effects at once; the first to succeed wins and the others are cancelled. When every one fails,
 * fails with the failure that came last. A defect in any of them fails the race at once.
 *
 * @category combinators
 * @since 0.1.0
 */
export const race =
  <R, E, A>(oms: ReadonlyArray<Om<R, E, A>>): Om<R, E, A> =>
  (r) =>
    ((signal?: AbortSignal) => {
      if (oms.length === 0) return Promise.reject(new RangeError('race: no effects given'));
      const { controller, unlink, onInterrupt } = linked(signal);
      return new Promise<Either<E, A>>((resolve, reject) => {
        onInterrupt(() => reject(new InterruptedError()));
        let failures = 0;
        for (const om of oms) {
          call(om, r, controller.signal).then(
            (ea) => {
              if (controller.signal.aborted && E.isLeft(ea)) return;
              if (E.isRight(ea)) {
                controller.abort();
                resolve(ea);
              } else if (++failures === oms.length) {
                resolve(ea);
              }
            },
            (reason) => {
              if (controller.signal.aborted) return;
              controller.abort();
              reject(reason);
            },
          );
        }
      }).finally(unlink);
    }) as () => Promise<Either<E, A>>;

/**
 * Runs the effects in parallel (all at once, or `concurrency` at a time) and gives their results in the order
 * the effects were given. The first failure fails the whole and cancels the effects still running; none are
 * started after it.
 *
 * @category combinators
 * @since 0.1.0
 */
export const inParallel =
  <R, E, A>(
    oms: ReadonlyArray<Om<R, E, A>>,
    options: { readonly concurrency?: number } = {},
  ): Om<R, E, A[]> =>
  (r) =>
    ((signal?: AbortSignal) => {
      const concurrency = options.concurrency ?? Infinity;
      if (!(concurrency >= 1))
        return Promise.reject(new RangeError(`inParallel: concurrency ${concurrency} < 1`));
      const { controller, unlink, onInterrupt } = linked(signal);
      const results: A[] = new Array<A>(oms.length);
      return new Promise<Either<E, A[]>>((resolve, reject) => {
        onInterrupt(() => reject(new InterruptedError()));
        let next = 0;
        let done = 0;
        let running = 0;
        if (oms.length === 0) return resolve(E.right(results));
        const start = (): void => {
          while (running < concurrency && next < oms.length && !controller.signal.aborted) {
            const i = next++;
            running++;
            call(oms[i]!, r, controller.signal).then(
              (ea) => {
                running--;
                if (controller.signal.aborted) return;
                if (E.isLeft(ea)) {
                  controller.abort();
                  resolve(ea);
                  return;
                }
                results[i] = ea.right;
                if (++done === oms.length) resolve(E.right(results));
                else start();
              },
              (reason) => {
                running--;
                if (controller.signal.aborted) return;
                controller.abort();
                reject(reason);
              },
            );
          }
        };
        start();
      }).finally(unlink);
    }) as () => Promise<Either<E, A[]>>;

/**
 * Runs `om` again after a typed failure, as the policy says (a number is a count of retries with no delay).
 * Defects are not retried.
 *
 * @example
 * pipe(fetchUser(id), Om.retry({ retries: 3, delayMs: 100, factor: 2 }))
 *
 * @category combinators
 * @since 0.1.0
 */
export const retry = <E>(policy: RetryPolicy<E> | number) => {
  const p = retryPolicy(policy);
  return <R, A>(om: Om<R, E, A>): Om<R, E, A> =>
    (r) =>
      (async (signal?: AbortSignal) => {
        for (let attempt = 0; ; attempt++) {
          const ea = await call(om, r, signal);
          if (E.isRight(ea) || attempt >= p.retries) return ea;
          if (p.while !== undefined && !p.while(ea.left, attempt + 1)) return ea;
          const wait = retryDelay(p, attempt + 1);
          if (wait > 0) await call(delay(wait), undefined, signal);
          if (signal?.aborted) throw new InterruptedError();
        }
      }) as () => Promise<Either<E, A>>;
};

// -------------------------------------------------------------------------------------
// running
// -------------------------------------------------------------------------------------

/**
 * Runs `om` with its context. Never rejects: typed failures come back as `Left(E)`, throws and rejections as
 * `Left(Defect)`.
 *
 * @category running
 * @since 0.1.0
 */
export const run = <R, E, A>(om: Om<R, E, A>, context: R): Promise<Either<E | Defect, A>> =>
  unsafeRun(om, context);
