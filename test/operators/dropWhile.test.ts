import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of } from 'rxjs';
import {
  CreditStats,
  Defect,
  dropWhile,
  fail,
  fromArray,
  fromAsyncIterable,
  runCollect,
} from '../../src/index';
import { recordTickets, tracked } from '../../src/testing/index';
import { testScheduler } from '../helpers';

const values = { 1: 1, 2: 2, 3: 3 };

describe('dropWhile', () => {
  it('should drop values while the predicate holds, then emit the rest (doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--1--|', values);
      const subs = '       ^-------------!';
      const expected = '   --------3--1--|';
      expectObservable(source.pipe(dropWhile((n: number) => n < 3))).toBe(expected, values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('should stop asking the predicate after the first value that fails it', () => {
    const asked: number[] = [];
    const got: number[] = [];
    of(1, 2, 3, 1, 2)
      .pipe(
        dropWhile((n: number) => {
          asked.push(n);
          return n < 3;
        }),
      )
      .subscribe((n) => got.push(n));
    expect(asked).toEqual([1, 2, 3]);
    expect(got).toEqual([3, 1, 2]);
  });

  it('should handle never, empty, one value and a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const never = cold('-');
      const endless = cold('--a--b--');
      expectObservable(never.pipe(dropWhile(() => true))).toBe('-');
      expectObservable(cold('|').pipe(dropWhile(() => true))).toBe('|');
      expectObservable(cold('--a--|').pipe(dropWhile(() => false))).toBe('--a--|');
      expectObservable(cold('--a--|').pipe(dropWhile(() => true))).toBe('-----|');
      expectObservable(endless.pipe(dropWhile((s: string) => s === 'a'))).toBe('-----b--');
      expectSubscriptions(never.subscriptions).toBe('^');
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
  });

  it('should pass an error, also while dropping', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('--1--#', values, 'err').pipe(dropWhile(() => true))).toBe(
        '-----#',
        undefined,
        'err',
      );
      expectObservable(cold('--3--#', values, 'err').pipe(dropWhile((n: number) => n < 3))).toBe(
        '--3--#',
        values,
        'err',
      );
    });
  });

  it('should stop at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--3--1--|', values);
      expectObservable(source.pipe(dropWhile((n: number) => n < 3)), '------!').toBe('-----3', values);
      expectSubscriptions(source.subscriptions).toBe('^-----!');
    });
  });

  it('should turn a throw from the predicate into a Defect and unsubscribe', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--|', values);
      const boom = new Error('boom');
      const result = source.pipe(
        dropWhile((n: number) => {
          if (n === 2) throw boom;
          return true;
        }),
      );
      expectObservable(result).toBe('-----#', undefined, new Defect(boom, 'dropWhile'));
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('should drop across a burst', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-(123)-1-|', values).pipe(dropWhile((n: number) => n < 3))).toBe(
        '-3-----1-|',
        values,
      );
    });
  });

  it('should start dropping again for each subscription', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const result = cold('-1-3-1-|', values).pipe(dropWhile((n: number) => n < 3));
      expectObservable(result).toBe('---3-1-|', values);
      expectObservable(result).toBe('---3-1-|', values);
    });
  });

  it('should drop from synchronous and asynchronous sources', async () => {
    expect(
      await runCollect(
        pipe(
          of(1, 2, 3, 1),
          dropWhile((n) => n < 3),
        ),
      )(),
    ).toEqual(E.right([3, 1]));
    const stats = new CreditStats();
    const big = Array.from({ length: 1000 }, (_, i) => i);
    expect(
      await runCollect(
        pipe(
          fromArray(big, { credit: 4, stats }),
          dropWhile((n) => n < 998),
        ),
      )(),
    ).toEqual(E.right([998, 999]));
    expect(stats.maxInFlight).toBeLessThanOrEqual(4);
    expect(stats.finished).toBe(1000);
    async function* gen() {
      for (const n of [1, 5, 1]) {
        await Promise.resolve();
        yield n;
      }
    }
    expect(
      await runCollect(
        pipe(
          fromAsyncIterable(gen()),
          dropWhile((n) => n < 3),
        ),
      )(),
    ).toEqual(E.right([5, 1]));
  });

  it('should resolve the tickets of dropped elements at once and keep the others for the sink', () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 1]));
    const held: Array<() => void> = [];
    tracked(stream.pipe(dropWhile((n) => n < 3))).subscribe((t) => held.push(() => t.ticket.resolve()));
    expect(log.entries.map((e) => [e.value, e.resolvedAt !== undefined])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [1, false],
    ]);
    held.forEach((resolve) => resolve());
    expect(log.open()).toBe(0);
  });

  it('should leave open the ticket of the element whose predicate threw (marble time)', () => {
    const ts = testScheduler();
    let log!: ReturnType<typeof recordTickets<number>>['log'];
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold('--1--2--3--|', values), () => ts.now());
      log = recorded.log;
      const result = recorded.stream.pipe(
        dropWhile((n) => {
          if (n === 2) throw 'bad';
          return true;
        }),
      );
      expectObservable(result).toBe('-----#', undefined, new Defect('bad', 'dropWhile'));
    });
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([2, undefined]);
  });

  it('should pass a typed failure as it is, and report a throw as a Defect', async () => {
    expect(
      await runCollect(
        pipe(
          fail('typed'),
          dropWhile(() => true),
        ),
      )(),
    ).toEqual(E.left('typed'));
    const result = await runCollect(
      pipe(
        fromArray([1]),
        dropWhile(() => {
          throw 'bad';
        }),
      ),
    )();
    expect(E.isLeft(result) && result.left).toBeInstanceOf(Defect);
    expect(E.isLeft(result) && (result.left as Defect).cause).toBe('bad');
  });
});
