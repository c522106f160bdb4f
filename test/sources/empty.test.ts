import * as E from 'fp-ts/Either';
import { of } from 'rxjs';
import { concatMap, empty, runCollect, runDrain, tracked } from '../../src/index';
import { testScheduler } from '../helpers';

describe('empty', () => {
  it('should complete at once (marble)', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(empty()).toBe('|');
    });
  });

  it('should give a runner no elements', async () => {
    expect(await runCollect(empty<number>())()).toEqual(E.right([]));
    expect(await runDrain(empty())()).toEqual(E.right(undefined));
  });

  it('should complete on the tracked channel without emitting', () => {
    const seen: unknown[] = [];
    let completed = false;
    tracked(empty()).subscribe({ next: (t) => seen.push(t), complete: () => (completed = true) });
    expect(seen).toEqual([]);
    expect(completed).toBe(true);
  });

  it('should work as an inner stream that contributes nothing', async () => {
    const result = await runCollect(
      of(1, 2, 3).pipe(concatMap((n: number) => (n === 2 ? empty<number>() : of(n)))),
    )();
    expect(result).toEqual(E.right([1, 3]));
  });
});
