import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { concatMap, fromArray, guard, map, runCollect, Stream } from '../../src/index';
import { recordTickets } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('guard', () => {
  it('should emit one undefined when the condition holds, nothing otherwise (the doc diagram)', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(guard(true)).toBe('(u|)', { u: undefined });
      expectObservable(guard(false)).toBe('|');
    });
  });

  it('should be a Stream that the runner accepts', async () => {
    const yes: Stream<void> = guard(true);
    expect(await runCollect(yes)()).toEqual(E.right([undefined]));
    expect(await runCollect(guard(false))()).toEqual(E.right([]));
  });

  it('should filter inside concatMap, as do-notation does', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-1-2-3-4-|', { 1: 1, 2: 2, 3: 3, 4: 4 });
      const evens = source.pipe(concatMap((n: number) => guard(n % 2 === 0).pipe(map(() => n * 10))));
      expectObservable(evens).toBe('---a---b-|', { a: 20, b: 40 });
      expectSubscriptions(source.subscriptions).toBe('^--------!');
    });
  });

  it('should finish the ticket of an element its guard rejects at once', async () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4, 5]));
    expect(
      await pipe(
        stream,
        concatMap((n) => guard(n > 2).pipe(map(() => n))),
        runCollect,
      )(),
    ).toEqual(E.right([3, 4, 5]));
    expect(log.open()).toBe(0);
  });

  it('should chain several guards', async () => {
    const result = await pipe(
      fromArray(Array.from({ length: 20 }, (_, i) => i)),
      concatMap((n) =>
        pipe(
          guard(n % 2 === 0),
          concatMap(() => guard(n % 3 === 0)),
          map(() => n),
        ),
      ),
      runCollect,
    )();
    expect(result).toEqual(E.right([0, 6, 12, 18]));
  });
});
