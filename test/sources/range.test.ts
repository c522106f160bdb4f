import * as E from 'fp-ts/Either';
import { take as rxTake, toArray } from 'rxjs';
import { CreditStats, range, runCollect, runFold } from '../../src/index';
import { hold, testScheduler } from '../helpers';

describe('range', () => {
  it('should emit the integers from start up to end, end excluded (marble)', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(range(1, 4)).toBe('(123|)', { 1: 1, 2: 2, 3: 3 });
    });
  });

  it('should be empty when end is not above start', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(range(3, 3)).toBe('|');
      expectObservable(range(5, 1)).toBe('|');
    });
  });

  it('should count from negative numbers', async () => {
    expect(await runCollect(range(-2, 2))()).toEqual(E.right([-2, -1, 0, 1]));
  });

  it('should run up to Infinity until unsubscribed', () => {
    let got: number[] = [];
    range(0, Infinity)
      .pipe(rxTake(5), toArray())
      .subscribe((xs) => (got = xs));
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });

  it('should emit exactly `credit` numbers, then one more per resolved ticket', () => {
    const stats = new CreditStats();
    const { held, state, values } = hold(range(0, 5, { credit: 2, stats }));
    expect(values()).toEqual([0, 1]);
    held[0]!.ticket.resolve();
    expect(values()).toEqual([0, 1, 2]);
    held[2]!.ticket.resolve();
    held[1]!.ticket.resolve();
    expect(values()).toEqual([0, 1, 2, 3, 4]);
    expect(state.completed).toBe(false);
    held[3]!.ticket.resolve();
    expect(state.completed).toBe(true);
    expect(stats.maxInFlight).toBe(2);
  });

  it('should keep an infinite range bounded by its credit', () => {
    const stats = new CreditStats();
    const { values } = hold(range(0, Infinity, { credit: 10, stats }));
    expect(values()).toHaveLength(10);
    expect(stats.pulled).toBe(10);
  });

  it('should run a long range without deep recursion', async () => {
    expect(await runFold(0, (n: number) => n + 1)(range(0, 200_000))()).toEqual(E.right(200_000));
  });

  it('should reject a bad credit when made', () => {
    expect(() => range(0, 1, { credit: 0 })).toThrow(RangeError);
  });
});
