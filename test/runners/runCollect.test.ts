import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { defer, Observable, of, throwError } from 'rxjs';
import {
  CreditStats,
  Defect,
  ensuring,
  fail,
  fromArray,
  fromIterable,
  map,
  range,
  runCollect,
  take,
} from '../../src/index';
import { recordTickets } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('runCollect', () => {
  it('should collect the elements in order (Stream source)', async () => {
    expect(await runCollect(fromArray([1, 2, 3]))()).toEqual(E.right([1, 2, 3]));
  });

  it('should collect what a marble source emits over virtual time', async () => {
    let task: Promise<E.Either<unknown, string[]>> | undefined;
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const source = cold('-a-(bc)--d|');
      task = runCollect(source)();
      expectSubscriptions(source.subscriptions).toBe('^---------!');
    });
    expect(await task).toEqual(E.right(['a', 'b', 'c', 'd']));
  });

  it('should collect nothing from an empty stream', async () => {
    expect(await runCollect(of())()).toEqual(E.right([]));
  });

  it('should give Left(E) for a typed failure', async () => {
    expect(await runCollect(fail('bad'))()).toEqual(E.left('bad'));
    expect(await runCollect(throwError(() => ({ code: 1 })))()).toEqual(E.left({ code: 1 }));
  });

  it('should give Left(Defect) for a throw', async () => {
    const boom = new Error('boom');
    const result = await pipe(
      fromArray([1, 2, 3]),
      map((n) => {
        if (n === 2) throw boom;
        return n;
      }),
      runCollect,
    )();
    expect(result).toEqual(E.left(new Defect(boom, 'map')));
    expect(E.isLeft(result) && (result.left as Defect).cause).toBe(boom);
  });

  it('should never reject, whatever goes wrong', async () => {
    const throwsOnSubscribe = new Observable<number>(() => {
      throw new Error('subscribe failed');
    });
    const failingIterator = fromIterable({
      [Symbol.iterator]: (): Iterator<number> => ({
        next: () => {
          throw 'next failed';
        },
      }),
    });
    const outcomes = await Promise.allSettled([
      runCollect(throwsOnSubscribe)(),
      runCollect(failingIterator)(),
      runCollect(fail(undefined))(),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const values = outcomes.map((o) => (o as PromiseFulfilledResult<E.Either<unknown, number[]>>).value);
    expect(values.every(E.isLeft)).toBe(true);
    expect(values[1]).toEqual(E.left(new Defect('next failed', 'fromIterable')));
  });

  it('should run the stream again each time the task is run', async () => {
    let subscriptions = 0;
    const source = defer(() => {
      subscriptions++;
      return of(subscriptions);
    });
    const task = runCollect(source);
    expect(subscriptions).toBe(0);
    expect(await task()).toEqual(E.right([1]));
    expect(await task()).toEqual(E.right([2]));
    expect(subscriptions).toBe(2);
  });

  it('should resolve each ticket as its element is collected', async () => {
    let clock = 0;
    const { stream, log } = recordTickets(fromArray(['a', 'b', 'c']), () => clock++);
    expect(await runCollect(stream)()).toEqual(E.right(['a', 'b', 'c']));
    expect(log.open()).toBe(0);
    // each ticket is resolved right after its element is emitted, before the next one comes
    expect(log.entries.map((e) => [e.emittedAt, e.resolvedAt])).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
  });

  it('should keep a credit-bounded source to one element in flight', async () => {
    const stats = new CreditStats();
    const items = Array.from({ length: 500 }, (_, i) => i);
    expect(await runCollect(fromArray(items, { credit: 4, stats }))()).toEqual(E.right(items));
    expect(stats).toMatchObject({ pulled: 500, finished: 500, inFlight: 0, maxInFlight: 1 });
  });

  it('should wait for releases before it resolves', async () => {
    let released = false;
    const result = await pipe(
      range(0, Infinity),
      ensuring(() => new Promise<void>((resolve) => setTimeout(() => ((released = true), resolve()), 20))),
      take(3),
      runCollect,
    )();
    expect(result).toEqual(E.right([0, 1, 2]));
    expect(released).toBe(true);
  });

  it('should give Left(Defect) when a release fails', async () => {
    const result = await pipe(
      fromArray([1, 2]),
      ensuring(() => Promise.reject(new Error('close failed'))),
      runCollect,
    )();
    expect(E.isLeft(result) && result.left).toBeInstanceOf(Defect);
  });
});
