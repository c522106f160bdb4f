import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import {
  CreditStats,
  DEFAULT_CREDIT,
  fromArray,
  grouped,
  mapParallel,
  mapParallelUnordered,
  range,
  runDrain,
  traverse_,
} from '../../src/index';

const nextTurn = <A>(a: A): Promise<A> => new Promise((resolve) => setImmediate(() => resolve(a)));

describe('backpressure', () => {
  it('should keep a million-item fromArray through mapParallel(8, slow) within the default credit', async () => {
    const n = 1_000_000;
    const items = Array.from({ length: n }, (_, i) => i);
    const stats = new CreditStats();
    let running = 0;
    let maxRunning = 0;
    let sum = 0;
    const slow = (x: number): Promise<number> => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      return nextTurn(x).then((v) => {
        running--;
        sum += v;
        return v;
      });
    };
    const result = await pipe(fromArray(items, { stats }), mapParallel(8, slow), runDrain)();
    expect(result).toEqual(E.right(undefined));
    expect(stats.pulled).toBe(n);
    expect(stats.finished).toBe(n);
    expect(stats.inFlight).toBe(0);
    // the documented bound: the default credit (the stages below need only 8 at once)
    expect(DEFAULT_CREDIT).toBe(256);
    expect(stats.limit).toBe(DEFAULT_CREDIT);
    expect(stats.maxInFlight).toBeLessThanOrEqual(DEFAULT_CREDIT);
    expect(stats.maxInFlight).toBe(DEFAULT_CREDIT); // it does fill up: the effect is the slow part
    expect(maxRunning).toBe(8);
    expect(sum).toBe((n * (n - 1)) / 2);
  }, 60_000);

  it('should honour a configured credit', async () => {
    const stats = new CreditStats();
    const result = await pipe(
      fromArray(
        Array.from({ length: 10_000 }, (_, i) => i),
        { credit: 32, stats },
      ),
      mapParallelUnordered(4, nextTurn),
      runDrain,
    )();
    expect(E.isRight(result)).toBe(true);
    expect(stats.maxInFlight).toBe(32);
  });

  it('should not pull ahead of a slow sink by more than the credit', async () => {
    const stats = new CreditStats();
    let worst = 0;
    const result = await pipe(
      range(0, 2_000, { credit: 16, stats }),
      traverse_((x: number) =>
        nextTurn(x).then(() => {
          worst = Math.max(worst, stats.pulled - stats.finished);
        }),
      ),
    )();
    expect(E.isRight(result)).toBe(true);
    expect(worst).toBeLessThanOrEqual(16);
    expect(stats.maxInFlight).toBe(16);
  });

  it('should raise the credit to what grouping stages must hold, through nested groups', async () => {
    const stats = new CreditStats();
    const result = await pipe(
      range(0, 5_000, { credit: 16, stats }),
      grouped(100),
      grouped(10),
      mapParallel(1, nextTurn),
      runDrain,
    )();
    expect(E.isRight(result)).toBe(true);
    expect(stats.finished).toBe(5_000);
    // mapParallel(1) holds 1 group of groups; grouped(10) needs (1 + 1) × 10 groups; grouped(100) needs
    // (20 + 1) × 100 elements
    expect(stats.limit).toBe(2_100);
    expect(stats.maxInFlight).toBeLessThanOrEqual(2_100);
  });
});
