import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of } from 'rxjs';
import { CreditStats, fail, fromArray, merge, runCollect, take } from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('merge', () => {
  it('should emit both streams as they come and complete when both have (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a-----c--|');
      const that = cold('  -----b-----d-|');
      const expected = '   --a--b--c--d-|';
      expectObservable(source.pipe(merge(that))).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe('^----------!');
      expectSubscriptions(that.subscriptions).toBe('  ^------------!');
    });
  });

  it('should wait for the source when `that` completes first', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a------b|').pipe(merge(cold('--x|')))).toBe('-ax-----b|');
    });
  });

  it('should pass bursts and simultaneous elements on', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-(ab)--|').pipe(merge(cold('-(xy)-|')))).toBe('-(abxy)|');
    });
  });

  it('should handle never and empty inputs', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('|').pipe(merge(cold('|')))).toBe('|');
      expectObservable(cold('|').pipe(merge(cold('-a|')))).toBe('-a|');
      expectObservable(cold('-a|').pipe(merge(cold('-')))).toBe('-a-');
      expectObservable(cold('-').pipe(merge(cold('-')))).toBe('-');
    });
  });

  it('should fail as soon as either side fails and unsubscribe the other', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a----b-|');
      const that = cold('  ---#', undefined, 'that');
      expectObservable(source.pipe(merge(that))).toBe('-a-#', undefined, 'that');
      expectSubscriptions(source.subscriptions).toBe('^--!');

      const source2 = cold('--#', undefined, 'source');
      const that2 = cold('  -x---y|');
      expectObservable(source2.pipe(merge(that2))).toBe('-x#', undefined, 'source');
      expectSubscriptions(that2.subscriptions).toBe('^-!');
    });
  });

  it('should stop both sides at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a---b---|');
      const that = cold('  --x---y---|');
      expectObservable(source.pipe(merge(that)), '----!').toBe('-ax-');
      expectSubscriptions(source.subscriptions).toBe('^---!');
      expectSubscriptions(that.subscriptions).toBe('  ^---!');
    });
  });

  it('should keep each element ticket and resolve it at the sink', async () => {
    const l = recordTickets(fromArray([1, 2, 3]));
    const r = recordTickets(of(10, 20));
    const result = await pipe(l.stream, merge(r.stream), runCollect)();
    expect(E.isRight(result) && [...result.right].sort((a, b) => a - b)).toEqual([1, 2, 3, 10, 20]);
    expect(l.log.open()).toBe(0);
    expect(r.log.open()).toBe(0);
  });

  it('should hold the tickets of elements not yet finished downstream', () => {
    const scheduler = testScheduler();
    let log: TicketLog<string> | undefined;
    scheduler.run(({ cold, expectObservable }) => {
      const l = recordTickets<string>(cold('-a--b|'), () => scheduler.now());
      log = l.log;
      expectObservable(l.stream.pipe(merge(cold('--x|')))).toBe('-ax-b|');
    });
    expect(log!.entries.map((e) => [e.value, e.resolvedAt])).toEqual([
      ['a', 1],
      ['b', 4],
    ]);
  });

  it('should run Streams through the runner, with failures and take', async () => {
    expect(await pipe(fromArray([1, 2]), merge(fromArray([3])), runCollect)()).toEqual(E.right([1, 2, 3]));
    expect(await pipe(fromArray([1, 2]), merge(fail('bad')), runCollect)()).toEqual(E.left('bad'));
    const stats = new CreditStats();
    expect(
      await pipe(
        fromArray([1, 2, 3, 4], { stats }),
        merge(fromArray([5, 6], { stats })),
        take(3),
        runCollect,
      )(),
    ).toEqual(E.right([1, 2, 3]));
    expect(stats.pulled).toBe(3);
  });
});
