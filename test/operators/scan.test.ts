import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { map as rxMap, of, throwError, timer } from 'rxjs';
import { Defect, fromArray, mapM, runCollect, scan } from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('scan', () => {
  it('should emit the running fold (the doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--|', { 1: 1, 2: 2, 3: 3 });
      expectObservable(source.pipe(scan((s: number, n: number) => s + n, 0))).toBe('--1--3--6--|', {
        1: 1,
        3: 3,
        6: 6,
      });
      expectSubscriptions(source.subscriptions).toBe('^----------!');
    });
  });

  it('should not emit the seed, not even for an empty source', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('|').pipe(scan((s: string, x: string) => s + x, 'seed'))).toBe('|');
      expectObservable(cold('-').pipe(scan((s: string, x: string) => s + x, 'seed'))).toBe('-');
      expectObservable(cold('--a--|').pipe(scan((s: string, x: string) => s + x, '>'))).toBe('--b--|', {
        b: '>a',
      });
    });
  });

  it('should fold values that arrive in bursts and from a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      expectObservable(cold('-(abc)-d|').pipe(scan((s: string, x: string) => s + x, ''))).toBe('-(xyz)-w|', {
        x: 'a',
        y: 'ab',
        z: 'abc',
        w: 'abcd',
      });
      const endless = cold('-a-b-');
      expectObservable(endless.pipe(scan((s: number) => s + 1, 0))).toBe('-1-2-', { 1: 1, 2: 2 });
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
  });

  it('should pass an error on', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-#', undefined, 'err');
      expectObservable(source.pipe(scan((s: string, x: string) => s + x, ''))).toBe(
        '-a-#',
        { a: 'a' },
        'err',
      );
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('should stop at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c-|');
      expectObservable(source.pipe(scan((s: string, x: string) => s + x, '')), '----!').toBe('-x-y', {
        x: 'a',
        y: 'ab',
      });
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('should turn a throw into a Defect and unsubscribe the source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const boom = new Error('boom');
      const source = cold('-a-b-c|');
      const result = source.pipe(
        scan((s: string, x: string) => {
          if (x === 'b') throw boom;
          return s + x;
        }, ''),
      );
      expectObservable(result).toBe('-a-#', { a: 'a' }, new Defect(boom, 'scan'));
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('should start from the seed again for each subscription', async () => {
    const sums = fromArray([1, 2, 3]).pipe(scan((s: number, n: number) => s + n, 10));
    expect(await runCollect(sums)()).toEqual(E.right([11, 13, 16]));
    expect(await runCollect(sums)()).toEqual(E.right([11, 13, 16]));
  });

  it('should give each output the ticket of the element that produced it', () => {
    const ts = testScheduler();
    let log!: TicketLog<number>;
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold('-1-2|', { 1: 1, 2: 2 }), () => ts.now());
      log = recorded.log;
      const result = recorded.stream.pipe(
        scan((s: number, n: number) => s + n, 0),
        mapM((n: number) => timer(3).pipe(rxMap(() => n))),
      );
      expectObservable(result).toBe('----1--(3|)', { 1: 1, 3: 3 });
    });
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([4, 7]);
  });

  it('should run on a Stream and on a plain Observable with the runner', async () => {
    const { stream, log } = recordTickets(fromArray(['a', 'b']));
    expect(
      await pipe(
        stream,
        scan((s: string[], x: string) => [...s, x], [] as string[]),
        runCollect,
      )(),
    ).toEqual(E.right([['a'], ['a', 'b']]));
    expect(log.open()).toBe(0);
    expect(
      await pipe(
        of(2, 3, 4),
        scan((s: number, n: number) => s * n, 1),
        runCollect,
      )(),
    ).toEqual(E.right([2, 6, 24]));
    expect(
      await pipe(
        throwError(() => 'typed'),
        scan((s: number) => s, 0),
        runCollect,
      )(),
    ).toEqual(E.left('typed'));
  });
});
