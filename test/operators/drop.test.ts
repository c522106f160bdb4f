import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of } from 'rxjs';
import {
  CreditStats,
  Defect,
  drop,
  fail,
  fromArray,
  fromAsyncIterable,
  map,
  runCollect,
} from '../../src/index';
import { recordTickets, tracked } from '../../src/testing/index';
import { testScheduler } from '../helpers';

const values = { 1: 1, 2: 2, 3: 3 };

describe('drop', () => {
  it('should drop the first n values and emit the rest (doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--|', values);
      const subs = '       ^----------!';
      const expected = '   --------3--|';
      expectObservable(source.pipe(drop(2))).toBe(expected, values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('should emit everything when n is 0 or less', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('--a--b--|').pipe(drop(0))).toBe('--a--b--|');
      expectObservable(cold('--a--b--|').pipe(drop(-3))).toBe('--a--b--|');
    });
  });

  it('should emit only the completion when n covers the whole source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--|');
      expectObservable(source.pipe(drop(5))).toBe('--------|');
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('should handle never, empty, one value and a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const never = cold('-');
      const endless = cold('--a--b--c--');
      expectObservable(never.pipe(drop(1))).toBe('-');
      expectObservable(cold('|').pipe(drop(1))).toBe('|');
      expectObservable(cold('--a--|').pipe(drop(1))).toBe('-----|');
      expectObservable(cold('--a--|').pipe(drop(0))).toBe('--a--|');
      expectObservable(endless.pipe(drop(1))).toBe('-----b--c--');
      expectSubscriptions(never.subscriptions).toBe('^');
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
  });

  it('should pass an error, also while dropping', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('--a--#', undefined, 'err').pipe(drop(3))).toBe('-----#', undefined, 'err');
      expectObservable(cold('--a--b--#', undefined, 'err').pipe(drop(1))).toBe('-----b--#', undefined, 'err');
    });
  });

  it('should stop at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--c--|');
      expectObservable(source.pipe(drop(1)), '-------!').toBe('-----b-');
      expectSubscriptions(source.subscriptions).toBe('^------!');
    });
  });

  it('should drop across a burst', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-(abc)-d-|').pipe(drop(2))).toBe('-c-----d-|');
      expectObservable(cold('-a-(bcd)-|').pipe(drop(2))).toBe('---(cd)--|');
    });
  });

  it('should count separately for each subscription', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const dropped = cold('-a-b-c-|').pipe(drop(1));
      expectObservable(dropped).toBe('---b-c-|');
      expectObservable(dropped).toBe('---b-c-|');
    });
  });

  it('should drop from synchronous and asynchronous sources', async () => {
    expect(await runCollect(pipe(of(1, 2, 3, 4), drop(2)))()).toEqual(E.right([3, 4]));
    const stats = new CreditStats();
    const big = Array.from({ length: 1000 }, (_, i) => i);
    expect(await runCollect(pipe(fromArray(big, { credit: 8, stats }), drop(995)))()).toEqual(
      E.right([995, 996, 997, 998, 999]),
    );
    // the dropped elements returned their credit at once, so 8 credits were enough for the whole array
    expect(stats.maxInFlight).toBeLessThanOrEqual(8);
    expect(stats.finished).toBe(1000);
    async function* gen() {
      for (const c of 'abcd') {
        await Promise.resolve();
        yield c;
      }
    }
    expect(await runCollect(pipe(fromAsyncIterable(gen()), drop(3)))()).toEqual(E.right(['d']));
  });

  it('should resolve the tickets of dropped elements at once and keep the others for the sink', () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4]));
    const held: Array<() => void> = [];
    tracked(stream.pipe(drop(2))).subscribe((t) => held.push(() => t.ticket.resolve()));
    expect(log.entries.map((e) => [e.value, e.resolvedAt !== undefined])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [4, false],
    ]);
    held.forEach((resolve) => resolve());
    expect(log.open()).toBe(0);
  });

  it('should resolve dropped tickets when they arrive (marble time)', () => {
    const ts = testScheduler();
    let log!: ReturnType<typeof recordTickets<number>>['log'];
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold('--1--2--3--|', values), () => ts.now());
      log = recorded.log;
      expectObservable(recorded.stream.pipe(drop(2))).toBe('--------3--|', values);
    });
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([2, 5, 8]);
  });

  it('should pass a typed failure as it is and a defect as a Defect', async () => {
    expect(await runCollect(pipe(fail('typed'), drop(1)))()).toEqual(E.left('typed'));
    const boom = new Error('boom');
    expect(
      await runCollect(
        pipe(
          fromArray([1, 2, 3]),
          map((n) => {
            if (n === 1) throw boom;
            return n;
          }),
          drop(5),
        ),
      )(),
    ).toEqual(E.left(new Defect(boom, 'map')));
  });
});
