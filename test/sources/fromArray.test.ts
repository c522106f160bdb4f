import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { take as rxTake, toArray } from 'rxjs';
import { CreditStats, fromArray, grouped, runCollect } from '../../src/index';
import { hold, testScheduler } from '../helpers';

/** An array that records which indices were read. */
const watched = <A>(items: A[]) => {
  const reads: number[] = [];
  const array = new Proxy(items, {
    get(target, p, receiver) {
      if (typeof p === 'string' && /^\d+$/.test(p)) reads.push(Number(p));
      return Reflect.get(target, p, receiver) as unknown;
    },
  });
  return { array, reads };
};

describe('fromArray', () => {
  it('should emit the elements and complete (marble)', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(fromArray([1, 2, 3])).toBe('(123|)', { 1: 1, 2: 2, 3: 3 });
    });
  });

  it('should complete at once for an empty array', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(fromArray([])).toBe('|');
    });
  });

  it('should start again for each subscription', async () => {
    const s = fromArray(['a', 'b']);
    expect(await runCollect(s)()).toEqual(E.right(['a', 'b']));
    expect(await runCollect(s)()).toEqual(E.right(['a', 'b']));
  });

  it('should keep undefined elements', async () => {
    expect(await runCollect(fromArray([undefined, 1, undefined]))()).toEqual(
      E.right([undefined, 1, undefined]),
    );
  });

  it('should emit exactly `credit` elements, then one more per resolved ticket', () => {
    const stats = new CreditStats();
    const { held, state, values } = hold(fromArray([0, 1, 2, 3, 4, 5, 6], { credit: 3, stats }));
    expect(values()).toEqual([0, 1, 2]);
    expect(stats).toMatchObject({ pulled: 3, finished: 0, inFlight: 3, maxInFlight: 3, limit: 3 });
    held[1]!.ticket.resolve();
    expect(values()).toEqual([0, 1, 2, 3]);
    held[1]!.ticket.resolve(); // resolving twice gives nothing more
    expect(values()).toEqual([0, 1, 2, 3]);
    held[0]!.ticket.resolve();
    held[3]!.ticket.resolve();
    expect(values()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(stats).toMatchObject({ pulled: 6, finished: 3, inFlight: 3, maxInFlight: 3 });
    held[2]!.ticket.resolve();
    expect(values()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // the end is found only with credit in hand
    expect(state.completed).toBe(false);
    held[4]!.ticket.resolve();
    expect(state.completed).toBe(true);
  });

  it('should read no element beyond the credit', () => {
    const { array, reads } = watched([10, 20, 30, 40, 50]);
    const { held } = hold(fromArray(array, { credit: 2 }));
    expect(reads).toEqual([0, 1]);
    held[0]!.ticket.resolve();
    expect(reads).toEqual([0, 1, 2]);
  });

  it('should stop reading on an early unsubscription', () => {
    const { array, reads } = watched([1, 2, 3, 4, 5]);
    let got: number[] = [];
    fromArray(array)
      .pipe(rxTake(2), toArray())
      .subscribe((xs) => (got = xs));
    expect(got).toEqual([1, 2]);
    expect(reads).toEqual([0, 1]);
  });

  it('should stop emitting when the holder unsubscribes', () => {
    const { held, subscription, values } = hold(fromArray([1, 2, 3, 4], { credit: 1 }));
    subscription.unsubscribe();
    held[0]!.ticket.resolve();
    expect(values()).toEqual([1]);
  });

  it('should keep one element in flight with a runner that resolves at once', async () => {
    const stats = new CreditStats();
    const items = Array.from({ length: 1000 }, (_, i) => i);
    expect(await runCollect(fromArray(items, { credit: 8, stats }))()).toEqual(E.right(items));
    expect(stats).toMatchObject({ pulled: 1000, finished: 1000, inFlight: 0, maxInFlight: 1 });
  });

  it('should raise its credit to what the stages below must hold', async () => {
    const stats = new CreditStats();
    const result = await pipe(
      fromArray([1, 2, 3, 4, 5, 6, 7], { credit: 1, stats }),
      grouped(3),
      runCollect,
    )();
    expect(result).toEqual(E.right([[1, 2, 3], [4, 5, 6], [7]]));
    expect(stats.limit).toBeGreaterThanOrEqual(3);
  });

  it('should use the default credit of 256', () => {
    const stats = new CreditStats();
    const { values } = hold(
      fromArray(
        Array.from({ length: 300 }, (_, i) => i),
        { stats },
      ),
    );
    expect(values()).toHaveLength(256);
    expect(stats.limit).toBe(256);
  });

  it('should reject a credit that is not a whole number of at least 1 when made', () => {
    expect(() => fromArray([1], { credit: 0 })).toThrow(RangeError);
    expect(() => fromArray([1], { credit: 1.5 })).toThrow('fromArray: credit must be a whole number');
    expect(() => fromArray([1], { credit: NaN })).toThrow(RangeError);
  });
});
