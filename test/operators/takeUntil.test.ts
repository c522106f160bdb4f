import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import { of, Subject } from 'rxjs';
import {
  CreditStats,
  Defect,
  fail,
  fromArray,
  fromAsyncIterable,
  range,
  runCollect,
  takeUntil,
  unfoldOm,
} from '../../src/index';
import { recordTickets, tracked } from '../../src/testing/index';
import { testScheduler } from '../helpers';

const values = { 1: 1, 2: 2, 3: 3, 4: 4 };

describe('takeUntil', () => {
  it('should emit up to and including the first matching value, then complete (doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--4--|', values);
      const subs = '       ^----!';
      const expected = '   --1--(2|)';
      expectObservable(source.pipe(takeUntil((n: number) => n === 2))).toBe(expected, values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('should take a predicate, not a notifier, and be inclusive', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--c--|');
      // RxJS's takeUntil(notifier) would emit nothing of the matching value; Strom's emits it, then ends
      expectObservable(source.pipe(takeUntil((s: string) => s === 'a'))).toBe('--(a|)');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('should pass everything when nothing matches', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--c--|');
      expectObservable(source.pipe(takeUntil(() => false))).toBe('--a--b--c--|');
      expectSubscriptions(source.subscriptions).toBe('^----------!');
    });
  });

  it('should handle never, empty, one value and a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const never = cold('-');
      const endless = cold('--a--b--');
      expectObservable(never.pipe(takeUntil(() => true))).toBe('-');
      expectObservable(cold('|').pipe(takeUntil(() => true))).toBe('|');
      expectObservable(cold('--a--|').pipe(takeUntil(() => false))).toBe('--a--|');
      expectObservable(cold('--a--|').pipe(takeUntil(() => true))).toBe('--(a|)');
      expectObservable(endless.pipe(takeUntil(() => false))).toBe('--a--b--');
      expectSubscriptions(never.subscriptions).toBe('^');
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
  });

  it('should pass an error', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--#', values, 'err');
      expectObservable(source.pipe(takeUntil((n: number) => n === 2))).toBe('--1--#', values, 'err');
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('should stop at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--|', values);
      expectObservable(source.pipe(takeUntil((n: number) => n === 3)), '----!').toBe('--1-', values);
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('should turn a throw from the predicate into a Defect, without emitting that value', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--|', values);
      const boom = new Error('boom');
      const result = source.pipe(
        takeUntil((n: number) => {
          if (n === 2) throw boom;
          return false;
        }),
      );
      expectObservable(result).toBe('--1--#', values, new Defect(boom, 'takeUntil'));
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('should stop in the middle of a burst', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-(1234)-|', values);
      expectObservable(source.pipe(takeUntil((n: number) => n === 2))).toBe('-(12|)', values);
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });

  it('should stop synchronous, infinite and asynchronous sources', async () => {
    expect(
      await runCollect(
        pipe(
          of(1, 2, 3),
          takeUntil((n) => n === 2),
        ),
      )(),
    ).toEqual(E.right([1, 2]));
    const stats = new CreditStats();
    expect(
      await runCollect(
        pipe(
          range(0, Infinity, { stats }),
          takeUntil((n) => n === 3),
        ),
      )(),
    ).toEqual(E.right([0, 1, 2, 3]));
    expect(stats.pulled).toBe(4);
    expect(stats.inFlight).toBe(0);
    let closed = false;
    async function* gen() {
      try {
        for (let n = 1; ; n++) {
          await Promise.resolve();
          yield n;
        }
      } finally {
        closed = true;
      }
    }
    expect(
      await runCollect(
        pipe(
          fromAsyncIterable(gen()),
          takeUntil((n) => n === 3),
        ),
      )(),
    ).toEqual(E.right([1, 2, 3]));
    expect(closed).toBe(true);
  });

  it('should keep the tickets of every emitted element, the matching one included, for the sink', () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4]));
    const held: Array<() => void> = [];
    let completed = false;
    tracked(stream.pipe(takeUntil((n) => n === 2))).subscribe({
      next: (t) => held.push(() => t.ticket.resolve()),
      complete: () => (completed = true),
    });
    expect(completed).toBe(true);
    // 3 and 4 were never pulled; 1 and 2 wait for the sink
    expect(log.entries.map((e) => e.value)).toEqual([1, 2]);
    expect(log.open()).toBe(2);
    held.forEach((resolve) => resolve());
    expect(log.open()).toBe(0);
  });

  it('should resolve the tickets at the sink (marble time)', () => {
    const ts = testScheduler();
    let log!: ReturnType<typeof recordTickets<number>>['log'];
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold('--1--2--3--|', values), () => ts.now());
      log = recorded.log;
      expectObservable(recorded.stream.pipe(takeUntil((n) => n === 2))).toBe('--1--(2|)', values);
    });
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([2, 5]);
  });

  it('should pass a typed failure as it is, and report a throw as a Defect', async () => {
    expect(
      await runCollect(
        pipe(
          fail('typed'),
          takeUntil(() => true),
        ),
      )(),
    ).toEqual(E.left('typed'));
    const { stream, log } = recordTickets(fromArray([1, 2, 3]));
    const result = await runCollect(
      pipe(
        stream,
        takeUntil((n) => {
          if (n === 2) throw 'bad';
          return false;
        }),
      ),
    )();
    expect(E.isLeft(result) && result.left).toBeInstanceOf(Defect);
    expect(E.isLeft(result) && (result.left as Defect).cause).toBe('bad');
    expect(result).toEqual(E.left(new Defect('bad', 'takeUntil')));
    // the element lost to the throw is not finished
    expect(log.entries.map((e) => e.resolvedAt !== undefined)).toEqual([true, false]);
  });

  it('should emit nothing after the matching value, even re-entrantly', () => {
    const subject = new Subject<number>();
    const got: number[] = [];
    let completed = false;
    subject.pipe(takeUntil((n) => n === 2)).subscribe({
      next: (n) => {
        got.push(n);
        if (n < 10) subject.next(n + 1);
      },
      complete: () => (completed = true),
    });
    subject.next(1);
    expect(got).toEqual([1, 2]);
    expect(completed).toBe(true);
    expect(subject.observed).toBe(false);
  });

  it('should stop a source that pulls re-entrantly as soon as credit returns', async () => {
    // with one credit and synchronous pulls, resolving an element's ticket may deliver the next one at once,
    // while the element is still being delivered
    const counter = (stats: CreditStats) =>
      unfoldOm((i: number) => O.some([i, i + 1] as const), 1, { credit: 1, stats });
    const stats = new CreditStats();
    expect(
      await runCollect(
        pipe(
          counter(stats),
          takeUntil((n) => n === 2),
        ),
      )(),
    ).toEqual(E.right([1, 2]));
    // the source stops at once: at most one element past the last is pulled while the last is delivered
    expect(stats.pulled).toBeLessThanOrEqual(3);
    const got: number[] = [];
    counter(new CreditStats())
      .pipe(takeUntil((n) => n === 2))
      .subscribe((n) => got.push(n));
    expect(got).toEqual([1, 2]);
  });
});
