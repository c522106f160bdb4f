import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of } from 'rxjs';
import { concatMap, fail, fromArray, runCollect, Stream, when } from '../../src/index';
import { recordTickets } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('when', () => {
  it('should be the stream when the condition holds, empty otherwise (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const s = cold('--a--b--|');
      expectObservable(when(true, s)).toBe('--a--b--|');
      expectSubscriptions(s.subscriptions).toBe('^-------!');
      const t = cold('--a--b--|');
      expectObservable(when(false, t)).toBe('|');
      expectSubscriptions(t.subscriptions).toBe([]);
    });
  });

  it('should keep the stream failures and its never-ending', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(when(true, cold('-a-#', undefined, 'e'))).toBe('-a-#', undefined, 'e');
      expectObservable(when(true, cold('-a-'))).toBe('-a-');
      expectObservable(when(false, cold('-#'))).toBe('|');
    });
  });

  it('should give back a Stream as it is, with its types', async () => {
    const s = fromArray([1, 2]);
    expect(when(true, s)).toBe(s);
    const failing: Stream<never, 'x'> = when(true, fail('x' as const));
    expect(await runCollect(failing)()).toEqual(E.left('x'));
    expect(await runCollect(when(false, failing))()).toEqual(E.right([]));
    expect(await runCollect(when(true, of(1, 2)))()).toEqual(E.right([1, 2]));
  });

  it('should choose branches inside concatMap, resolving every ticket', async () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4]));
    const result = await pipe(
      stream,
      concatMap((n) => when(n % 2 === 1, fromArray([n, n]))),
      runCollect,
    )();
    expect(result).toEqual(E.right([1, 1, 3, 3]));
    expect(log.open()).toBe(0);
  });
});
