import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { EMPTY, map as rxMap, of, throwError, timer } from 'rxjs';
import { CreditStats, Defect, filterM, fromArray, mapM, Om, runCollect } from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { flushPromises, sleep, testScheduler } from '../helpers';

describe('filterM', () => {
  describe('in virtual time', () => {
    it('should keep the elements whose effect gives true (the doc marble)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('--1--2--3--|', { 1: 1, 2: 2, 3: 3 });
        expectObservable(source.pipe(filterM((n: number) => of(n !== 2)))).toBe('--1-----3--|', {
          1: 1,
          3: 3,
        });
        expectSubscriptions(source.subscriptions).toBe('^----------!');
      });
    });

    it('should run one predicate at a time and emit a kept element when its predicate ends', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const inner: Record<string, ReturnType<typeof cold<boolean>>> = {
          a: cold('--(t|)', { t: true }),
          b: cold('--(f|)', { f: false }),
          c: cold('--(t|)', { t: true }),
        };
        expectObservable(cold('-(abc)|').pipe(filterM((k: string) => inner[k]!))).toBe('---a---(c|)');
        expectSubscriptions(inner.a!.subscriptions).toBe('-^-!');
        expectSubscriptions(inner.b!.subscriptions).toBe('---^-!');
        expectSubscriptions(inner.c!.subscriptions).toBe('-----^-!');
      });
    });

    it('should handle never, empty, error and a never-ending source', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        expectObservable(cold('-').pipe(filterM(() => of(true)))).toBe('-');
        expectObservable(cold('|').pipe(filterM(() => of(true)))).toBe('|');
        expectObservable(cold('-a-#', undefined, 'err').pipe(filterM(() => of(true)))).toBe(
          '-a-#',
          undefined,
          'err',
        );
        const endless = cold('-a-b-c-');
        expectObservable(endless.pipe(filterM((x: string) => x !== 'b'))).toBe('-a---c-');
        expectSubscriptions(endless.subscriptions).toBe('^');
      });
    });

    it('should stop at an early unsubscription and unsubscribe the running predicate', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-|');
        const inner = cold('--t', { t: true });
        expectObservable(source.pipe(filterM(() => inner)), '----!').toBe('---a');
        expectSubscriptions(source.subscriptions).toBe('^---!');
        expectSubscriptions(inner.subscriptions).toBe(['-^-!', '---^!']);
      });
    });

    it('should turn a throw, an Observable error or an empty Observable into a Defect', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const boom = new Error('boom');
        const source = cold('-a-b-|');
        expectObservable(
          source.pipe(
            filterM((x: string) => {
              if (x === 'b') throw boom;
              return of(true);
            }),
          ),
        ).toBe('-a-#', undefined, new Defect(boom, 'filterM'));
        expectSubscriptions(source.subscriptions).toBe('^--!');
        expectObservable(cold('-a|').pipe(filterM(() => throwError(() => boom)))).toBe(
          '-#',
          undefined,
          new Defect(boom, 'filterM'),
        );
        expectObservable(cold('-a|').pipe(filterM(() => EMPTY))).toBe(
          '-#',
          undefined,
          new Defect('the Observable completed without a value', 'filterM'),
        );
      });
    });

    it('should resolve a dropped ticket as soon as its predicate says no', () => {
      const ts = testScheduler();
      let log!: TicketLog<number>;
      ts.run(({ cold, expectObservable }) => {
        const recorded = recordTickets(cold('-1-2-3-|', { 1: 1, 2: 2, 3: 3 }), () => ts.now());
        log = recorded.log;
        const result = recorded.stream.pipe(
          filterM((n: number) => timer(1).pipe(rxMap(() => n !== 2))),
          // kept elements are held 4 more frames below: their tickets wait for that
          mapM((n: number) => timer(4).pipe(rxMap(() => n))),
        );
        expectObservable(result).toBe('------1---(3|)', { 1: 1, 3: 3 });
      });
      expect(log.entries).toEqual([
        { value: 1, emittedAt: 1, resolvedAt: 6 },
        { value: 2, emittedAt: 3, resolvedAt: 4 },
        { value: 3, emittedAt: 5, resolvedAt: 10 },
      ]);
    });

    it('should resolve a dropped ticket on arrival when the predicate is synchronous', () => {
      const ts = testScheduler();
      let log!: TicketLog<string>;
      ts.run(({ cold, expectObservable }) => {
        const recorded = recordTickets(cold<string>('-a-b-c|'), () => ts.now());
        log = recorded.log;
        expectObservable(recorded.stream.pipe(filterM((x: string) => of(x === 'a')))).toBe('-a----|');
      });
      expect(log.entries.map((e) => [e.value, e.emittedAt, e.resolvedAt])).toEqual([
        ['a', 1, 1],
        ['b', 3, 3],
        ['c', 5, 5],
      ]);
    });
  });

  describe('with real Promises', () => {
    it('should accept each kind of effect: Om, TaskEither, Promise, Observable and plain boolean', async () => {
      const odd = (n: number): boolean => n % 2 === 1;
      const kinds = [
        (n: number) => Om.succeed(odd(n)),
        (n: number) => TE.right(odd(n)),
        (n: number) => sleep(1).then(() => odd(n)),
        (n: number) => of(odd(n), !odd(n)),
        (n: number) => odd(n),
      ];
      for (const kind of kinds) {
        const { stream, log } = recordTickets(fromArray([1, 2, 3, 4, 5]));
        expect(await pipe(stream, filterM(kind), runCollect)()).toEqual(E.right([1, 3, 5]));
        expect(log.open()).toBe(0);
      }
    });

    it('should fail with the raw value of a Left and start nothing after it', async () => {
      const started: number[] = [];
      const result = await pipe(
        fromArray([1, 2, 3]),
        filterM((n: number) => {
          started.push(n);
          return n === 2 ? TE.left('bad') : TE.right(true);
        }),
        runCollect,
      )();
      expect(result).toEqual(E.left('bad'));
      expect(started).toEqual([1, 2]);
    });

    it('should turn a rejection into a Defect', async () => {
      const boom = new Error('boom');
      const result = await pipe(
        of(1),
        filterM(() => Promise.reject(boom)),
        runCollect,
      )();
      expect(result).toEqual(E.left(new Defect(boom, 'filterM')));
      expect(((result as E.Left<unknown>).left as Defect).cause).toBe(boom);
    });

    it('should give the credit of dropped elements back to the source', async () => {
      const stats = new CreditStats();
      const items = Array.from({ length: 200 }, (_, i) => i);
      const result = await pipe(
        fromArray(items, { credit: 2, stats }),
        filterM((n: number) => Promise.resolve(n % 50 === 0)),
        runCollect,
      )();
      expect(result).toEqual(E.right([0, 50, 100, 150]));
      expect(stats.finished).toBe(200);
      expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    });

    it('should abort the running predicate when unsubscribed', async () => {
      const signals: Array<AbortSignal | undefined> = [];
      const sub = fromArray([1, 2])
        .pipe(
          filterM((): Om.Om<unknown, never, boolean> => () => (signal?: AbortSignal) => {
            signals.push(signal);
            return new Promise(() => undefined);
          }),
        )
        .subscribe();
      await flushPromises();
      expect(signals).toHaveLength(1);
      sub.unsubscribe();
      expect(signals[0]!.aborted).toBe(true);
    });
  });
});
