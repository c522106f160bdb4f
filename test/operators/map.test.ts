import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of, throwError } from 'rxjs';
import { Defect, fromArray, map, runCollect } from '../../src/index';
import { recordTickets } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('map', () => {
  it('should map each value (marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--|', { 1: 1, 2: 2, 3: 3 });
      expectObservable(source.pipe(map((n: number) => n * 10))).toBe('--a--b--c--|', { a: 10, b: 20, c: 30 });
      expectSubscriptions(source.subscriptions).toBe('^----------!');
    });
  });

  it('should pass the index', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-b|').pipe(map((_: string, i: number) => i))).toBe('-0-1|', { 0: 0, 1: 1 });
    });
  });

  it('should handle never, empty, error', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-').pipe(map((x: string) => x))).toBe('-');
      expectObservable(cold('|').pipe(map((x: string) => x))).toBe('|');
      expectObservable(cold('--#', undefined, 'err').pipe(map((x: string) => x))).toBe(
        '--#',
        undefined,
        'err',
      );
    });
  });

  it('should stop at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--c--|');
      expectObservable(source.pipe(map((x: string) => x)), '----!').toBe('--a-');
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('should turn a throw into a Defect and unsubscribe', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--|');
      const boom = new Error('boom');
      const result = source.pipe(
        map((x: string) => {
          if (x === 'b') throw boom;
          return x;
        }),
      );
      expectObservable(result).toBe('--a--#', undefined, new Defect(boom, 'map'));
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('should keep each element ticket and resolve it at the sink', async () => {
    const { stream, log } = recordTickets(of(1, 2, 3));
    const result = await pipe(
      stream,
      map((n) => n + 1),
      runCollect,
    )();
    expect(result).toEqual(E.right([2, 3, 4]));
    expect(log.open()).toBe(0);
  });

  it('should run on a Stream with the runner', async () => {
    expect(
      await pipe(
        fromArray([1, 2]),
        map((n) => n * 2),
        runCollect,
      )(),
    ).toEqual(E.right([2, 4]));
    expect(
      await pipe(
        throwError(() => 'x'),
        map((n: number) => n),
        runCollect,
      )(),
    ).toEqual(E.left('x'));
  });
});
