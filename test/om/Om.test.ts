import * as E from 'fp-ts/Either';
import type { Either } from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as RTE from 'fp-ts/ReaderTaskEither';
import { Defect, TimeoutError } from '../../src/om/errors';
import * as Om from '../../src/om/index';
import { InterruptedError } from '../../src/om/Om';
import { flushPromises } from '../helpers';

type Eff<R, E, A> = Om.Om<R, E, A>;

class NotFound {
  readonly _tag = 'NotFound' as const;
  constructor(readonly id: string) {}
}
class Forbidden {
  readonly _tag = 'Forbidden' as const;
  constructor(readonly who: string) {}
}
class Unavailable {
  readonly _tag = 'Unavailable' as const;
}

/** An effect settled by hand, that records each run and the signal it got. */
const controllable = <E, A>(name = 'effect') => {
  const runs: Array<{
    signal: AbortSignal | undefined;
    settle: (ea: Either<E, A>) => void;
    reject: (reason: unknown) => void;
  }> = [];
  const om: Eff<unknown, E, A> = () =>
    ((signal?: AbortSignal) =>
      new Promise<Either<E, A>>((resolve, reject) => {
        runs.push({ signal, settle: resolve, reject });
      })) as () => Promise<Either<E, A>>;
  return {
    om,
    runs,
    name,
    get last() {
      return runs[runs.length - 1]!;
    },
  };
};

/** An effect that settles after `ms` (fake or real timers) and records whether it was aborted. */
const after = <E, A>(ms: number, result: Either<E, A>, log: string[] = [], name = String(ms)) => {
  const om: Eff<unknown, E, A> = () =>
    ((signal?: AbortSignal) =>
      new Promise<Either<E, A>>((resolve) => {
        log.push(`start ${name}`);
        const onAbort = (): void => {
          clearTimeout(timer);
          log.push(`abort ${name}`);
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          log.push(`end ${name}`);
          resolve(result);
        }, ms);
        signal?.addEventListener('abort', onAbort);
      })) as () => Promise<Either<E, A>>;
  return om;
};

const throwing =
  <E = never, A = never>(reason: unknown): Eff<unknown, E, A> =>
  () =>
  () => {
    throw reason;
  };

const rejecting =
  <E = never, A = never>(reason: unknown): Eff<unknown, E, A> =>
  () =>
  () =>
    Promise.reject(reason);

const defectOf = (ea: Either<unknown, unknown>): Defect => {
  if (E.isRight(ea) || !(ea.left instanceof Defect)) throw new Error(`not a Left(Defect): ${String(ea)}`);
  return ea.left;
};

