import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { EMPTY, map as rxMap, of, throwError, timer } from 'rxjs';
import { CreditStats, Defect, fromArray, mapM, Om, provide, runCollect } from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { flushPromises, sleep, testScheduler } from '../helpers';

describe('mapM', () => {
  describe('in virtual time', () => {
    it('should run one effect at a time and emit its result (the doc marble)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-1-2-----|', { 1: 1, 2: 2 });
        const result = source.pipe(mapM((n: number) => timer(3).pipe(rxMap(() => n * 10))));
        expectObservable(result).toBe('----a--b-|', { a: 10, b: 20 });
        expectSubscriptions(source.subscriptions).toBe('^--------!');
      });
    });

    it('should start the next effect only when the previous one finished', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const inner: Record<string, ReturnType<typeof cold<string>>> = {
          a: cold('---(x|)'),
          b: cold('---(y|)'),
          c: cold('-(z|)'),
        };
        const result = cold('-(abc)|').pipe(mapM((k: string) => inner[k]!));
        expectObservable(result).toBe('----x--y(z|)');
        expectSubscriptions(inner.a!.subscriptions).toBe('-^--!');
        expectSubscriptions(inner.b!.subscriptions).toBe('----^--!');
        expectSubscriptions(inner.c!.subscriptions).toBe('-------^!');
      });
    });

    it('should handle never, empty, error, one value and a never-ending source', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        expectObservable(cold('-').pipe(mapM((x: string) => of(x)))).toBe('-');
        expectObservable(cold('|').pipe(mapM((x: string) => of(x)))).toBe('|');
        const failing = cold('--#', undefined, 'err');
        expectObservable(failing.pipe(mapM((x: string) => of(x)))).toBe('--#', undefined, 'err');
        expectSubscriptions(failing.subscriptions).toBe('^-!');
        expectObservable(cold('--a--|').pipe(mapM((x: string) => x.toUpperCase()))).toBe('--A--|', {
          A: 'A',
        });
        const endless = cold('-a-b-');
        expectObservable(endless.pipe(mapM((x: string) => of(x)))).toBe('-a-b-');
        expectSubscriptions(endless.subscriptions).toBe('^');
      });
    });

    it('should stop at an early unsubscription and unsubscribe the running effect', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-c-|');
        const inner = cold('---x');
        expectObservable(source.pipe(mapM(() => inner)), '------!').toBe('----x-');
        expectSubscriptions(source.subscriptions).toBe('^-----!');
        // a from 1 to 4 (its first value); b from 4 until the unsubscription
        expectSubscriptions(inner.subscriptions).toBe(['-^--!', '----^-!']);
      });
    });

    it('should turn a throwing function into a Defect and unsubscribe the source', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const boom = new Error('boom');
        const source = cold('-a-b-c|');
        const result = source.pipe(
          mapM((x: string) => {
            if (x === 'b') throw boom;
            return of(x);
          }),
        );
        expectObservable(result).toBe('-a-#', { a: 'a' }, new Defect(boom, 'mapM'));
        expectSubscriptions(source.subscriptions).toBe('^--!');
      });
    });

    it('should turn an erroring or empty Observable effect into a Defect', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold('-a|').pipe(mapM(() => cold('--#', undefined, 'oops')))).toBe(
          '---#',
          undefined,
          new Defect('oops', 'mapM'),
        );
        expectObservable(cold('-a|').pipe(mapM(() => EMPTY))).toBe(
          '-#',
          undefined,
          new Defect('the Observable completed without a value', 'mapM'),
        );
      });
    });

    it('should pass the index', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold('-a-b|').pipe(mapM((_: string, i: number) => of(i)))).toBe('-0-1|', {
          0: 0,
          1: 1,
        });
      });
    });

    it('should resolve each ticket when its result is handed on', () => {
      const ts = testScheduler();
      let log!: TicketLog<string>;
      ts.run(({ cold, expectObservable }) => {
        const recorded = recordTickets(cold<string>('-a-b|'), () => ts.now());
        log = recorded.log;
        expectObservable(recorded.stream.pipe(mapM((k: string) => timer(2).pipe(rxMap(() => k))))).toBe(
          '---a-(b|)',
        );
      });
      expect(log.entries).toEqual([
        { value: 'a', emittedAt: 1, resolvedAt: 3 },
        { value: 'b', emittedAt: 3, resolvedAt: 5 },
      ]);
    });
  });

  describe('with real Promises', () => {
    it('should run each kind of effect: Om, TaskEither, Promise, Observable and plain value', async () => {
      const kinds = [
        (n: number) => Om.succeed(n + 1),
        (n: number) => TE.right(n + 1),
        (n: number) => sleep(1).then(() => n + 1),
        (n: number) => of(n + 1, 99),
        (n: number) => n + 1,
      ];
      for (const kind of kinds) {
        expect(await pipe(fromArray([1, 2, 3]), mapM(kind), runCollect)()).toEqual(E.right([2, 3, 4]));
        expect(await pipe(of(1, 2, 3), mapM(kind), runCollect)()).toEqual(E.right([2, 3, 4]));
      }
    });

    it('should give an Om its context', async () => {
      const result = await pipe(
        fromArray(['a', 'b']),
        mapM((s: string) => Om.asks((r: { prefix: string }) => r.prefix + s)),
        provide({ prefix: '>' }),
        runCollect,
      )();
      expect(result).toEqual(E.right(['>a', '>b']));
    });

    it('should run only one effect at a time, even behind a credit of 1', async () => {
      let running = 0;
      let max = 0;
      const stats = new CreditStats();
      const result = await pipe(
        fromArray([1, 2, 3, 4, 5], { credit: 1, stats }),
        mapM(async (n: number) => {
          running++;
          max = Math.max(max, running);
          await sleep(1);
          running--;
          return n;
        }),
        runCollect,
      )();
      expect(result).toEqual(E.right([1, 2, 3, 4, 5]));
      expect(max).toBe(1);
      expect(stats.finished).toBe(5);
    });

    it('should fail with the raw value of a Left, and start nothing after it', async () => {
      const started: number[] = [];
      const result = await pipe(
        fromArray([1, 2, 3]),
        mapM((n: number) => {
          started.push(n);
          return n === 2 ? TE.left('bad') : TE.right(n);
        }),
        runCollect,
      )();
      expect(result).toEqual(E.left('bad'));
      expect(started).toEqual([1, 2]);
      expect(
        await pipe(
          fromArray([1]),
          mapM(() => Om.fail({ code: 7 })),
          runCollect,
        )(),
      ).toEqual(E.left({ code: 7 }));
    });

    it('should turn a rejection into a Defect', async () => {
      const boom = new Error('boom');
      const result = await pipe(
        fromArray([1, 2]),
        mapM(() => Promise.reject(boom)),
        runCollect,
      )();
      expect(result).toEqual(E.left(new Defect(boom, 'mapM')));
      expect(((result as E.Left<unknown>).left as Defect).cause).toBe(boom);
    });

    it('should abort the running effect when unsubscribed', async () => {
      const signals: Array<AbortSignal | undefined> = [];
      const sub = fromArray([1, 2])
        .pipe(
          mapM((): Om.Om<unknown, never, number> => () => (signal?: AbortSignal) => {
            signals.push(signal);
            return new Promise(() => undefined);
          }),
        )
        .subscribe();
      await flushPromises();
      expect(signals).toHaveLength(1);
      expect(signals[0]!.aborted).toBe(false);
      sub.unsubscribe();
      expect(signals[0]!.aborted).toBe(true);
    });

    it('should resolve every ticket at the sink', async () => {
      const { stream, log } = recordTickets(fromArray([1, 2, 3]));
      expect(await pipe(stream, mapM(Om.succeed), runCollect)()).toEqual(E.right([1, 2, 3]));
      expect(log.open()).toBe(0);
    });

    it('should pass an upstream error on as it is', async () => {
      expect(
        await pipe(
          throwError(() => 'upstream'),
          mapM((n: number) => Om.succeed(n)),
          runCollect,
        )(),
      ).toEqual(E.left('upstream'));
    });
  });
});
