import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { concatMap, fail, fromArray, runCollect, Stream, unless } from '../../src/index';
import { recordTickets } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('unless', () => {
  it('should be the stream unless the condition holds (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const s = cold('--a--b--|');
      expectObservable(unless(false, s)).toBe('--a--b--|');
      expectSubscriptions(s.subscriptions).toBe('^-------!');
      const t = cold('--a--b--|');
      expectObservable(unless(true, t)).toBe('|');
      expectSubscriptions(t.subscriptions).toBe([]);
    });
  });

  it('should keep the stream failures and its never-ending', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(unless(false, cold('-a-#', undefined, 'e'))).toBe('-a-#', undefined, 'e');
      expectObservable(unless(false, cold('-a-'))).toBe('-a-');
      expectObservable(unless(true, cold('-#'))).toBe('|');
    });
  });

  it('should run with the runner and keep the types', async () => {
    const failing: Stream<never, 'x'> = unless(false, fail('x' as const));
    expect(await runCollect(failing)()).toEqual(E.left('x'));
    expect(await runCollect(unless(true, failing))()).toEqual(E.right([]));
  });

  it('should skip branches inside concatMap, resolving every ticket', async () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4]));
    expect(
      await pipe(
        stream,
        concatMap((n) => unless(n > 2, fromArray([n * 10]))),
        runCollect,
      )(),
    ).toEqual(E.right([10, 20]));
    expect(log.open()).toBe(0);
  });
});
