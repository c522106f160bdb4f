import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of } from 'rxjs';
import { fail, fromArray, runCollect, zip } from '../../src/index';
import { recordTickets } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('zip', () => {
  it('should pair the elements in order and end with the shorter (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1----2----3--|', { 1: 1, 2: 2, 3: 3 });
      const that = cold('  ----a----b--|');
      const expected = '   ----x----y--|';
      expectObservable(source.pipe(zip(that))).toBe(expected, { x: [1, 'a'], y: [2, 'b'] });
      // the source is longer: it is unsubscribed when `that` ends
      expectSubscriptions(source.subscriptions).toBe('^-----------!');
      expectSubscriptions(that.subscriptions).toBe('  ^-----------!');
    });
  });

  it('should end with the source when it is the shorter, and unsubscribe the other', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b|');
      const that = cold('  -1-2-3-4-5|');
      expectObservable(source.pipe(zip(that))).toBe('-x-y|', { x: ['a', '1'], y: ['b', '2'] });
      expectSubscriptions(that.subscriptions).toBe('^---!');
    });
  });

  it('should keep the pairs in order when one side comes in a burst', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('(abc)|');
      const that = cold('  -1--2---3|');
      expectObservable(source.pipe(zip(that))).toBe('-x--y---(z|)', {
        x: ['a', '1'],
        y: ['b', '2'],
        z: ['c', '3'],
      });
    });
  });

  it('should handle never, empty and one value', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-').pipe(zip(cold('-1|')))).toBe('-');
      expectObservable(cold('|').pipe(zip(cold('-1|')))).toBe('|');
      expectObservable(cold('-a|').pipe(zip(cold('|')))).toBe('|');
      expectObservable(cold('-a|').pipe(zip(cold('--1|')))).toBe('--(x|)', { x: ['a', '1'] });
    });
  });

  it('should fail with the error of either side', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const left = cold('-a-#', undefined, 'left');
      const right = cold('-1-2-|');
      expectObservable(left.pipe(zip(right))).toBe('-x-#', { x: ['a', '1'] }, 'left');
      expectSubscriptions(right.subscriptions).toBe('^--!');
      const left2 = cold('-a-b-c|');
      const right2 = cold('--#', undefined, 'right');
      expectObservable(left2.pipe(zip(right2))).toBe('--#', undefined, 'right');
      expectSubscriptions(left2.subscriptions).toBe('^-!');
    });
  });

  it('should stop both sides at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const left = cold('-a--b--c-|');
      const right = cold('-1--2--3-|');
      expectObservable(left.pipe(zip(right)), '--!').toBe('-x', { x: ['a', '1'] });
      expectSubscriptions(left.subscriptions).toBe('^-!');
      expectSubscriptions(right.subscriptions).toBe('^-!');
    });
  });

  it('should resolve both tickets of a pair when the pair is finished', async () => {
    const l = recordTickets(fromArray([1, 2, 3]));
    const r = recordTickets(fromArray(['a', 'b']));
    expect(await pipe(l.stream, zip(r.stream), runCollect)()).toEqual(
      E.right([
        [1, 'a'],
        [2, 'b'],
      ]),
    );
    expect(r.log.open()).toBe(0);
    // 3 had no partner: it is not finished
    expect(l.log.entries.filter((e) => e.resolvedAt === undefined).map((e) => e.value)).toEqual([3]);
  });

  it('should run Streams and plain Observables through the runner', async () => {
    expect(await pipe(of(1, 2), zip(fromArray(['a', 'b', 'c'])), runCollect)()).toEqual(
      E.right([
        [1, 'a'],
        [2, 'b'],
      ]),
    );
    expect(await pipe(fromArray([1]), zip(fail('oops')), runCollect)()).toEqual(E.left('oops'));
  });
});
