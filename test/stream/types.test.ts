/**
 * Type-level checks: ts-jest type-checks this file, so a `@ts-expect-error` that finds no error fails the run.
 */
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { filter as rxFilter, Observable, of } from 'rxjs';
import {
  catchAll,
  concatMap,
  merge,
  mergeAll,
  zip,
  Defect,
  fail,
  fromArray,
  fromOm,
  map,
  mapM,
  Om,
  provide,
  runCollect,
  Stream,
  TimeoutError,
  timeout,
  traverse_,
} from '../../src/index';

describe('types', () => {
  it('should keep errors and context in the types through pipe and fp-ts pipe', () => {
    const s1: Stream<number> = fromArray([1, 2]).pipe(map((x) => x * 2));
    const s2: Stream<string, 'Boom'> = fromArray([1]).pipe(
      mapM((x) => TE.left<'Boom', string>(String(x) as 'Boom')),
    );
    const needsDb: Stream<string, never, { db: string }> = fromArray([1]).pipe(
      mapM((x: number) => pipe(Om.asks((r: { db: string }) => r.db + x))),
    );
    // @ts-expect-error the context has not been provided
    runCollect(needsDb);
    const provided = runCollect(needsDb.pipe(provide({ db: 'x' })));
    const checkProvided: TE.TaskEither<Defect, string[]> = provided;

    const run = pipe(
      fromArray([1, 2]),
      mapM((_x: number) => TE.left<'Nope', number>('Nope')),
      timeout(10),
      runCollect,
    );
    const checkRun: TE.TaskEither<'Nope' | TimeoutError | Defect, number[]> = run;
    // @ts-expect-error the typed failure is not lost
    const lost: TE.TaskEither<Defect, number[]> = run;

    const handled = fail('E' as const).pipe(catchAll((e: 'E') => fromArray([e.length])));
    const checkHandled: Stream<number, never> = handled;

    const plain: Observable<number> = of(1).pipe(
      map((x) => x + 1),
      rxFilter((x) => x > 0),
    );
    // @ts-expect-error an RxJS operator leaves the tracked world: the result is a plain Observable
    const notStream: Stream<number> = fromArray([1]).pipe(rxFilter((x) => x > 0));

    // a plain Observable may fail with anything: its errors are typed unknown, also after strom-rx operators
    const fromPlain = runCollect(of(1).pipe(map((x) => x + 1)));
    const checkPlain: TE.TaskEither<unknown, number[]> = fromPlain;
    // @ts-expect-error not only defects can come out of a plain Observable
    const plainLost: TE.TaskEither<Defect, number[]> = fromPlain;
    const merged: Stream<number, unknown> = fromArray([1]).pipe(merge(of(2)));
    const zipped: Stream<[number, string], never> = fromArray([1]).pipe(zip(fromArray(['a'])));
    const inner: Stream<number, never> = fromArray([1]).pipe(concatMap((x) => fromArray([x])));
    const innerPlain: Stream<number, unknown> = fromArray([1]).pipe(concatMap((x) => of(x)));
    // @ts-expect-error a plain inner Observable may fail with anything
    const innerPlainLost: Stream<number, never> = fromArray([1]).pipe(concatMap((x) => of(x)));
    // @ts-expect-error a plain Observable merged in may fail with anything
    const mergedLost: Stream<number, never> = fromArray([1]).pipe(merge(of(2)));
    const all: Stream<number | string, 'A' | unknown> = mergeAll([fromArray([1]), of('x')]);
    // traverse_ has no context to give: an effect that needs one is refused
    const needsContext = (n: number): Om.Om<{ db: string }, never, void> =>
      Om.asks((r: { db: string }) => {
        void (r.db.length + n);
      });
    // @ts-expect-error the effect needs a context that a runner cannot give
    traverse_(needsContext);
    const sinks = [
      traverse_((n: number) => Promise.resolve(n)),
      traverse_((n: number) => n),
      traverse_(() => undefined),
    ];
    const thunk: Stream<number> = fromOm(() => Promise.resolve(1));
    const thunks: Stream<string> = fromArray([1]).pipe(mapM((x) => () => Promise.resolve(String(x))));

    expect(
      [s1, s2, checkProvided, checkRun, lost, checkHandled, plain, notStream, thunk, thunks].length +
        [checkPlain, plainLost, merged, zipped, inner, innerPlain, all, innerPlainLost, mergedLost, sinks]
          .length,
    ).toBe(20);
  });
});
