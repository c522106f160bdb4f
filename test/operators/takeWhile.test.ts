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
  takeWhile,
  unfoldOm,
} from '../../src/index';
import { recordTickets, tracked } from '../../src/testing/index';
import { testScheduler } from '../helpers';

const values = { 1: 1, 2: 2, 3: 3 };

describe('takeWhile', () => {
  it('should take values while the predicate holds and complete at the first that fails (doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--1--|', values);
      const subs = '       ^-------!';
      const expected = '   --1--2--|';
      expectObservable(source.pipe(takeWhile((n: number) => n < 3))).toBe(expected, values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('should handle never, empty and a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const never = cold('-');
      const endless = cold('--a--b--');
      expectObservable(never.pipe(takeWhile(() => true))).toBe('-');
      expectObservable(cold('|').pipe(takeWhile(() => true))).toBe('|');
      expectObservable(endless.pipe(takeWhile(() => true))).toBe('--a--b--');
      expectSubscriptions(never.subscriptions).toBe('^');
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
  });

  it('should complete at once when the first value fails', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--|');
      expectObservable(source.pipe(takeWhile(() => false))).toBe('--|');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('should take one value and then everything while the predicate holds', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('--a--|').pipe(takeWhile(() => true))).toBe('--a--|');
      expectObservable(cold('--a--b--c--|').pipe(takeWhile(() => true))).toBe('--a--b--c--|');
    });
  });

  it('should pass an error', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--#', values, 'err');
      expectObservable(source.pipe(takeWhile((n: number) => n < 3))).toBe('--1--#', values, 'err');
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('should stop at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--1--|', values);
      expectObservable(source.pipe(takeWhile((n: number) => n < 3)), '----!').toBe('--1-', values);
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('should turn a throw from the predicate into a Defect and unsubscribe', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--|', values);
      const boom = new Error('boom');
      const result = source.pipe(
        takeWhile((n: number) => {
          if (n === 2) throw boom;
          return true;
        }),
      );
      expectObservable(result).toBe('--1--#', values, new Defect(boom, 'takeWhile'));
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('should stop in the middle of a burst', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-(123)--|', values);
      expectObservable(source.pipe(takeWhile((n: number) => n < 3))).toBe('-(12|)', values);
      expectSubscriptions(source.subscriptions).toBe('^!');
    });
  });

  it('should take from synchronous and asynchronous sources', async () => {
    expect(
      await runCollect(
        pipe(
          of(1, 2, 3, 1),
          takeWhile((n) => n < 3),
        ),
      )(),
    ).toEqual(E.right([1, 2]));
    const stats = new CreditStats();
    expect(
      await runCollect(
        pipe(
          range(0, Infinity, { stats }),
          takeWhile((n) => n < 4),
        ),
      )(),
    ).toEqual(E.right([0, 1, 2, 3]));
    // the infinite source stopped at the first failing element, which stays unfinished
    expect(stats.pulled).toBe(5);
    expect(stats.finished).toBe(4);
    async function* gen() {
      for (const n of [1, 2, 5, 1]) {
        await Promise.resolve();
        yield n;
      }
    }
    expect(
      await runCollect(
        pipe(
          fromAsyncIterable(gen()),
          takeWhile((n) => n < 3),
        ),
      )(),
    ).toEqual(E.right([1, 2]));
  });

  it('should leave the ticket of the failing element open (nothing processed it) and later elements unpulled', () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 1]));
    const held: Array<() => void> = [];
    let completed = false;
    tracked(stream.pipe(takeWhile((n) => n < 3))).subscribe({
      next: (t) => held.push(() => t.ticket.resolve()),
      complete: () => (completed = true),
    });
    expect(completed).toBe(true);
    expect(log.entries.map((e) => [e.value, e.resolvedAt !== undefined])).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ]);
    held.forEach((resolve) => resolve());
    expect(log.open()).toBe(1);
  });

  it('should resolve the tickets of the elements it passes on (marble time)', () => {
    const ts = testScheduler();
    let log!: ReturnType<typeof recordTickets<number>>['log'];
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold('--1--2--3--1--|', values), () => ts.now());
      log = recorded.log;
      expectObservable(recorded.stream.pipe(takeWhile((n) => n < 3))).toBe('--1--2--|', values);
    });
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([2, 5, undefined]);
  });

  it('should leave open the ticket of the element whose predicate threw', () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3]));
    let error: unknown;
    tracked(
      stream.pipe(
        takeWhile((n) => {
          if (n === 2) throw 'bad';
          return true;
        }),
      ),
    ).subscribe({ next: (t) => t.ticket.resolve(), error: (e) => (error = e) });
    expect(error).toEqual(new Defect('bad', 'takeWhile'));
    expect((error as Defect).cause).toBe('bad');
    expect(log.entries.map((e) => [e.value, e.resolvedAt !== undefined])).toEqual([
      [1, true],
      [2, false],
    ]);
  });

  it('should pass a typed failure as it is, and report a throw as a Defect', async () => {
    expect(
      await runCollect(
        pipe(
          fail('typed'),
          takeWhile(() => true),
        ),
      )(),
    ).toEqual(E.left('typed'));
    const result = await runCollect(
      pipe(
        fromArray([1, 2]),
        takeWhile(() => {
          throw new Error('boom');
        }),
      ),
    )();
    expect(E.isLeft(result) && result.left).toBeInstanceOf(Defect);
    expect(result).toEqual(E.left(new Defect(new Error('boom'), 'takeWhile')));
  });

  it('should emit nothing after the failing element, even re-entrantly', () => {
    const subject = new Subject<number>();
    const got: number[] = [];
    subject.pipe(takeWhile((n) => n < 3)).subscribe((n) => {
      got.push(n);
      subject.next(n + 1);
    });
    subject.next(1);
    expect(got).toEqual([1, 2]);
    expect(subject.observed).toBe(false);
  });

  it('should end before the credit returned by the failing element can bring in another one', () => {
    // a source that pulls synchronously as soon as credit returns, with one credit: resolving a ticket delivers
    // the next element at once, re-entrantly
    const xs = [1, 2, 3, 1];
    const source = unfoldOm((i: number) => (i < xs.length ? O.some([xs[i]!, i + 1] as const) : O.none), 0, {
      credit: 1,
    });
    const got: number[] = [];
    let completed = false;
    source
      .pipe(takeWhile((n) => n < 3))
      .subscribe({ next: (n) => got.push(n), complete: () => (completed = true) });
    expect(got).toEqual([1, 2]);
    expect(completed).toBe(true);
  });
});
