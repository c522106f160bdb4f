import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import { map as rxMap, of, throwError, timer } from 'rxjs';
import { collect, CreditStats, Defect, fromArray, mapM, runCollect } from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { testScheduler } from '../helpers';

const parse = (s: string): O.Option<number> => (isNaN(+s) ? O.none : O.some(+s));

describe('collect', () => {
  it('should map and drop at once (the doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--1--b--2--|');
      expectObservable(source.pipe(collect(parse))).toBe('-----1-----2--|', { 1: 1, 2: 2 });
      expectSubscriptions(source.subscriptions).toBe('^-------------!');
    });
  });

  it('should collect values that arrive in bursts', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-(a1b2)-(3c)|').pipe(collect(parse))).toBe('-(12)---(3)-|', {
        1: 1,
        2: 2,
        3: 3,
      });
    });
  });

  it('should handle never, empty, error, one value and a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      expectObservable(cold('-').pipe(collect(parse))).toBe('-');
      expectObservable(cold('|').pipe(collect(parse))).toBe('|');
      const failing = cold('-1-#', undefined, 'err');
      expectObservable(failing.pipe(collect(parse))).toBe('-1-#', { 1: 1 }, 'err');
      expectSubscriptions(failing.subscriptions).toBe('^--!');
      expectObservable(cold('--7--|').pipe(collect(parse))).toBe('--7--|', { 7: 7 });
      const endless = cold('-1-x-3-');
      expectObservable(endless.pipe(collect(parse))).toBe('-1---3-', { 1: 1, 3: 3 });
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
  });

  it('should stop at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-1-2-3-|');
      expectObservable(source.pipe(collect(parse)), '----!').toBe('-1-2', { 1: 1, 2: 2 });
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('should turn a throw into a Defect and unsubscribe the source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const boom = new Error('boom');
      const source = cold('-1-x-3|');
      const result = source.pipe(
        collect((s: string) => {
          if (s === 'x') throw boom;
          return parse(s);
        }),
      );
      expectObservable(result).toBe('-1-#', { 1: 1 }, new Defect(boom, 'collect'));
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('should resolve a dropped ticket at once, and a kept one only when it is finished below', () => {
    const ts = testScheduler();
    let log!: TicketLog<string>;
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold<string>('-1-x-3|'), () => ts.now());
      log = recorded.log;
      const result = recorded.stream.pipe(
        collect(parse),
        mapM((n: number) => timer(3).pipe(rxMap(() => n))),
      );
      expectObservable(result).toBe('----1---(3|)', { 1: 1, 3: 3 });
    });
    expect(log.entries).toEqual([
      { value: '1', emittedAt: 1, resolvedAt: 4 },
      { value: 'x', emittedAt: 3, resolvedAt: 3 },
      { value: '3', emittedAt: 5, resolvedAt: 8 },
    ]);
  });

  it('should give the credit of dropped elements back to the source', async () => {
    const stats = new CreditStats();
    const items = Array.from({ length: 500 }, (_, i) => (i === 250 ? '250' : 'no'));
    const result = await pipe(fromArray(items, { credit: 3, stats }), collect(parse), runCollect)();
    expect(result).toEqual(E.right([250]));
    expect(stats.finished).toBe(500);
    expect(stats.maxInFlight).toBeLessThanOrEqual(3);
  });

  it('should run on a Stream and on a plain Observable with the runner', async () => {
    const { stream, log } = recordTickets(fromArray(['1', 'a', '2']));
    expect(await pipe(stream, collect(parse), runCollect)()).toEqual(E.right([1, 2]));
    expect(log.open()).toBe(0);
    expect(await pipe(of('x', '5'), collect(parse), runCollect)()).toEqual(E.right([5]));
    expect(
      await pipe(
        throwError(() => 'typed'),
        collect(parse),
        runCollect,
      )(),
    ).toEqual(E.left('typed'));
    const boom = new Error('boom');
    const defect = await pipe(
      fromArray(['1']),
      collect(() => {
        throw boom;
      }),
      runCollect,
    )();
    expect(defect).toEqual(E.left(new Defect(boom, 'collect')));
  });
});
