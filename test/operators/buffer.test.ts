import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of } from 'rxjs';
import {
  buffer,
  CreditStats,
  Defect,
  fail,
  fromArray,
  fromAsyncIterable,
  map,
  mapParallel,
  runCollect,
  runDrain,
  Stream,
} from '../../src/index';
import { recordTickets, tracked } from '../../src/testing/index';
import { testScheduler } from '../helpers';

const nums = { 1: 1, 2: 2, 3: 3 };
const items = Array.from({ length: 40 }, (_, i) => i);
const slowly = <A>(a: A) => new Promise<A>((resolve) => setTimeout(() => resolve(a), 1));

/** Runs 40 items from a source with `credit: 4` through `through` into a slow sink; returns the source's stats. */
const runSlow = async (
  through: (s: Stream<number>) => Stream<number>,
): Promise<{ stats: CreditStats; result: unknown }> => {
  const stats = new CreditStats();
  const result = await runDrain(through(fromArray(items, { credit: 4, stats })))();
  return { stats, result };
};

describe('buffer', () => {
  it('should pass values through unchanged (doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--|', nums);
      const subs = '       ^----------!';
      const expected = '   --1--2--3--|';
      expectObservable(source.pipe(buffer(16))).toBe(expected, nums);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('should handle never, empty, one value and a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const never = cold('-');
      const endless = cold('-a-b-');
      expectObservable(never.pipe(buffer(2))).toBe('-');
      expectObservable(cold('|').pipe(buffer(2))).toBe('|');
      expectObservable(cold('--a--|').pipe(buffer(2))).toBe('--a--|');
      expectObservable(endless.pipe(buffer(2))).toBe('-a-b-');
      expectSubscriptions(never.subscriptions).toBe('^');
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
  });

  it('should pass an error', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-#', undefined, 'err');
      expectObservable(source.pipe(buffer(2))).toBe('-a-#', undefined, 'err');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('should stop at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c-|');
      expectObservable(source.pipe(buffer(2)), '----!').toBe('-a-b');
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('should pass bursts as they are', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-(abc)-d-|').pipe(buffer(1))).toBe('-(abc)-d-|');
    });
  });

  it('should reject an n below 1 or not whole', () => {
    expect(() => buffer(0)).toThrow(RangeError);
    expect(() => buffer(-2)).toThrow(RangeError);
    expect(() => buffer(1.5)).toThrow(RangeError);
    expect(() => buffer(NaN)).toThrow(RangeError);
  });

  it('should pass synchronous and asynchronous sources unchanged and in order', async () => {
    expect(await runCollect(pipe(of(1, 2, 3), buffer(4)))()).toEqual(E.right([1, 2, 3]));
    expect(await runCollect(pipe(fromArray(items, { credit: 2 }), buffer(3)))()).toEqual(E.right(items));
    async function* gen() {
      for (const s of 'abc') {
        await Promise.resolve();
        yield s;
      }
    }
    expect(await runCollect(pipe(fromAsyncIterable(gen()), buffer(8)))()).toEqual(E.right(['a', 'b', 'c']));
    expect(
      await runCollect(pipe(fromArray(items, { credit: 4 }), buffer(8), mapParallel(1, slowly)))(),
    ).toEqual(E.right(items));
  });

  it('should keep the source at its credit bound without buffer', async () => {
    // limit = max(credit, demand) = max(4, 1): mapParallel(1) holds one element
    const { stats, result } = await runSlow((s) => s.pipe(mapParallel(1, slowly)));
    expect(result).toEqual(E.right(undefined));
    expect(stats.limit).toBe(4);
    expect(stats.maxInFlight).toBe(4);
    expect(stats.pulled).toBe(40);
    expect(stats.finished).toBe(40);
  });

  it('should raise what may be in flight to max(credit, d + n) below mapParallel(1)', async () => {
    // d = 1 (mapParallel(1)), n = 8: max(4, 1 + 8) = 9
    const { stats, result } = await runSlow((s) => s.pipe(buffer(8), mapParallel(1, slowly)));
    expect(result).toEqual(E.right(undefined));
    expect(stats.limit).toBe(9);
    expect(stats.maxInFlight).toBe(9);
    expect(stats.finished).toBe(40);
    // the same where buffer is placed after mapParallel: the demands add up the same way
    const after = await runSlow((s) => s.pipe(mapParallel(1, slowly), buffer(8)));
    expect(after.stats.maxInFlight).toBe(9);
  });

  it('should raise what may be in flight to credit + n when the stages below take the whole credit', async () => {
    // mapParallel(4) already holds 4 = the credit; buffer(8) adds 8: max(4, 4 + 8) = 12 = credit + n
    const without = await runSlow((s) => s.pipe(mapParallel(4, slowly)));
    expect(without.stats.maxInFlight).toBe(4);
    const { stats, result } = await runSlow((s) => s.pipe(buffer(8), mapParallel(4, slowly)));
    expect(result).toEqual(E.right(undefined));
    expect(stats.limit).toBe(4 + 8);
    expect(stats.maxInFlight).toBe(4 + 8);
  });

  it('should change nothing where the credit already covers d + n', async () => {
    // max(4, 1 + 2) = 4
    const { stats } = await runSlow((s) => s.pipe(buffer(2), mapParallel(1, slowly)));
    expect(stats.limit).toBe(4);
    expect(stats.maxInFlight).toBe(4);
  });

  it('should add up with other buffers and with what mapParallel holds', async () => {
    // mapParallel(8) alone raises the limit to 8; two buffers add 3 + 5: max(4, 8 + 3 + 5) = 16
    const alone = await runSlow((s) => s.pipe(mapParallel(8, slowly)));
    expect(alone.stats.maxInFlight).toBe(8);
    const { stats } = await runSlow((s) => s.pipe(buffer(3), buffer(5), mapParallel(8, slowly)));
    expect(stats.limit).toBe(16);
    expect(stats.maxInFlight).toBe(16);
  });

  it('should let the source run free with n = Infinity', async () => {
    const { stats, result } = await runSlow((s) => s.pipe(buffer(Infinity), mapParallel(1, slowly)));
    expect(result).toEqual(E.right(undefined));
    expect(stats.maxInFlight).toBe(40);
  });

  it('should keep each ticket for the sink', () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3]));
    const held: Array<() => void> = [];
    tracked(stream.pipe(buffer(4))).subscribe((t) => held.push(() => t.ticket.resolve()));
    expect(held).toHaveLength(3);
    expect(log.open()).toBe(3);
    held[1]!();
    expect(log.entries.map((e) => e.resolvedAt !== undefined)).toEqual([false, true, false]);
    held[0]!();
    held[2]!();
    expect(log.open()).toBe(0);
  });

  it('should resolve tickets at the sink (marble time)', () => {
    const ts = testScheduler();
    let log!: ReturnType<typeof recordTickets<number>>['log'];
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold('--1--2--3--|', nums), () => ts.now());
      log = recorded.log;
      expectObservable(recorded.stream.pipe(buffer(16))).toBe('--1--2--3--|', nums);
    });
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([2, 5, 8]);
  });

  it('should pass a typed failure as it is and a defect as a Defect', async () => {
    expect(await runCollect(pipe(fail('typed'), buffer(2)))()).toEqual(E.left('typed'));
    const boom = new Error('boom');
    expect(
      await runCollect(
        pipe(
          fromArray([1, 2]),
          map((n) => {
            if (n === 2) throw boom;
            return n;
          }),
          buffer(2),
        ),
      )(),
    ).toEqual(E.left(new Defect(boom, 'map')));
  });
});
