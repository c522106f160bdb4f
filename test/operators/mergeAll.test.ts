import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { Observable, of } from 'rxjs';
import { fail, fromArray, mergeAll, runCollect, Stream, take } from '../../src/index';
import { recordTickets } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('mergeAll', () => {
  it('should merge three streams and complete when all have (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const s1 = cold('--a-----d--|');
      const s2 = cold('----b------|');
      const s3 = cold('------c-|');
      const expected = '--a-b-c-d--|';
      expectObservable(mergeAll([s1, s2, s3])).toBe(expected);
      expectSubscriptions(s1.subscriptions).toBe('^----------!');
      expectSubscriptions(s2.subscriptions).toBe('^----------!');
      expectSubscriptions(s3.subscriptions).toBe('^-------!');
    });
  });

  it('should complete at once with no streams', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(mergeAll([] as Array<Observable<string>>)).toBe('|');
    });
  });

  it('should give the one stream back with one stream', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const s = cold('-a-(bc)-|');
      expectObservable(mergeAll([s])).toBe('-a-(bc)-|');
      expectSubscriptions(s.subscriptions).toBe('^-------!');
    });
  });

  it('should handle never and empty streams among the others', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(mergeAll([cold('|'), cold('|'), cold('|')])).toBe('|');
      expectObservable(mergeAll([cold('-a|'), cold('|'), cold('---b|')])).toBe('-a-b|');
      expectObservable(mergeAll([cold('-a|'), cold('-'), cold('--b|')])).toBe('-ab-');
    });
  });

  it('should fail as soon as one stream fails and unsubscribe the others', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const s1 = cold('-a-----|');
      const s2 = cold('---#', undefined, 'bad');
      const s3 = cold('--b-----c|');
      expectObservable(mergeAll([s1, s2, s3])).toBe('-ab#', undefined, 'bad');
      expectSubscriptions(s1.subscriptions).toBe('^--!');
      expectSubscriptions(s3.subscriptions).toBe('^--!');
    });
  });

  it('should not subscribe the rest when an early stream fails synchronously', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const later = cold('-a|');
      expectObservable(mergeAll<Observable<string>>([fail('now') as Stream<string, string>, later])).toBe(
        '#',
        undefined,
        'now',
      );
      expectSubscriptions(later.subscriptions).toBe([]);
    });
  });

  it('should stop every stream at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const s1 = cold('-a---|');
      const s2 = cold('--b---|');
      const s3 = cold('---c---|');
      expectObservable(mergeAll([s1, s2, s3]), '---!').toBe('-ab');
      expectSubscriptions(s1.subscriptions).toBe('^--!');
      expectSubscriptions(s2.subscriptions).toBe('^--!');
      expectSubscriptions(s3.subscriptions).toBe('^--!');
    });
  });

  it('should run Streams through the runner with 0, 1 and 3 inputs', async () => {
    expect(await pipe(mergeAll([] as Array<Stream<number>>), runCollect)()).toEqual(E.right([]));
    expect(await pipe(mergeAll([fromArray([1, 2])]), runCollect)()).toEqual(E.right([1, 2]));
    expect(await pipe(mergeAll([fromArray([1, 2]), of(3), fromArray([4, 5])]), runCollect)()).toEqual(
      E.right([1, 2, 3, 4, 5]),
    );
    expect(await pipe(mergeAll([fromArray([1]), fail('e')]), runCollect)()).toEqual(E.left('e'));
  });

  it('should keep the tickets and stop every source at take', async () => {
    const logs = [
      recordTickets(fromArray([1, 2, 3])),
      recordTickets(fromArray([4, 5])),
      recordTickets(of(6)),
    ];
    expect(await pipe(mergeAll(logs.map((l) => l.stream)), runCollect)()).toEqual(
      E.right([1, 2, 3, 4, 5, 6]),
    );
    expect(logs.map((l) => l.log.open())).toEqual([0, 0, 0]);

    const more = [recordTickets(fromArray([1, 2, 3])), recordTickets(fromArray([4, 5]))];
    expect(await pipe(mergeAll(more.map((l) => l.stream)), take(2), runCollect)()).toEqual(E.right([1, 2]));
    // the second stream was never reached: take ended the run inside the first one's synchronous emission
    expect(more[1]!.log.entries).toEqual([]);
  });
});
