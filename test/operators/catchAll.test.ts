import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of, throwError } from 'rxjs';
import {
  catchAll,
  Defect,
  empty,
  fail,
  fromArray,
  map,
  mapM,
  Om,
  runCollect,
  Stream,
  take,
} from '../../src/index';
import { recordTickets } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('catchAll', () => {
  it('should go on with the handler stream after a typed failure (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--#');
      const expected = '   --a--b--(xy|)';
      expectObservable(source.pipe(catchAll(() => fromArray(['x', 'y'])))).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('should give the failure to the handler and subscribe its stream at the failure', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a--#', undefined, 'oops');
      const fallback = cold('   --x-y|');
      const result = source.pipe(catchAll((e: string) => (e === 'oops' ? fallback : of('wrong'))));
      expectObservable(result).toBe('-a----x-y|');
      expectSubscriptions(fallback.subscriptions).toBe('----^----!');
    });
    const seen: unknown[] = [];
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(
        cold('-#', undefined, { code: 42 }).pipe(
          catchAll((e: { code: number }) => {
            seen.push(e);
            return of(e.code);
          }),
        ),
      ).toBe('-(c|)', { c: 42 });
    });
    expect(seen).toEqual([{ code: 42 }]);
  });

  it('should pass a stream that does not fail unchanged, without calling the handler', () => {
    const handler = jest.fn(() => of('h'));
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-(bc)|').pipe(catchAll(handler))).toBe('-a-(bc)|');
      expectObservable(cold('|').pipe(catchAll(handler))).toBe('|');
      expectObservable(cold('-').pipe(catchAll(handler))).toBe('-');
      expectObservable(cold('-a-').pipe(catchAll(handler))).toBe('-a-');
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('should not catch a Defect', () => {
    const handler = jest.fn(() => of('h'));
    testScheduler().run(({ cold, expectObservable }) => {
      const boom = new Error('boom');
      const result = cold('-a-b|').pipe(
        map((x: string) => {
          if (x === 'b') throw boom;
          return x;
        }),
        catchAll(handler),
      );
      expectObservable(result).toBe('-a-#', undefined, new Defect(boom, 'map'));
      const defect = new Defect('raw', 'elsewhere');
      expectObservable(cold('--#', undefined, defect).pipe(catchAll(handler))).toBe('--#', undefined, defect);
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('should turn a throw of the handler into a Defect', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const boom = new Error('boom');
      expectObservable(
        cold('-a-#').pipe(
          catchAll(() => {
            throw boom;
          }),
        ),
      ).toBe('-a-#', undefined, new Defect(boom, 'catchAll'));
    });
  });

  it('should pass on a failure of the handler stream without catching it again', () => {
    const handler = jest.fn((e: string) => fail(`${e}!`));
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-#', undefined, 'first').pipe(catchAll(handler))).toBe(
        '-a-#',
        undefined,
        'first!',
      );
      expectObservable(
        cold('-a-#', undefined, 'first').pipe(catchAll((e: string) => cold('-x#', undefined, `${e}?`))),
      ).toBe('-a--x#', undefined, 'first?');
    });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('should stop the source, or the handler stream, at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a---b---#');
      const fallback = cold('x|');
      expectObservable(source.pipe(catchAll(() => fallback)), '---!').toBe('-a-');
      expectSubscriptions(source.subscriptions).toBe('^--!');
      expectSubscriptions(fallback.subscriptions).toBe([]);

      const source2 = cold('-a-#');
      const fallback2 = cold('   --x--y--|');
      expectObservable(source2.pipe(catchAll(() => fallback2)), '--------!').toBe('-a---x--');
      expectSubscriptions(fallback2.subscriptions).toBe('---^----!');
    });
  });

  it('should handle typed failures of Om effects, not their defects, with the runner', async () => {
    const typed = await pipe(
      fromArray([1, 2, 3]),
      mapM((n) => (n === 2 ? Om.fail('two' as const) : Om.succeed(n))),
      catchAll((e) => fromArray([e])),
      runCollect,
    )();
    expect(typed).toEqual(E.right([1, 'two']));

    const boom = new Error('boom');
    const handler = jest.fn(() => empty<number>());
    const defect = await pipe(
      fromArray([1, 2, 3]),
      mapM((n) => (n === 2 ? Promise.reject(boom) : Promise.resolve(n))),
      catchAll(handler),
      runCollect,
    )();
    expect(E.isLeft(defect) && defect.left).toBeInstanceOf(Defect);
    expect(E.isLeft(defect) && (defect.left as Defect).cause).toBe(boom);
    expect(handler).not.toHaveBeenCalled();
  });

  it('should type the result with the handler stream failure', async () => {
    const recovered: Stream<number | string, never> = fail('e' as const).pipe(catchAll(() => fromArray([1])));
    const rethrown: Stream<never, number> = fail('e' as const).pipe(catchAll((e) => fail(e.length)));
    expect(await runCollect(recovered)()).toEqual(E.right([1]));
    expect(await runCollect(rethrown)()).toEqual(E.left(1));
    expect(
      await pipe(
        throwError(() => 'plain'),
        catchAll(() => of('ok')),
        runCollect,
      )(),
    ).toEqual(E.right(['ok']));
  });

  it('should keep the tickets of both streams and resolve them at the sink', async () => {
    const source = recordTickets(fromArray([1, 2]));
    const fallback = recordTickets(fromArray([3, 4]));
    const failing = pipe(
      source.stream,
      mapM((n) => (n === 2 ? Om.fail('x') : Om.succeed(n))),
    );
    expect(
      await pipe(
        failing,
        catchAll(() => fallback.stream),
        take(2),
        runCollect,
      )(),
    ).toEqual(E.right([1, 3]));
    // 2 was lost to the failure: not finished
    expect(source.log.entries.map((e) => [e.value, e.resolvedAt !== undefined])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(fallback.log.entries[0]!.resolvedAt).toBeDefined();
  });
});
