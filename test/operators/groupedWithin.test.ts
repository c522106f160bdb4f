import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of, Subject } from 'rxjs';
import {
  CreditStats,
  Defect,
  fail,
  fromArray,
  fromAsyncIterable,
  groupedWithin,
  map,
  runCollect,
  Ticket,
} from '../../src/index';
import { recordTickets, tracked } from '../../src/testing/index';
import { sleep, testScheduler } from '../helpers';

const nums = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5 };

describe('groupedWithin', () => {
  it('should emit a group when full or when its time is up, and the last on completion (doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-1-2-3---4-------5-|', nums);
      const subs = '       ^------------------!';
      const expected = '   -----a--------b----(c|)';
      expectObservable(source.pipe(groupedWithin(3, 5))).toBe(expected, { a: [1, 2, 3], b: [4], c: [5] });
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('should count the time from the first element of each group', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      // a starts its group at 1 (due at 6); c starts a new one at 8 (due at 13), d joins it
      const source = cold('-a-b----c-d-------|');
      expectObservable(source.pipe(groupedWithin(10, 5))).toBe('------x------y----|', {
        x: ['a', 'b'],
        y: ['c', 'd'],
      });
    });
  });

  it('should restart the time after a group emitted because it was full', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      // the first group is full at 3; c opens the next one at 4, due at 9 (not at 6, 5 after a)
      const source = cold('-a-bc-------|');
      expectObservable(source.pipe(groupedWithin(2, 5))).toBe('---x-----y--|', { x: ['a', 'b'], y: ['c'] });
    });
  });

  it('should never emit an empty group', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-----------|').pipe(groupedWithin(3, 2))).toBe('---x---------|', { x: ['a'] });
      expectObservable(cold('-a--------').pipe(groupedWithin(3, 2))).toBe('---x------', { x: ['a'] });
      expectObservable(cold('-ab---|').pipe(groupedWithin(2, 2))).toBe('--x---|', { x: ['a', 'b'] });
    });
  });

  it('should handle never, empty, one value and a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const never = cold('-');
      const endless = cold('-a-b-c-d-');
      expectObservable(never.pipe(groupedWithin(2, 3))).toBe('-');
      expectObservable(cold('|').pipe(groupedWithin(2, 3))).toBe('|');
      expectObservable(cold('-a|').pipe(groupedWithin(2, 3))).toBe('--(x|)', { x: ['a'] });
      expectObservable(cold('-a-------|').pipe(groupedWithin(2, 3))).toBe('----x----|', { x: ['a'] });
      expectObservable(endless.pipe(groupedWithin(2, 10))).toBe('---x---y-', {
        x: ['a', 'b'],
        y: ['c', 'd'],
      });
      expectSubscriptions(never.subscriptions).toBe('^');
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
  });

  it('should drop the partial group on an error and cancel its timer', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-#', undefined, 'err');
      expectObservable(source.pipe(groupedWithin(3, 5))).toBe('---#', undefined, 'err');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('should stop, and cancel the timer, at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b------|');
      // the group would be due at 6
      expectObservable(source.pipe(groupedWithin(5, 5)), '---!').toBe('---');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('should group values that arrive in bursts', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-(abcd)---|');
      expectObservable(source.pipe(groupedWithin(3, 5))).toBe('-x----y---|', {
        x: ['a', 'b', 'c'],
        y: ['d'],
      });
      expectObservable(cold('-(abcdef)-|').pipe(groupedWithin(3, 5))).toBe('-(xy)-----|', {
        x: ['a', 'b', 'c'],
        y: ['d', 'e', 'f'],
      });
    });
  });

  it('should emit each element after its own time with ms = 0', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-b-|').pipe(groupedWithin(5, 0))).toBe('-x-y-|', { x: ['a'], y: ['b'] });
    });
  });

  it('should run on the scheduler it is given', () => {
    const ts = testScheduler();
    ts.run(({ cold, expectObservable }) => {
      expectObservable(cold('-a----|').pipe(groupedWithin(3, 2, ts))).toBe('---x--|', { x: ['a'] });
    });
  });

  it('should run on virtual time with an RxJS source', () => {
    testScheduler().run(({ hot, expectObservable, time }) => {
      const t = time('---|');
      const source = hot('-a--^-b-c---d-e-f-|');
      expectObservable(source.pipe(groupedWithin(2, t))).toBe('----x-----y---(z|)', {
        x: ['b', 'c'],
        y: ['d', 'e'],
        z: ['f'],
      });
    });
  });

  it('should start afresh for each subscription', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const result = cold('-a-b-c|').pipe(groupedWithin(2, 10));
      expectObservable(result).toBe('---x--(y|)', { x: ['a', 'b'], y: ['c'] });
      expectObservable(result).toBe('---x--(y|)', { x: ['a', 'b'], y: ['c'] });
    });
  });

  it('should reject a size below 1 or a negative time', () => {
    expect(() => groupedWithin(0, 5)).toThrow(RangeError);
    expect(() => groupedWithin(2.5, 5)).toThrow(RangeError);
    expect(() => groupedWithin(2, -1)).toThrow(RangeError);
    expect(() => groupedWithin(2, NaN)).toThrow(RangeError);
  });

  it('should group a synchronous source by size only (it completes before any time passes)', async () => {
    expect(await runCollect(pipe(fromArray([1, 2, 3, 4, 5, 6, 7]), groupedWithin(3, 1000)))()).toEqual(
      E.right([[1, 2, 3], [4, 5, 6], [7]]),
    );
    expect(await runCollect(pipe(of(1, 2), groupedWithin(3, 1000)))()).toEqual(E.right([[1, 2]]));
    expect(await runCollect(pipe(fromArray([]), groupedWithin(3, 1000)))()).toEqual(E.right([]));
  });

  it('should group an asynchronous source by size and by real time', async () => {
    async function* gen() {
      yield 1;
      yield 2;
      await sleep(60);
      yield 3;
    }
    expect(await runCollect(pipe(fromAsyncIterable(gen()), groupedWithin(10, 10)))()).toEqual(
      E.right([[1, 2], [3]]),
    );
    async function* quick() {
      for (let i = 1; i <= 5; i++) {
        await Promise.resolve();
        yield i;
      }
    }
    expect(await runCollect(pipe(fromAsyncIterable(quick()), groupedWithin(2, 1000)))()).toEqual(
      E.right([[1, 2], [3, 4], [5]]),
    );
  });

  it('should group values pushed one at a time, with no time limit when ms = Infinity', async () => {
    const subject = new Subject<number>();
    const got: number[][] = [];
    subject.pipe(groupedWithin(3, Infinity)).subscribe((g) => got.push(g));
    subject.next(1);
    await sleep(20);
    // an infinite delay must not become a 1 ms timer
    expect(got).toEqual([]);
    subject.next(2);
    subject.next(3);
    expect(got).toEqual([[1, 2, 3]]);
    subject.next(4);
    subject.complete();
    expect(got).toEqual([[1, 2, 3], [4]]);
  });

  it('should raise the source credit to what a full group needs', async () => {
    const stats = new CreditStats();
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const result = await runCollect(
      pipe(fromArray(items, { credit: 16, stats }), groupedWithin(400, 1000)),
    )();
    expect(E.isRight(result) && result.right.map((g) => g.length)).toEqual([400, 400, 200]);
    // max(16, (0 + 1) × 400)
    expect(stats.limit).toBe(400);
    expect(stats.maxInFlight).toBe(400);
  });

  it('should let an unbounded group hold the whole source, n = Infinity', () => {
    const stats = new CreditStats();
    testScheduler().run(({ expectObservable }) => {
      const source = fromArray([1, 2, 3, 4, 5, 6], { credit: 2, stats });
      expectObservable(source.pipe(groupedWithin(Infinity, 5))).toBe('(x|)', { x: [1, 2, 3, 4, 5, 6] });
    });
    expect(stats.maxInFlight).toBe(6);
  });

  it('should resolve all the tickets of a group together, when the group is finished', () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4, 5]));
    const groups: Array<{ value: number[]; ticket: Ticket }> = [];
    tracked(stream.pipe(groupedWithin(2, 1000))).subscribe((t) => groups.push(t));
    expect(groups.map((g) => g.value)).toEqual([[1, 2], [3, 4], [5]]);
    expect(log.open()).toBe(5);
    groups[0]!.ticket.resolve();
    expect(log.entries.map((e) => e.resolvedAt !== undefined)).toEqual([true, true, false, false, false]);
    groups[1]!.ticket.resolve();
    groups[2]!.ticket.resolve();
    expect(log.open()).toBe(0);
  });

  it('should resolve a group tickets at its emission time, by size or by time (marble time)', () => {
    const ts = testScheduler();
    let log!: ReturnType<typeof recordTickets<number>>['log'];
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold('-1-2-3---4-------5-|', nums), () => ts.now());
      log = recorded.log;
      expectObservable(recorded.stream.pipe(groupedWithin(3, 5))).toBe('-----a--------b----(c|)', {
        a: [1, 2, 3],
        b: [4],
        c: [5],
      });
    });
    expect(log.entries.map((e) => [e.value, e.emittedAt, e.resolvedAt])).toEqual([
      [1, 1, 5],
      [2, 3, 5],
      [3, 5, 5],
      [4, 9, 14],
      [5, 17, 19],
    ]);
  });

  it('should leave open the tickets of the partial group lost to an error', () => {
    const ts = testScheduler();
    let log!: ReturnType<typeof recordTickets<number>>['log'];
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold('-1-2-3-#', nums, 'err'), () => ts.now());
      log = recorded.log;
      expectObservable(recorded.stream.pipe(groupedWithin(2, 10))).toBe('---a---#', { a: [1, 2] }, 'err');
    });
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([3, 3, undefined]);
  });

  it('should pass a typed failure as it is and a defect as a Defect', async () => {
    expect(await runCollect(pipe(fail('typed'), groupedWithin(2, 10)))()).toEqual(E.left('typed'));
    const boom = new Error('boom');
    expect(
      await runCollect(
        pipe(
          fromArray([1, 2, 3]),
          map((n) => {
            if (n === 3) throw boom;
            return n;
          }),
          groupedWithin(5, 10),
        ),
      )(),
    ).toEqual(E.left(new Defect(boom, 'map')));
  });
});