describe('Om', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('succeed', () => {
    it('should succeed with the value', async () => {
      expect(await Om.run(Om.succeed(1), undefined)).toEqual(E.right(1));
    });

    it('should work with fp-ts combinators', async () => {
      const om = pipe(
        Om.succeed(2),
        RTE.map((n) => n * 21),
      );
      expect(await Om.run(om, undefined)).toEqual(E.right(42));
    });
  });

  describe('fail', () => {
    it('should fail with the typed error', async () => {
      expect(await Om.run(Om.fail(new NotFound('u1')), undefined)).toEqual(E.left(new NotFound('u1')));
      expect(await Om.run(Om.fail('e'), undefined)).toEqual(E.left('e'));
    });
  });

  describe('fromPromise', () => {
    it('should succeed with the fulfilled value', async () => {
      expect(
        await Om.run(
          Om.fromPromise(() => Promise.resolve('ok')),
          undefined,
        ),
      ).toEqual(E.right('ok'));
    });

    it('should turn a rejection into Left(Defect) carrying the reason', async () => {
      const reason = new Error('down');
      const ea = await Om.run(
        Om.fromPromise(() => Promise.reject(reason)),
        undefined,
      );
      const d = defectOf(ea);
      expect(d.cause).toBe(reason);
      expect(d.message).toBe('down');
    });

    it('should turn a throw while making the Promise into Left(Defect)', async () => {
      const ea = await Om.run(
        Om.fromPromise(() => {
          throw 'sync';
        }),
        undefined,
      );
      expect(defectOf(ea).cause).toBe('sync');
    });

    it('should make a new Promise on each run', async () => {
      let made = 0;
      const om = Om.fromPromise(() => Promise.resolve(++made));
      expect(await Om.run(om, undefined)).toEqual(E.right(1));
      expect(await Om.run(om, undefined)).toEqual(E.right(2));
    });

    it('should pass the signal of a combinator that can cancel', async () => {
      let seen: AbortSignal | undefined;
      const om = Om.fromPromise((signal) => {
        seen = signal;
        return new Promise<number>(() => undefined);
      });
      const running = Om.run(Om.timeout(5)(om), undefined);
      await flushPromises();
      expect(seen).toBeInstanceOf(AbortSignal);
      expect(seen!.aborted).toBe(false);
      expect(await running).toEqual(E.left(new TimeoutError(5)));
      expect(seen!.aborted).toBe(true);
    });
  });

  describe('tryPromise', () => {
    it('should succeed with the fulfilled value', async () => {
      expect(
        await Om.run(
          Om.tryPromise(() => Promise.resolve(3), String),
          undefined,
        ),
      ).toEqual(E.right(3));
    });

    it('should turn a rejection into the typed error onRejected gives', async () => {
      const om = Om.tryPromise(
        () => Promise.reject(new Error('404')),
        (reason) => new NotFound((reason as Error).message),
      );
      expect(await Om.run(om, undefined)).toEqual(E.left(new NotFound('404')));
    });

    it('should turn a throw while making the Promise into the typed error', async () => {
      const om = Om.tryPromise(
        () => {
          throw 'sync';
        },
        (reason) => `typed ${String(reason)}`,
      );
      expect(await Om.run(om, undefined)).toEqual(E.left('typed sync'));
    });

    it('should give Left(Defect) when onRejected throws, not hang', async () => {
      const boom = new Error('mapper');
      const om = Om.tryPromise(
        () => Promise.reject('x'),
        () => {
          throw boom;
        },
      );
      expect(defectOf(await Om.run(om, undefined)).cause).toBe(boom);
      const sync = Om.tryPromise(
        () => {
          throw 'y';
        },
        () => {
          throw boom;
        },
      );
      expect(defectOf(await Om.run(sync, undefined)).cause).toBe(boom);
    });
  });

  describe('ask / asks', () => {
    it('should read the context', async () => {
      expect(await Om.run(Om.ask<{ n: number }>(), { n: 5 })).toEqual(E.right({ n: 5 }));
      expect(
        await Om.run(
          Om.asks((r: { n: number }) => r.n * 2),
          { n: 5 },
        ),
      ).toEqual(E.right(10));
    });

    it('should give Left(Defect) when the reading function throws', async () => {
      const om = Om.asks((r: { n?: { m: number } }) => r.n!.m);
      expect(defectOf(await Om.run(om, {}))).toBeInstanceOf(Defect);
    });
  });

  describe('delay', () => {
    it('should wait the given time (fake timers)', async () => {
      jest.useFakeTimers();
      let settled: Either<unknown, void> | undefined;
      void Om.run(Om.delay(100), undefined).then((ea) => (settled = ea));
      await jest.advanceTimersByTimeAsync(99);
      expect(settled).toBeUndefined();
      await jest.advanceTimersByTimeAsync(1);
      expect(settled).toEqual(E.right(undefined));
    });

    it('should wait with real timers too', async () => {
      const started = Date.now();
      expect(await Om.run(Om.delay(20), undefined)).toEqual(E.right(undefined));
      expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    });

    it('should clear its timer when cancelled', async () => {
      jest.useFakeTimers();
      const running = Om.run(Om.timeout(10)(Om.delay(1000)), undefined);
      expect(jest.getTimerCount()).toBe(2);
      await jest.advanceTimersByTimeAsync(10);
      expect(await running).toEqual(E.left(new TimeoutError(10)));
      expect(jest.getTimerCount()).toBe(0);
    });

    it('should not start under a signal already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const ea = await Om.unsafeRun(Om.delay(10), undefined, controller.signal);
      expect(defectOf(ea).cause).toBeInstanceOf(InterruptedError);
    });
  });

  describe('catchAll', () => {
    it('should handle every typed failure', async () => {
      const om = pipe(
        Om.fail<NotFound | Forbidden>(new Forbidden('bob')),
        Om.catchAll((e) => Om.succeed(`handled ${e._tag}`)),
      );
      expect(await Om.run(om, undefined)).toEqual(E.right('handled Forbidden'));
    });

    it('should leave a success alone', async () => {
      const handler = jest.fn(() => Om.succeed(0));
      expect(await Om.run(pipe(Om.succeed(1), Om.catchAll(handler)), undefined)).toEqual(E.right(1));
      expect(handler).not.toHaveBeenCalled();
    });

    it('should give the failure of the handler', async () => {
      const om = pipe(
        Om.fail('a'),
        Om.catchAll((e) => Om.fail(`${e}!`)),
      );
      expect(await Om.run(om, undefined)).toEqual(E.left('a!'));
    });

    it('should let defects through untouched', async () => {
      const boom = new Error('boom');
      const handler = jest.fn(() => Om.succeed(0));
      expect(defectOf(await Om.run(pipe(throwing(boom), Om.catchAll(handler)), undefined)).cause).toBe(boom);
      expect(defectOf(await Om.run(pipe(rejecting(boom), Om.catchAll(handler)), undefined)).cause).toBe(boom);
      expect(handler).not.toHaveBeenCalled();
    });

    it('should give Left(Defect) when the handler throws', async () => {
      const om = pipe(
        Om.fail('a'),
        Om.catchAll(() => {
          throw new Error('handler');
        }),
      );
      expect(defectOf(await Om.run(om, undefined)).message).toBe('handler');
    });

    it('should give the handler the context', async () => {
      const om = pipe(
        Om.fail<string, { fallback: number }>('x'),
        Om.catchAll(() => Om.asks((r: { fallback: number }) => r.fallback)),
      );
      expect(await Om.run(om, { fallback: 9 })).toEqual(E.right(9));
    });
  });

  describe('catchTag', () => {
    const load = (e: NotFound | Forbidden | undefined): Eff<unknown, NotFound | Forbidden, string> =>
      e === undefined ? Om.succeed('user') : Om.fail(e);

    it('should handle the failures with the tag', async () => {
      const om = pipe(
        load(new NotFound('u1')),
        Om.catchTag('NotFound', (e) => Om.succeed(`guest for ${e.id}`)),
      );
      expect(await Om.run(om, undefined)).toEqual(E.right('guest for u1'));
    });

    it('should pass the other failures, successes and defects through', async () => {
      const handler = jest.fn(() => Om.succeed('guest'));
      expect(
        await Om.run(pipe(load(new Forbidden('bob')), Om.catchTag('NotFound', handler)), undefined),
      ).toEqual(E.left(new Forbidden('bob')));
      expect(await Om.run(pipe(load(undefined), Om.catchTag('NotFound', handler)), undefined)).toEqual(
        E.right('user'),
      );
      const boom = new Error('boom');
      const defective: Eff<unknown, NotFound, string> = throwing(boom);
      expect(defectOf(await Om.run(pipe(defective, Om.catchTag('NotFound', handler)), undefined)).cause).toBe(
        boom,
      );
      expect(handler).not.toHaveBeenCalled();
    });

    it('should remove the handled tag from the error type', async () => {
      const handled = pipe(
        load(new Forbidden('eve')),
        Om.catchTag('NotFound', (e) => Om.succeed(`guest for ${e.id}`)),
      );
      const onlyForbidden: Eff<unknown, Forbidden, string> = handled;
      // @ts-expect-error NotFound was handled, so the error type is Forbidden only
      const stillNotFound: Eff<unknown, NotFound, string> = handled;
      expect(await Om.run(onlyForbidden, undefined)).toEqual(E.left(new Forbidden('eve')));
      expect(stillNotFound).toBe(handled);
    });

    it('should add the error type of the handler', async () => {
      const handled = pipe(
        load(new NotFound('u2')),
        Om.catchTag('NotFound', () => Om.fail(new Unavailable())),
      );
      const typed: Eff<unknown, Forbidden | Unavailable, string> = handled;
      expect(await Om.run(typed, undefined)).toEqual(E.left(new Unavailable()));
    });
  });

  describe('handleErrors', () => {
    const load = (
      e: NotFound | Forbidden | Unavailable,
    ): Eff<unknown, NotFound | Forbidden | Unavailable, string> => Om.fail(e);
    const handle = Om.handleErrors<
      NotFound | Forbidden | Unavailable,
      {
        NotFound: (e: NotFound) => Eff<unknown, never, string>;
        Forbidden: (e: Forbidden) => Eff<unknown, string, never>;
      }
    >({
      NotFound: (e) => Om.succeed(`guest ${e.id}`),
      Forbidden: (e) => Om.fail(`audit ${e.who}`),
    });

    it('should handle each failure with the handler for its tag', async () => {
      expect(await Om.run(pipe(load(new NotFound('n')), handle), undefined)).toEqual(E.right('guest n'));
      expect(await Om.run(pipe(load(new Forbidden('f')), handle), undefined)).toEqual(E.left('audit f'));
    });

    it('should pass tags without a handler through', async () => {
      const handled = pipe(load(new Unavailable()), handle);
      const typed: Eff<unknown, Unavailable | string, string> = handled;
      expect(await Om.run(typed, undefined)).toEqual(E.left(new Unavailable()));
    });

    it('should pass failures without a tag, successes and defects through', async () => {
      const byTag = Om.handleErrors({ toString: () => Om.succeed('no') } as never);
      expect(await Om.run(byTag(Om.fail('plain') as Eff<unknown, never, never>), undefined)).toEqual(
        E.left('plain'),
      );
      expect(await Om.run(byTag(Om.fail(null) as Eff<unknown, never, never>), undefined)).toEqual(
        E.left(null),
      );
      // a tag found only on the prototype of the handlers object is not a handler
      expect(
        await Om.run(byTag(Om.fail({ _tag: 'hasOwnProperty' }) as Eff<unknown, never, never>), undefined),
      ).toEqual(E.left({ _tag: 'hasOwnProperty' }));
      expect(await Om.run(pipe(Om.succeed('ok'), handle), undefined)).toEqual(E.right('ok'));
      const boom = new Error('boom');
      expect(defectOf(await Om.run(pipe(throwing(boom), handle), undefined)).cause).toBe(boom);
    });
  });

  describe('timeout', () => {
    it('should give the result when the effect finishes in time, and clear its timer', async () => {
      jest.useFakeTimers();
      const running = Om.run(pipe(after(50, E.right('done')), Om.timeout(100)), undefined);
      await jest.advanceTimersByTimeAsync(50);
      expect(await running).toEqual(E.right('done'));
      expect(jest.getTimerCount()).toBe(0);
    });

    it('should keep a typed failure that comes in time', async () => {
      jest.useFakeTimers();
      const running = Om.run(pipe(after(10, E.left('bad')), Om.timeout(100)), undefined);
      await jest.advanceTimersByTimeAsync(10);
      expect(await running).toEqual(E.left('bad'));
    });

    it('should fail with TimeoutError and abort the effect it gave up on', async () => {
      jest.useFakeTimers();
      const effect = controllable<never, number>();
      let settled: Either<unknown, number> | undefined;
      void Om.run(pipe(effect.om, Om.timeout(100)), undefined).then((ea) => (settled = ea));
      await jest.advanceTimersByTimeAsync(0);
      expect(effect.last.signal!.aborted).toBe(false);
      await jest.advanceTimersByTimeAsync(99);
      expect(settled).toBeUndefined();
      await jest.advanceTimersByTimeAsync(1);
      expect(settled).toEqual(E.left(new TimeoutError(100)));
      expect((settled as E.Left<TimeoutError>).left).toBeInstanceOf(TimeoutError);
      expect((settled as E.Left<TimeoutError>).left.ms).toBe(100);
      expect(effect.last.signal!.aborted).toBe(true);
      // a late result is ignored
      effect.last.settle(E.right(1));
      await jest.advanceTimersByTimeAsync(0);
      expect(settled).toEqual(E.left(new TimeoutError(100)));
    });

    it('should give Left(Defect) for a defect of the effect', async () => {
      const boom = new Error('boom');
      expect(defectOf(await Om.run(pipe(rejecting(boom), Om.timeout(100)), undefined)).cause).toBe(boom);
    });

    it('should abort the effect when the outer signal is aborted', async () => {
      const effect = controllable<never, number>();
      const outer = new AbortController();
      void Om.unsafeRun(pipe(effect.om, Om.timeout(1000)), undefined, outer.signal);
      await flushPromises();
      outer.abort();
      expect(effect.last.signal!.aborted).toBe(true);
    });
  });

  describe('race', () => {
    it('should give the first success and abort the losers', async () => {
      jest.useFakeTimers();
      const log: string[] = [];
      const running = Om.run(
        Om.race([
          after(30, E.right('slow'), log),
          after(10, E.right('fast'), log),
          after(20, E.left('x'), log),
        ]),
        undefined,
      );
      await jest.advanceTimersByTimeAsync(10);
      expect(await running).toEqual(E.right('fast'));
      expect(log).toEqual(['start 30', 'start 10', 'start 20', 'end 10', 'abort 30', 'abort 20']);
    });

    it('should let a failure that comes first not end the race', async () => {
      jest.useFakeTimers();
      const running = Om.run(
        Om.race([after(5, E.left('quick failure')), after(10, E.right('win'))]),
        undefined,
      );
      await jest.advanceTimersByTimeAsync(10);
      expect(await running).toEqual(E.right('win'));
    });

    it('should fail with the failure that came last when every one fails', async () => {
      jest.useFakeTimers();
      const running = Om.run(
        Om.race([after(10, E.left('a')), after(30, E.left('c')), after(20, E.left('b'))]),
        undefined,
      );
      await jest.advanceTimersByTimeAsync(30);
      expect(await running).toEqual(E.left('c'));
    });

    it('should fail at once on a defect and abort the others', async () => {
      const effect = controllable<never, number>();
      const boom = new Error('boom');
      const ea = await Om.run(Om.race([effect.om, rejecting(boom)]), undefined);
      expect(defectOf(ea).cause).toBe(boom);
      expect(effect.last.signal!.aborted).toBe(true);
    });

    it('should give Left(Defect) for no effects', async () => {
      expect(defectOf(await Om.run(Om.race([]), undefined)).cause).toBeInstanceOf(RangeError);
    });
  });

  describe('inParallel', () => {
    it('should give the results in the order of the effects, not of completion', async () => {
      jest.useFakeTimers();
      const running = Om.run(
        Om.inParallel([after(30, E.right('a')), after(10, E.right('b')), after(20, E.right('c'))]),
        undefined,
      );
      await jest.advanceTimersByTimeAsync(30);
      expect(await running).toEqual(E.right(['a', 'b', 'c']));
    });

    it('should run all at once by default', async () => {
      const effects = [
        controllable<never, number>(),
        controllable<never, number>(),
        controllable<never, number>(),
      ];
      const running = Om.run(Om.inParallel(effects.map((e) => e.om)), undefined);
      await flushPromises();
      expect(effects.map((e) => e.runs.length)).toEqual([1, 1, 1]);
      effects.forEach((e, i) => e.last.settle(E.right(i)));
      expect(await running).toEqual(E.right([0, 1, 2]));
    });

    it('should succeed with no results for no effects', async () => {
      expect(await Om.run(Om.inParallel([]), undefined)).toEqual(E.right([]));
    });

    it('should fail fast with the first failure and abort the effects still running', async () => {
      jest.useFakeTimers();
      const log: string[] = [];
      let settled: Either<unknown, string[]> | undefined;
      void Om.run(
        Om.inParallel([
          after(30, E.right('a'), log),
          after(10, E.left('b failed'), log),
          after(50, E.right('c'), log),
        ]),
        undefined,
      ).then((ea) => (settled = ea));
      await jest.advanceTimersByTimeAsync(10);
      expect(settled).toEqual(E.left('b failed'));
      expect(log).toEqual(['start 30', 'start 10', 'start 50', 'end 10', 'abort 30', 'abort 50']);
    });

    it('should start nothing after a failure', async () => {
      jest.useFakeTimers();
      const log: string[] = [];
      const running = Om.run(
        Om.inParallel(
          [
            after(10, E.right('a'), log, 'a'),
            after(20, E.left('b failed'), log, 'b'),
            after(10, E.right('c'), log, 'c'),
            after(10, E.right('d'), log, 'd'),
          ],
          { concurrency: 2 },
        ),
        undefined,
      );
      await jest.advanceTimersByTimeAsync(100);
      expect(await running).toEqual(E.left('b failed'));
      // c starts when a ends (t=10) and ends at t=20 together with b's failure; d never starts
      expect(log).not.toContain('start d');
      expect(log.slice(0, 4)).toEqual(['start a', 'start b', 'end a', 'start c']);
    });

    it('should respect the concurrency', async () => {
      jest.useFakeTimers();
      let running = 0;
      let most = 0;
      const starts: number[] = [];
      const job =
        (i: number, ms: number): Eff<unknown, never, number> =>
        () =>
        () => {
          running++;
          most = Math.max(most, running);
          starts.push(i);
          return new Promise((resolve) =>
            setTimeout(() => {
              running--;
              resolve(E.right(i * 10));
            }, ms),
          );
        };
      const durations = [30, 10, 10, 40, 5, 5, 20];
      const result = Om.run(
        Om.inParallel(
          durations.map((ms, i) => job(i, ms)),
          { concurrency: 3 },
        ),
        undefined,
      );
      await jest.advanceTimersByTimeAsync(0);
      expect(starts).toEqual([0, 1, 2]);
      await jest.advanceTimersByTimeAsync(10);
      expect(starts).toEqual([0, 1, 2, 3, 4]);
      await jest.advanceTimersByTimeAsync(200);
      expect(await result).toEqual(E.right([0, 10, 20, 30, 40, 50, 60]));
      expect(most).toBe(3);
    });

    it('should reject a concurrency below 1 with Left(Defect)', async () => {
      const ea = await Om.run(Om.inParallel([Om.succeed(1)], { concurrency: 0 }), undefined);
      expect(defectOf(ea).cause).toBeInstanceOf(RangeError);
    });

    it('should give Left(Defect) for a defect and abort the others', async () => {
      const effect = controllable<never, number>();
      const boom = new Error('boom');
      const ea = await Om.run(Om.inParallel([effect.om, throwing<never, number>(boom)]), undefined);
      expect(defectOf(ea).cause).toBe(boom);
      expect(effect.last.signal!.aborted).toBe(true);
    });
  });

  describe('retry', () => {
    /** An effect failing `failures` times before it succeeds, that records when it ran. */
    const flaky = (failures: number, clock: () => number = Date.now) => {
      const attempts: number[] = [];
      const om: Eff<unknown, string, string> = () => () => {
        attempts.push(clock());
        return Promise.resolve(
          attempts.length > failures
            ? E.right(`ok after ${attempts.length}`)
            : E.left(`fail ${attempts.length}`),
        );
      };
      return { om, attempts };
    };

    it('should retry a typed failure up to the count', async () => {
      const ok = flaky(3);
      expect(await Om.run(pipe(ok.om, Om.retry(3)), undefined)).toEqual(E.right('ok after 4'));
      expect(ok.attempts).toHaveLength(4);
      const ko = flaky(10);
      expect(await Om.run(pipe(ko.om, Om.retry<string>({ retries: 2 })), undefined)).toEqual(
        E.left('fail 3'),
      );
      expect(ko.attempts).toHaveLength(3);
    });

    it('should not retry with 0 retries, nor after a success', async () => {
      const ko = flaky(1);
      expect(await Om.run(pipe(ko.om, Om.retry(0)), undefined)).toEqual(E.left('fail 1'));
      expect(ko.attempts).toHaveLength(1);
      const ok = flaky(0);
      expect(await Om.run(pipe(ok.om, Om.retry(5)), undefined)).toEqual(E.right('ok after 1'));
      expect(ok.attempts).toHaveLength(1);
    });

    it('should wait with exponential backoff between tries, capped by maxDelayMs', async () => {
      jest.useFakeTimers({ now: 0 });
      const ko = flaky(10, () => Date.now());
      let settled: Either<unknown, string> | undefined;
      void Om.run(
        pipe(ko.om, Om.retry<string>({ retries: 4, delayMs: 100, factor: 2, maxDelayMs: 300 })),
        undefined,
      ).then((ea) => (settled = ea));
      await jest.advanceTimersByTimeAsync(2000);
      // waits 100, 200, 300 (capped from 400), 300 (capped from 800)
      expect(ko.attempts).toEqual([0, 100, 300, 600, 900]);
      expect(settled).toEqual(E.left('fail 5'));
    });

    it('should wait a constant delay with factor 1', async () => {
      jest.useFakeTimers({ now: 0 });
      const ok = flaky(2, () => Date.now());
      const running = Om.run(
        pipe(ok.om, Om.retry<string>({ retries: 5, delayMs: 50, factor: 1 })),
        undefined,
      );
      await jest.advanceTimersByTimeAsync(100);
      expect(await running).toEqual(E.right('ok after 3'));
      expect(ok.attempts).toEqual([0, 50, 100]);
    });

    it('should retry only the failures `while` accepts, and pass it the attempt number', async () => {
      const ko = flaky(10);
      const seen: Array<[string, number]> = [];
      const om = pipe(
        ko.om,
        Om.retry<string>({
          retries: 10,
          while: (e, attempt) => {
            seen.push([e, attempt]);
            return e !== 'fail 3';
          },
        }),
      );
      expect(await Om.run(om, undefined)).toEqual(E.left('fail 3'));
      expect(ko.attempts).toHaveLength(3);
      expect(seen).toEqual([
        ['fail 1', 1],
        ['fail 2', 2],
        ['fail 3', 3],
      ]);
    });

    it('should not retry defects', async () => {
      let tries = 0;
      const boom = new Error('boom');
      const om: Eff<unknown, string, never> = () => () => {
        tries++;
        return Promise.reject(boom);
      };
      expect(defectOf(await Om.run(pipe(om, Om.retry(3)), undefined)).cause).toBe(boom);
      expect(tries).toBe(1);
    });

    it('should reject an invalid policy at once', () => {
      expect(() => Om.retry(-1)).toThrow(RangeError);
      expect(() => Om.retry({ retries: 1, factor: 0.5 })).toThrow('factor');
      expect(() => Om.retry({ retries: 1, delayMs: -1 })).toThrow('delayMs');
      expect(() => Om.retry({ retries: 1, jitter: 2 })).toThrow('jitter');
      expect(() => Om.retry({ retries: 1.5 })).toThrow('retries');
    });

    it('should spread the wait with jitter', () => {
      const p = Om.retryPolicy({ retries: 3, delayMs: 100, jitter: 0.5 });
      expect(Om.retryDelay(p, 1, () => 0)).toBe(100);
      expect(Om.retryDelay(p, 1, () => 1)).toBe(50);
      expect(Om.retryDelay(p, 2, () => 0.5)).toBe(150);
    });
  });

  describe('run', () => {
    it('should never reject: every kind of defect comes back as Left(Defect)', async () => {
      const boom = new Error('boom');
      const cases: Array<Eff<unknown, never, number>> = [
        () => {
          throw boom;
        },
        throwing(boom),
        rejecting(boom),
        (() => () => Promise.resolve('not an either')) as unknown as Eff<unknown, never, number>,
      ];
      const results = await Promise.all(cases.map((om) => Om.run(om, undefined)));
      expect(results.map((ea) => defectOf(ea) instanceof Defect)).toEqual([true, true, true, true]);
      expect(defectOf(results[0]!).cause).toBe(boom);
      expect(defectOf(results[2]!).cause).toBe(boom);
      expect(defectOf(results[3]!).cause).toBe('not an either');
    });

    it('should keep a Defect thrown as it is', async () => {
      const d = new Defect('inner', 'somewhere');
      expect(defectOf(await Om.run(rejecting(d), undefined))).toBe(d);
    });

    it('should run with the context given', async () => {
      const om = pipe(
        Om.ask<{ base: number }>(),
        RTE.flatMap((r) => Om.succeed(r.base + 1)),
      );
      expect(await Om.run(om, { base: 41 })).toEqual(E.right(42));
    });
  });
});

