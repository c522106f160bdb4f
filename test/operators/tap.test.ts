import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { map as rxMap, of, throwError, timer } from 'rxjs';
import { Defect, fromArray, mapM, runCollect, tap } from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('tap', () => {
  it('should call f with each element and pass it on unchanged (the doc marble)', () => {
    const seen: number[] = [];
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--|', { 1: 1, 2: 2 });
      expectObservable(source.pipe(tap((n: number) => seen.push(n)))).toBe('--1--2--|', { 1: 1, 2: 2 });
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
    expect(seen).toEqual([1, 2]);
  });

  it('should call f before the element is passed on, and ignore what f returns', () => {
    const events: string[] = [];
    const result = of('a', 'b').pipe(
      tap((x: string) => {
        events.push(`tap ${x}`);
        return 'ignored';
      }),
    );
    result.subscribe((x) => events.push(`next ${x}`));
    expect(events).toEqual(['tap a', 'next a', 'tap b', 'next b']);
  });

  it('should handle never, empty, error, bursts and a never-ending source', () => {
    const seen: string[] = [];
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const f = (x: string): void => {
        seen.push(x);
      };
      expectObservable(cold('-').pipe(tap(f))).toBe('-');
      expectObservable(cold('|').pipe(tap(f))).toBe('|');
      expectObservable(cold('-a-#', undefined, 'err').pipe(tap(f))).toBe('-a-#', undefined, 'err');
      expectObservable(cold('-(bc)|').pipe(tap(f))).toBe('-(bc)|');
      const endless = cold('-d-e-');
      expectObservable(endless.pipe(tap(f))).toBe('-d-e-');
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
    expect([...seen].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('should stop at an early unsubscription', () => {
    const seen: string[] = [];
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c-|');
      expectObservable(source.pipe(tap((x: string) => seen.push(x))), '----!').toBe('-a-b');
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
    expect(seen).toEqual(['a', 'b']);
  });

  it('should turn a throw into a Defect, without passing that element on', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const boom = new Error('boom');
      const source = cold('-a-b-c|');
      const result = source.pipe(
        tap((x: string) => {
          if (x === 'b') throw boom;
        }),
      );
      expectObservable(result).toBe('-a-#', undefined, new Defect(boom, 'tap'));
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('should keep each element ticket for the stages below', () => {
    const ts = testScheduler();
    let log!: TicketLog<string>;
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold<string>('-a-b|'), () => ts.now());
      log = recorded.log;
      const result = recorded.stream.pipe(
        tap(() => undefined),
        mapM((x: string) => timer(3).pipe(rxMap(() => x))),
      );
      expectObservable(result).toBe('----a--(b|)');
    });
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([4, 7]);
  });

  it('should run on a Stream and on a plain Observable with the runner', async () => {
    const seen: number[] = [];
    const { stream, log } = recordTickets(fromArray([1, 2, 3]));
    expect(
      await pipe(
        stream,
        tap((n: number) => seen.push(n)),
        runCollect,
      )(),
    ).toEqual(E.right([1, 2, 3]));
    expect(seen).toEqual([1, 2, 3]);
    expect(log.open()).toBe(0);
    expect(
      await pipe(
        throwError(() => 'typed'),
        tap(() => undefined),
        runCollect,
      )(),
    ).toEqual(E.left('typed'));
    const boom = new Error('boom');
    expect(
      await pipe(
        of(1),
        tap(() => {
          throw boom;
        }),
        runCollect,
      )(),
    ).toEqual(E.left(new Defect(boom, 'tap')));
  });
});
