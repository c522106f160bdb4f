import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { EMPTY, map as rxMap, of, throwError, timer } from 'rxjs';
import { collectM, CreditStats, Defect, fromArray, mapM, Om, runCollect } from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { flushPromises, sleep, testScheduler } from '../helpers';

const parse = (s: string): O.Option<number> => (isNaN(+s) ? O.none : O.some(+s));

describe('collectM', () => {
  describe('in virtual time', () => {
    it('should emit the some and drop the none (the doc marble)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('--a--b--|');
        expectObservable(source.pipe(collectM((s: string) => of(s === 'a' ? O.some(1) : O.none)))).toBe(
          '--1-----|',
          { 1: 1 },
        );
        expectSubscriptions(source.subscriptions).toBe('^-------!');
      });
    });

    it('should run one effect at a time', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const inner: Record<string, ReturnType<typeof cold<O.Option<number>>>> = {
          a: cold('--(s|)', { s: O.some(1) }),
          b: cold('--(n|)', { n: O.none }),
          c: cold('--(s|)', { s: O.some(3) }),
        };
        expectObservable(cold('-(abc)|').pipe(collectM((k: string) => inner[k]!))).toBe('---1---(3|)', {
          1: 1,
          3: 3,
        });
        expectSubscriptions(inner.a!.subscriptions).toBe('-^-!');
        expectSubscriptions(inner.b!.subscriptions).toBe('---^-!');
        expectSubscriptions(inner.c!.subscriptions).toBe('-----^-!');
      });
    });

    it('should handle never, empty, error and a never-ending source', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        expectObservable(cold('-').pipe(collectM((s: string) => of(parse(s))))).toBe('-');
        expectObservable(cold('|').pipe(collectM((s: string) => of(parse(s))))).toBe('|');
        expectObservable(cold('-1-#', undefined, 'err').pipe(collectM((s: string) => of(parse(s))))).toBe(
          '-1-#',
          { 1: 1 },
          'err',
        );
        const endless = cold('-1-x-3-');
        expectObservable(endless.pipe(collectM((s: string) => parse(s)))).toBe('-1---3-', { 1: 1, 3: 3 });
        expectSubscriptions(endless.subscriptions).toBe('^');
      });
    });

    it('should stop at an early unsubscription and unsubscribe the running effect', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-1-2-|');
        const inner = cold('--s', { s: O.some(0) });
        expectObservable(source.pipe(collectM(() => inner)), '----!').toBe('---0', { 0: 0 });
        expectSubscriptions(source.subscriptions).toBe('^---!');
        expectSubscriptions(inner.subscriptions).toBe(['-^-!', '---^!']);
      });
    });

    it('should turn a throw, an Observable error or an empty Observable into a Defect', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const boom = new Error('boom');
        const source = cold('-1-x-|');
        expectObservable(
          source.pipe(
            collectM((s: string) => {
              if (s === 'x') throw boom;
              return of(parse(s));
            }),
          ),
        ).toBe('-1-#', { 1: 1 }, new Defect(boom, 'collectM'));
        expectSubscriptions(source.subscriptions).toBe('^--!');
        expectObservable(cold('-a|').pipe(collectM(() => throwError(() => boom)))).toBe(
          '-#',
          undefined,
          new Defect(boom, 'collectM'),
        );
        expectObservable(cold('-a|').pipe(collectM(() => EMPTY))).toBe(
          '-#',
          undefined,
          new Defect('the Observable completed without a value', 'collectM'),
        );
      });
    });

    it('should resolve a dropped ticket as soon as its effect gives none', () => {
      const ts = testScheduler();
      let log!: TicketLog<string>;
      ts.run(({ cold, expectObservable }) => {
        const recorded = recordTickets(cold<string>('-1-x-3-|'), () => ts.now());
        log = recorded.log;
        const result = recorded.stream.pipe(
          collectM((s: string) => timer(1).pipe(rxMap(() => parse(s)))),
          mapM((n: number) => timer(4).pipe(rxMap(() => n))),
        );
        expectObservable(result).toBe('------1---(3|)', { 1: 1, 3: 3 });
      });
      expect(log.entries).toEqual([
        { value: '1', emittedAt: 1, resolvedAt: 6 },
        { value: 'x', emittedAt: 3, resolvedAt: 4 },
        { value: '3', emittedAt: 5, resolvedAt: 10 },
      ]);
    });
  });

  describe('with real Promises', () => {
    it('should accept each kind of effect: Om, TaskEither, Promise, Observable and plain Option', async () => {
      const kinds = [
        (s: string) => Om.succeed(parse(s)),
        (s: string) => TE.right(parse(s)),
        (s: string) => sleep(1).then(() => parse(s)),
        (s: string) => of(parse(s), O.some(-1)),
        (s: string) => parse(s),
      ];
      for (const kind of kinds) {
        const { stream, log } = recordTickets(fromArray(['1', 'a', '2', 'b']));
        expect(await pipe(stream, collectM(kind), runCollect)()).toEqual(E.right([1, 2]));
        expect(log.open()).toBe(0);
      }
    });

    it('should fail with the raw value of a Left and start nothing after it', async () => {
      const started: string[] = [];
      const result = await pipe(
        of('1', 'x', '3'),
        collectM((s: string) => {
          started.push(s);
          return s === 'x' ? TE.left({ bad: s }) : TE.right(parse(s));
        }),
        runCollect,
      )();
      expect(result).toEqual(E.left({ bad: 'x' }));
      expect(started).toEqual(['1', 'x']);
    });

    it('should turn a rejection into a Defect', async () => {
      const boom = new Error('boom');
      const result = await pipe(
        fromArray(['1']),
        collectM(() => Promise.reject(boom)),
        runCollect,
      )();
      expect(result).toEqual(E.left(new Defect(boom, 'collectM')));
      expect(((result as E.Left<unknown>).left as Defect).cause).toBe(boom);
    });

    it('should give the credit of dropped elements back to the source', async () => {
      const stats = new CreditStats();
      const items = Array.from({ length: 100 }, (_, i) => (i % 25 === 0 ? String(i) : '-'));
      const result = await pipe(
        fromArray(items, { credit: 2, stats }),
        collectM((s: string) => Promise.resolve(parse(s))),
        runCollect,
      )();
      expect(result).toEqual(E.right([0, 25, 50, 75]));
      expect(stats.finished).toBe(100);
      expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    });

    it('should abort the running effect when unsubscribed', async () => {
      const signals: Array<AbortSignal | undefined> = [];
      const sub = fromArray(['1', '2'])
        .pipe(
          collectM((): Om.Om<unknown, never, O.Option<number>> => () => (signal?: AbortSignal) => {
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