describe('Om sequencing', () => {
  it('should map, flatMap and tap, passing the context and keeping failures', async () => {
    const seen: number[] = [];
    const program = pipe(
      Om.asks((r: { base: number }) => r.base),
      Om.map((n: number) => n + 1),
      Om.flatMap((n: number) => Om.asks((r: { factor: number }) => n * r.factor)),
      Om.tap((n: number) => Om.fromPromise(async () => void seen.push(n))),
    );
    expect(await Om.run(program, { base: 1, factor: 10 })).toEqual(E.right(20));
    expect(seen).toEqual([20]);
    const failing = pipe(
      Om.fail<'nope'>('nope'),
      Om.map((n: number) => n + 1),
      Om.flatMap(() => Om.succeed(1)),
    );
    expect(await Om.run(failing, undefined)).toEqual(E.left('nope'));
  });

  it('should pass the cancellation signal through flatMap', async () => {
    let aborted = false;
    const slow = Om.fromPromise(
      (signal) =>
        new Promise<number>((resolve) => {
          signal?.addEventListener('abort', () => {
            aborted = true;
            resolve(0);
          });
        }),
    );
    const program = pipe(
      Om.succeed(1),
      Om.flatMap(() => slow),
      Om.timeout(10),
    );
    const result = await Om.run(program, undefined);
    expect(E.isLeft(result) && (result.left as { _tag: string })._tag).toBe('TimeoutError');
    expect(aborted).toBe(true);
  });
});
