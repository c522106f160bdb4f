import * as E from 'fp-ts/Either';
import { of } from 'rxjs';
import { concatMap, Defect, fail, runCollect, runDrain, tracked } from '../../src/index';
import { testScheduler } from '../helpers';

describe('fail', () => {
  it('should fail at once with the typed error (marble)', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(fail('boom')).toBe('#', undefined, 'boom');
    });
  });

  it('should give a runner the raw error as Left, not a Defect', async () => {
    const error = { _tag: 'Invalid' as const, field: 'name' };
    const result = await runCollect(fail(error))();
    expect(result).toEqual(E.left(error));
    expect(E.isLeft(result) && result.left).toBe(error);
    expect(E.isLeft(result) && result.left instanceof Defect).toBe(false);
    expect(await runDrain(fail('e'))()).toEqual(E.left('e'));
  });

  it('should fail the tracked channel without emitting', () => {
    const seen: unknown[] = [];
    let error: unknown;
    tracked(fail(42)).subscribe({ next: (t) => seen.push(t), error: (e: unknown) => (error = e) });
    expect(seen).toEqual([]);
    expect(error).toBe(42);
  });

  it('should fail a stream it is the inner stream of, after the elements before it', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-a-b-c|');
      const result = source.pipe(concatMap((x: string) => (x === 'b' ? fail('bad b') : of(x))));
      expectObservable(result).toBe('-a-#', undefined, 'bad b');
    });
  });
});
