import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import {
  firstValueFrom,
  lastValueFrom,
  map as rxMap,
  mergeMap as rxMergeMap,
  Observable,
  of,
  toArray,
} from 'rxjs';
import {
  CreditStats,
  fromArray,
  grouped,
  isStream,
  map,
  mapM,
  mapParallel,
  range,
  runCollect,
  Stream,
  take,
  toStream,
} from '../../src/index';
import { later } from '../helpers';

describe('plain Observables and tracked Streams', () => {
  it('should run strom-rx operators inside a plain RxJS pipeline', async () => {
    const out = await lastValueFrom(
      of(1, 2, 3, 4, 5).pipe(
        rxMap((n) => n * 2),
        mapParallel(2, (n: number) => later(n + 1)),
        grouped(2),
        toArray(),
      ),
    );
    expect(out).toEqual([[3, 5], [7, 9], [11]]);
  });

  it('should give a Stream that is an Observable', async () => {
    const s = fromArray([1, 2, 3]).pipe(map((n) => n + 1));
    expect(s).toBeInstanceOf(Observable);
    expect(isStream(s)).toBe(true);
    expect(await firstValueFrom(s)).toBe(2);
    expect(isStream(of(1))).toBe(false);
    expect(isStream(toStream(of(1)))).toBe(true);
  });

  it('should hand off at an RxJS operator: the ticket is resolved when its next returns', async () => {
    const stats = new CreditStats();
    let maxRunning = 0;
    let running = 0;
    const out = await lastValueFrom(
      range(0, 100, { credit: 2, stats }).pipe(
        rxMergeMap(async (n) => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          await later(n);
          running--;
          return n;
        }),
        toArray(),
      ),
    );
    expect(out).toHaveLength(100);
    // the credit held only up to the hand-off: RxJS's mergeMap took everything at once
    expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(maxRunning).toBe(100);
  });

  it('should keep the credit through strom-rx operators up to the runner', async () => {
    const stats = new CreditStats();
    let maxRunning = 0;
    let running = 0;
    const result = await pipe(
      range(0, 100, { credit: 2, stats }),
      mapParallel(8, async (n: number) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await later(n);
        running--;
        return n;
      }),
      runCollect,
    )();
    expect(E.isRight(result) && result.right.length).toBe(100);
    // mapParallel(8) raised the credit to 8 (its window), and never more ran at once
    expect(stats.limit).toBe(8);
    expect(maxRunning).toBe(8);
  });

  it('should stop an infinite synchronous source through a mixed chain', async () => {
    const out = await lastValueFrom(
      range(0, Infinity).pipe(
        map((n) => n * 2),
        rxMap((n) => n + 1),
        take(3),
        toArray(),
      ),
    );
    expect(out).toEqual([1, 3, 5]);
  });

  it('should type a plain Observable through strom-rx operators as a Stream with unknown errors', async () => {
    const s: Stream<number, unknown> = toStream(of(1, 2));
    const r = await pipe(
      s,
      mapM((n: number) => TE.right(n)),
      runCollect,
    )();
    expect(r).toEqual(E.right([1, 2]));
  });
});
