import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import { defer, EMPTY, interval, Observable, of, Subject } from 'rxjs';
import {
  CreditStats,
  Defect,
  fail,
  fromArray,
  fromAsyncIterable,
  fromIterable,
  isStream,
  map,
  range,
  runCollect,
  take,
  unfoldOm,
} from '../../src/index';
import { recordTickets, tracked } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('take', () => {
  it('should take the first n values, then complete and unsubscribe (doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--4--|');
      const subs = '       ^----!';
      const expected = '   --1--(2|)';
      expectObservable(source.pipe(take(2))).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('should complete without subscribing when n is 0 or less', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const zero = cold('--a--b--|');
      const negative = cold('--a--b--|');
      const nan = cold('--a--b--|');
      expectObservable(zero.pipe(take(0))).toBe('|');
      expectObservable(negative.pipe(take(-1))).toBe('|');
      expectObservable(nan.pipe(take(NaN))).toBe('|');
      expectSubscriptions(zero.subscriptions).toBe([]);
      expectSubscriptions(negative.subscriptions).toBe([]);
      expectSubscriptions(nan.subscriptions).toBe([]);
    });
  });

  it('should not open a Stream source when n is 0', async () => {
    let opened = 0;
    const source = defer(() => {
      opened++;
      return of(1, 2);
    });
    const { stream, log } = recordTickets(fromArray([1, 2, 3]));
    expect(await runCollect(pipe(source, take(0)))()).toEqual(E.right([]));
    expect(await runCollect(pipe(stream, take(0)))()).toEqual(E.right([]));
    expect(opened).toBe(0);
    expect(log.entries).toEqual([]);
  });

  it('should mirror never, empty and a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const never = cold('-');
      const empty = cold('|');
      const endless = cold('--a--b--');
      expectObservable(never.pipe(take(2))).toBe('-');
      expectObservable(empty.pipe(take(2))).toBe('|');
      expectObservable(endless.pipe(take(3))).toBe('--a--b--');
      expectSubscriptions(never.subscriptions).toBe('^');
      expectSubscriptions(empty.subscriptions).toBe('(^!)');
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
  });

  it('should take one value', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--c--|');
      expectObservable(source.pipe(take(1))).toBe('--(a|)');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('should complete with the source when it has fewer than n values', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--|');
      expectObservable(source.pipe(take(5))).toBe('--a--b--|');
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('should pass an error that comes before n values, and ignore one after', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const early = cold('--a--#', undefined, 'err');
      const late = cold('--a--b--#', undefined, 'err');
      expectObservable(early.pipe(take(3))).toBe('--a--#', undefined, 'err');
      expectObservable(late.pipe(take(2))).toBe('--a--(b|)');
      expectSubscriptions(early.subscriptions).toBe('^----!');
      expectSubscriptions(late.subscriptions).toBe('^----!');
    });
  });

  it('should stop at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--c--|');
      const unsub = '      ----!';
      expectObservable(source.pipe(take(3)), unsub).toBe('--a-');
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('should count from the subscription on a hot source', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('--a--^--b--c--d--|');
      const subs = '            ^-----!';
      expectObservable(source.pipe(take(2))).toBe('---b--(c|)');
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('should cut a burst in the middle', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--(abc)--d--|');
      expectObservable(source.pipe(take(2))).toBe('--(ab|)');
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('should stop an infinite RxJS interval', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(interval(10).pipe(take(3))).toBe('10ms a 9ms b 9ms (c|)', { a: 0, b: 1, c: 2 });
    });
  });

  it('should stop an infinite synchronous source at once', async () => {
    const stats = new CreditStats();
    expect(await runCollect(pipe(range(0, Infinity, { stats }), take(3)))()).toEqual(E.right([0, 1, 2]));
    // nothing past the third element was pulled, although the source had 256 credits
    expect(stats.pulled).toBe(3);
    expect(stats.inFlight).toBe(0);

    // a plain subscription (hand-off) stops it too, synchronously
    const got: number[] = [];
    let completed = false;
    range(0, Infinity)
      .pipe(take(4))
      .subscribe({ next: (n) => got.push(n), complete: () => (completed = true) });
    expect(got).toEqual([0, 1, 2, 3]);
    expect(completed).toBe(true);
  });

  it('should close an infinite generator when it stops', async () => {
    let closed = false;
    let produced = 0;
    function* naturals() {
      try {
        for (let i = 0; ; i++) {
          produced++;
          yield i;
        }
      } finally {
        closed = true;
      }
    }
    expect(await runCollect(pipe(fromIterable(naturals()), take(3)))()).toEqual(E.right([0, 1, 2]));
    expect(produced).toBe(3);
    expect(closed).toBe(true);
  });

  it('should take from an asynchronous source and close it', async () => {
    let closed = false;
    async function* letters() {
      try {
        for (const c of 'abcdef') {
          await Promise.resolve();
          yield c;
        }
      } finally {
        closed = true;
      }
    }
    expect(await runCollect(pipe(fromAsyncIterable(letters()), take(2)))()).toEqual(E.right(['a', 'b']));
    expect(closed).toBe(true);
  });

  it('should work on a synchronous plain Observable and give a Stream', async () => {
    const taken = of(1, 2, 3, 4).pipe(take(2));
    expect(isStream(taken)).toBe(true);
    expect(await runCollect(taken)()).toEqual(E.right([1, 2]));
    expect(await runCollect(pipe(EMPTY, take(2)))()).toEqual(E.right([]));
  });

  it('should keep the tickets of taken elements open until the sink resolves them', () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4, 5]));
    const received: Array<{ value: number; resolve: () => void }> = [];
    let completed = false;
    tracked(stream.pipe(take(2))).subscribe({
      next: (t) => received.push({ value: t.value, resolve: () => t.ticket.resolve() }),
      complete: () => (completed = true),
    });
    expect(completed).toBe(true);
    expect(received.map((r) => r.value)).toEqual([1, 2]);
    // only the taken elements were pulled, and they wait for the sink
    expect(log.entries.map((e) => e.value)).toEqual([1, 2]);
    expect(log.open()).toBe(2);
    received[0]!.resolve();
    expect(log.open()).toBe(1);
    received[1]!.resolve();
    expect(log.open()).toBe(0);
  });

  it('should resolve each taken ticket at the sink (marble time)', () => {
    const ts = testScheduler();
    let log!: ReturnType<typeof recordTickets<string>>['log'];
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold<string>('--a--b--c--|'), () => ts.now());
      log = recorded.log;
      expectObservable(recorded.stream.pipe(take(2))).toBe('--a--(b|)');
    });
    expect(log.entries).toEqual([
      { value: 'a', emittedAt: 2, resolvedAt: 2 },
      { value: 'b', emittedAt: 5, resolvedAt: 5 },
    ]);
  });

  it('should pass a typed failure as it is and a defect as a Defect', async () => {
    expect(await runCollect(pipe(fail('nope'), take(2)))()).toEqual(E.left('nope'));
    const boom = new Error('boom');
    const result = await runCollect(
      pipe(
        fromArray([1, 2, 3]),
        map((n) => {
          if (n === 2) throw boom;
          return n;
        }),
        take(5),
      ),
    )();
    expect(result).toEqual(E.left(new Defect(boom, 'map')));
    // the failure after the n-th element is never seen
    expect(
      await runCollect(
        pipe(
          fromArray([1, 2, 3]),
          map((n) => {
            if (n === 2) throw boom;
            return n;
          }),
          take(1),
        ),
      )(),
    ).toEqual(E.right([1]));
  });

  it('should emit no more than n values to a re-entrant subscriber', () => {
    const subject = new Subject<number>();
    const got: number[] = [];
    let completed = false;
    subject.pipe(take(2)).subscribe({
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

  it('should unsubscribe from a source that emits synchronously on subscription', () => {
    let emitted = 0;
    let tornDown = false;
    const source = new Observable<number>((subscriber) => {
      for (let i = 0; i < 100 && !subscriber.closed; i++) {
        emitted++;
        subscriber.next(i);
      }
      return () => (tornDown = true);
    });
    const got: number[] = [];
    source.pipe(take(3)).subscribe((n) => got.push(n));
    expect(got).toEqual([0, 1, 2]);
    expect(emitted).toBe(3);
    expect(tornDown).toBe(true);
  });

  it('should stop a source that pulls re-entrantly as soon as credit returns', async () => {
    // with one credit and synchronous pulls, resolving an element's ticket may deliver the next one at once,
    // while the element is still being delivered
    const counter = (stats: CreditStats) =>
      unfoldOm((i: number) => O.some([i, i + 1] as const), 1, { credit: 1, stats });
    const stats = new CreditStats();
    expect(await runCollect(pipe(counter(stats), take(2)))()).toEqual(E.right([1, 2]));
    // the source stops at once: at most one element past the last is pulled while the last is delivered
    expect(stats.pulled).toBeLessThanOrEqual(3);
    const got: number[] = [];
    counter(new CreditStats())
      .pipe(take(2))
      .subscribe((n) => got.push(n));
    expect(got).toEqual([1, 2]);
  });
});
