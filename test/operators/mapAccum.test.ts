import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { map as rxMap, of, throwError, timer } from 'rxjs';
import { Defect, fromArray, mapAccum, mapM, runCollect } from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { testScheduler } from '../helpers';

const numbered = (i: number, x: string): readonly [number, string] => [i + 1, `${i}:${x}`];

describe('mapAccum', () => {
  it('should map with a state carried along (the doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--c--|');
      expectObservable(source.pipe(mapAccum(numbered, 0))).toBe('--0--1--2--|', {
        0: '0:a',
        1: '1:b',
        2: '2:c',
      });
      expectSubscriptions(source.subscriptions).toBe('^----------!');
    });
  });

  it('should handle never, empty, one value, bursts and a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      expectObservable(cold('-').pipe(mapAccum(numbered, 0))).toBe('-');
      expectObservable(cold('|').pipe(mapAccum(numbered, 0))).toBe('|');
      expectObservable(cold('--a--|').pipe(mapAccum(numbered, 5))).toBe('--x--|', { x: '5:a' });
      expectObservable(cold('-(ab)-c|').pipe(mapAccum(numbered, 0))).toBe('-(xy)-z|', {
        x: '0:a',
        y: '1:b',
        z: '2:c',
      });
      const endless = cold('-a-b-');
      expectObservable(endless.pipe(mapAccum(numbered, 0))).toBe('-x-y-', { x: '0:a', y: '1:b' });
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
  });

  it('should keep the state apart from the output', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      // state: the previous value; output: whether the value went up
      const rising = mapAccum((prev: number, n: number) => [n, n > prev] as const, -Infinity);
      expectObservable(cold('-1-3-2-5|', { 1: 1, 3: 3, 2: 2, 5: 5 }).pipe(rising)).toBe('-t-t-f-t|', {
        t: true,
        f: false,
      });
    });
  });

  it('should pass an error on', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-#', undefined, 'err');
      expectObservable(source.pipe(mapAccum(numbered, 0))).toBe('-x-#', { x: '0:a' }, 'err');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('should stop at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c-|');
      expectObservable(source.pipe(mapAccum(numbered, 0)), '----!').toBe('-x-y', { x: '0:a', y: '1:b' });
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('should turn a throw into a Defect and unsubscribe the source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const boom = new Error('boom');
      const source = cold('-a-b-c|');
      const result = source.pipe(
        mapAccum((i: number, x: string) => {
          if (x === 'b') throw boom;
          return [i + 1, x] as const;
        }, 0),
      );
      expectObservable(result).toBe('-a-#', { a: 'a' }, new Defect(boom, 'mapAccum'));
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('should start from the seed again for each subscription', async () => {
    const labelled = fromArray(['a', 'b']).pipe(mapAccum(numbered, 0));
    expect(await runCollect(labelled)()).toEqual(E.right(['0:a', '1:b']));
    expect(await runCollect(labelled)()).toEqual(E.right(['0:a', '1:b']));
  });

  it('should give each output the ticket of its element', () => {
    const ts = testScheduler();
    let log!: TicketLog<string>;
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold<string>('-a-b|'), () => ts.now());
      log = recorded.log;
      const result = recorded.stream.pipe(
        mapAccum(numbered, 0),
        mapM((s: string) => timer(3).pipe(rxMap(() => s))),
      );
      expectObservable(result).toBe('----x--(y|)', { x: '0:a', y: '1:b' });
    });
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([4, 7]);
  });

  it('should run on a Stream and on a plain Observable with the runner', async () => {
    const { stream, log } = recordTickets(fromArray([5, 1, 4]));
    expect(
      await pipe(
        stream,
        mapAccum((max: number, n: number) => [Math.max(max, n), Math.max(max, n)] as const, 0),
        runCollect,
      )(),
    ).toEqual(E.right([5, 5, 5]));
    expect(log.open()).toBe(0);
    expect(await pipe(of('x', 'y'), mapAccum(numbered, 1), runCollect)()).toEqual(E.right(['1:x', '2:y']));
    expect(
      await pipe(
        throwError(() => 'typed'),
        mapAccum(numbered, 0),
        runCollect,
      )(),
    ).toEqual(E.left('typed'));
    const boom = new Error('boom');
    expect(
      await pipe(
        of('x'),
        mapAccum(() => {
          throw boom;
        }, 0),
        runCollect,
      )(),
    ).toEqual(E.left(new Defect(boom, 'mapAccum')));
  });
});
