import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { map as rxMap, Observable, of, throwError, timer } from 'rxjs';
import { CreditStats, Defect, filter, fromArray, mapM, runCollect } from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('filter', () => {
  it('should keep the values that pass (the doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--4--|', { 1: 1, 2: 2, 3: 3, 4: 4 });
      expectObservable(source.pipe(filter((n: number) => n % 2 === 0))).toBe('-----2-----4--|', {
        2: 2,
        4: 4,
      });
      expectSubscriptions(source.subscriptions).toBe('^-------------!');
    });
  });

  it('should pass the index of each element, dropped ones included', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-b-c-d|').pipe(filter((_: string, i: number) => i !== 1 && i !== 2))).toBe(
        '-a-----d|',
      );
    });
  });

  it('should filter values that arrive in bursts', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-(abcde)-(fi)|').pipe(filter((x: string) => 'aeiou'.includes(x)))).toBe(
        '-(ae)----(i)-|',
      );
    });
  });

  it('should handle never, empty, error, one value and a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      expectObservable(cold('-').pipe(filter(() => true))).toBe('-');
      expectObservable(cold('|').pipe(filter(() => true))).toBe('|');
      const failing = cold('-a-#', undefined, 'err');
      expectObservable(failing.pipe(filter(() => true))).toBe('-a-#', undefined, 'err');
      expectSubscriptions(failing.subscriptions).toBe('^--!');
      expectObservable(cold('--a--|').pipe(filter(() => true))).toBe('--a--|');
      expectObservable(cold('--a--|').pipe(filter(() => false))).toBe('-----|');
      const endless = cold('-a-b-c-');
      expectObservable(endless.pipe(filter((x: string) => x !== 'b'))).toBe('-a---c-');
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
  });

  it('should stop at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c-|');
      expectObservable(source.pipe(filter(() => true)), '----!').toBe('-a-b');
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('should turn a throw into a Defect and unsubscribe the source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const boom = new Error('boom');
      const source = cold('-a-b-c|');
      const result = source.pipe(
        filter((x: string) => {
          if (x === 'b') throw boom;
          return true;
        }),
      );
      expectObservable(result).toBe('-a-#', undefined, new Defect(boom, 'filter'));
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('should narrow the type with a type guard', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold<string | number>('-a-n-b|', { a: 'a', n: 1, b: 'b' });
      const strings: Observable<string> = source.pipe(filter((x): x is string => typeof x === 'string'));
      expectObservable(strings.pipe(rxMap((s) => s.toUpperCase()))).toBe('-A---B|', { A: 'A', B: 'B' });
    });
  });

  it('should resolve a dropped ticket at once, and a kept one only when it is finished below', () => {
    const ts = testScheduler();
    let log!: TicketLog<number>;
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold('-1-2-3|', { 1: 1, 2: 2, 3: 3 }), () => ts.now());
      log = recorded.log;
      const result = recorded.stream.pipe(
        filter((n: number) => n !== 2),
        mapM((n: number) => timer(3).pipe(rxMap(() => n))),
      );
      expectObservable(result).toBe('----1---(3|)', { 1: 1, 3: 3 });
    });
    expect(log.entries).toEqual([
      { value: 1, emittedAt: 1, resolvedAt: 4 },
      { value: 2, emittedAt: 3, resolvedAt: 3 },
      { value: 3, emittedAt: 5, resolvedAt: 8 },
    ]);
  });

  it('should give the credit of dropped elements back to the source', async () => {
    const stats = new CreditStats();
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const result = await pipe(
      fromArray(items, { credit: 4, stats }),
      filter((n: number) => n === 999),
      runCollect,
    )();
    expect(result).toEqual(E.right([999]));
    expect(stats.finished).toBe(1000);
    expect(stats.maxInFlight).toBeLessThanOrEqual(4);
  });

  it('should run on a Stream and on a plain Observable with the runner', async () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4, 5]));
    expect(
      await pipe(
        stream,
        filter((n: number) => n > 2),
        runCollect,
      )(),
    ).toEqual(E.right([3, 4, 5]));
    expect(log.open()).toBe(0);
    expect(
      await pipe(
        of('x', 'yy', 'z'),
        filter((s: string) => s.length === 1),
        runCollect,
      )(),
    ).toEqual(E.right(['x', 'z']));
    expect(
      await pipe(
        throwError(() => 'typed'),
        filter(() => true),
        runCollect,
      )(),
    ).toEqual(E.left('typed'));
    const boom = new Error('boom');
    const defect = await pipe(
      fromArray([1]),
      filter(() => {
        throw boom;
      }),
      runCollect,
    )();
    expect(defect).toEqual(E.left(new Defect(boom, 'filter')));
    expect(((defect as E.Left<unknown>).left as Defect).cause).toBe(boom);
  });
});
