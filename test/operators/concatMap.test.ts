import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { Observable, of, Subject } from 'rxjs';
import {
  concatMap,
  CreditStats,
  Defect,
  fail,
  fromArray,
  range,
  runCollect,
  Stream,
  take,
  tracked,
  Tracked,
} from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('concatMap', () => {
  it('should emit each inner stream in turn (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a------b-----|');
      const expected = '   --(aa)---(bb)--|';
      expectObservable(source.pipe(concatMap((x: string) => fromArray([x, x])))).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe('^--------------!');
    });
  });

  it('should run one inner at a time and keep the order, whatever the timing', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('  -a--b--------|');
      const innerA = cold('   ---1--2|');
      const innerB = cold('          -3|');
      const expected = '     ----1--2-3---|';
      const inners: Record<string, Observable<string>> = { a: innerA, b: innerB };
      expectObservable(source.pipe(concatMap((x: string) => inners[x]!))).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe('^------------!');
      expectSubscriptions(innerA.subscriptions).toBe(' -^------!');
      // b arrived at frame 4 but waits for a's inner to complete
      expectSubscriptions(innerB.subscriptions).toBe(' --------^-!');
    });
  });

  it('should queue elements that arrive in a burst', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-(abc)|');
      const expected = '   --x-y-z|';
      const a = cold('-x|');
      const b = cold('-y|');
      const c = cold('-z|');
      const inners: Record<string, Observable<string>> = { a, b, c };
      expectObservable(source.pipe(concatMap((x: string) => inners[x]!))).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe('^-----!');
      expectSubscriptions(a.subscriptions).toBe('-^-!');
      expectSubscriptions(b.subscriptions).toBe('---^-!');
      expectSubscriptions(c.subscriptions).toBe('-----^-!');
    });
  });

  it('should pass the index of the outer element', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-b-c|').pipe(concatMap((_: string, i: number) => [i]))).toBe('-0-1-2|', {
        0: 0,
        1: 1,
        2: 2,
      });
    });
  });

  it('should handle never, empty, one value and error sources', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const dup = (x: string) => fromArray([x, x]);
      expectObservable(cold('-').pipe(concatMap(dup))).toBe('-');
      expectObservable(cold('|').pipe(concatMap(dup))).toBe('|');
      expectObservable(cold('--a---|').pipe(concatMap(dup))).toBe('--(aa)|');
      expectObservable(cold('--a---#', undefined, 'err').pipe(concatMap(dup))).toBe(
        '--(aa)#',
        undefined,
        'err',
      );
    });
  });

  it('should complete only when the last inner stream completes', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-a|');
      const inner = cold(' ---x---|');
      expectObservable(source.pipe(concatMap(() => inner))).toBe('----x---|');
    });
  });

  it('should wait forever behind a never-ending inner stream', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b|');
      const innerA = cold(' --x-');
      const innerB = cold('1|');
      const inners: Record<string, Observable<string>> = { a: innerA, b: innerB };
      expectObservable(source.pipe(concatMap((x: string) => inners[x]!))).toBe('---x-');
      expectSubscriptions(innerA.subscriptions).toBe('-^');
      expectSubscriptions(innerB.subscriptions).toBe([]);
    });
  });

  it('should fail with an inner error and unsubscribe the source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a--b--c|');
      const inner = cold(' -x#', undefined, 'inner');
      const ok = cold('       -y|');
      expectObservable(source.pipe(concatMap((x: string) => (x === 'a' ? ok : inner)))).toBe(
        '--y--x#',
        undefined,
        'inner',
      );
      expectSubscriptions(source.subscriptions).toBe('^-----!');
      expectSubscriptions(inner.subscriptions).toBe('----^-!');
    });
  });

  it('should stop the source and the inner stream at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a--b--|');
      const inner = cold(' --x--y--|');
      expectObservable(source.pipe(concatMap(() => inner)), '             -----!').toBe('---x-');
      expectSubscriptions(source.subscriptions).toBe('^----!');
      expectSubscriptions(inner.subscriptions).toBe('-^---!');
    });
  });

  it('should turn a throw of the function into a Defect and unsubscribe', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c|');
      const boom = new Error('boom');
      const result = source.pipe(
        concatMap((x: string) => {
          if (x === 'b') throw boom;
          return [x];
        }),
      );
      expectObservable(result).toBe('-a-#', undefined, new Defect(boom, 'concatMap'));
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('should take a Stream, an Observable, an array or a Promise as inner', async () => {
    const inner = (x: number): Stream<number> | Observable<number> | number[] | Promise<number> => {
      switch (x % 4) {
        case 0:
          return fromArray([x, -x]);
        case 1:
          return of(x, -x);
        case 2:
          return [x, -x];
        default:
          return new Promise<number>((resolve) => setTimeout(() => resolve(x), 3 - (x % 3)));
      }
    };
    expect(await pipe(range(0, 8), concatMap(inner), runCollect)()).toEqual(
      E.right([0, -0, 1, -1, 2, -2, 3, 4, -4, 5, -5, 6, -6, 7]),
    );
  });

  it('should keep order when the inner Promises settle in reverse order', async () => {
    const wait = (x: number) => new Promise<number>((resolve) => setTimeout(() => resolve(x), 30 - x * 10));
    expect(await pipe(fromArray([0, 1, 2]), concatMap(wait), runCollect)()).toEqual(E.right([0, 1, 2]));
  });

  it('should fail with a Defect when an inner Promise rejects, and with the error of an inner stream', async () => {
    const boom = new Error('boom');
    const rejected = await pipe(
      fromArray([1, 2]),
      concatMap((x) => (x === 2 ? Promise.reject(boom) : Promise.resolve(x))),
      runCollect,
    )();
    expect(rejected).toEqual(E.left(new Defect(boom, 'concatMap')));
    expect(E.isLeft(rejected) && rejected.left).toBeInstanceOf(Defect);

    const typed = await pipe(
      fromArray([1, 2]),
      concatMap((x) => (x === 2 ? fail('typed' as const) : fromArray([x]))),
      runCollect,
    )();
    expect(typed).toEqual(E.left('typed'));
  });

  it('should not overflow the stack when 100k inner streams complete synchronously', async () => {
    const n = 100_000;
    const input = Array.from({ length: n }, (_, i) => i);
    const result = await pipe(
      fromArray(input),
      concatMap((x) => fromArray([x])),
      runCollect,
    )();
    expect(E.isRight(result) && result.right.length).toBe(n);
    expect(E.isRight(result) && result.right[n - 1]).toBe(n - 1);
  });

  it('should not overflow the stack with 100k synchronous inner arrays from a plain Observable', () => {
    const n = 100_000;
    const seen: number[] = [];
    let completed = false;
    fromArray(Array.from({ length: n }, (_, i) => i))
      .pipe(concatMap((x) => [x, x]))
      .subscribe({ next: (x) => seen.push(x), complete: () => (completed = true) });
    expect(seen.length).toBe(2 * n);
    expect(completed).toBe(true);
  });

  it('should resolve the outer ticket only when its inner stream has completed (marble)', () => {
    const scheduler = testScheduler();
    let entries: TicketLog<string>['entries'] = [];
    scheduler.run(({ cold, expectObservable }) => {
      const { stream, log } = recordTickets<string>(cold('-a---b----|'), () => scheduler.now());
      entries = log.entries;
      const inner = cold('-x--y--|');
      // the inner elements are handed off (resolved) when emitted, but a's ticket waits for completion
      expectObservable(stream.pipe(concatMap(() => inner))).toBe('--x--y---x--y--|');
    });
    expect(entries.map((e) => [e.value, e.emittedAt, e.resolvedAt])).toEqual([
      ['a', 1, 8],
      ['b', 5, 15],
    ]);
  });

  it('should resolve the outer ticket only when every inner element is finished downstream', () => {
    let clock = 0;
    const { stream, log } = recordTickets(fromArray(['a', 'b']), () => clock);
    const held: Array<Tracked<string>> = [];
    tracked(stream.pipe(concatMap((x) => fromArray([`${x}1`, `${x}2`])))).subscribe((t) => held.push(t));
    // both inner streams have completed synchronously
    expect(held.map((t) => t.value)).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(log.open()).toBe(2);
    clock = 1;
    held[1]!.ticket.resolve();
    expect(log.entries[0]!.resolvedAt).toBeUndefined();
    clock = 2;
    held[3]!.ticket.resolve();
    held[0]!.ticket.resolve();
    expect(log.entries[0]!.resolvedAt).toBe(2);
    expect(log.entries[1]!.resolvedAt).toBeUndefined();
    clock = 3;
    held[2]!.ticket.resolve();
    expect(log.entries[1]!.resolvedAt).toBe(3);
  });

  it('should keep the outer ticket open while the inner stream has not completed', () => {
    let clock = 0;
    const { stream, log } = recordTickets(fromArray(['a']), () => clock);
    const inner = new Subject<number>();
    const seen: number[] = [];
    stream.pipe(concatMap(() => inner)).subscribe((x) => seen.push(x));
    inner.next(1);
    inner.next(2);
    expect(seen).toEqual([1, 2]);
    expect(log.open()).toBe(1);
    clock = 7;
    inner.complete();
    expect(log.entries[0]!.resolvedAt).toBe(7);
  });

  it('should resolve an outer ticket whose inner stream is empty at once', () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3]), () => 0);
    const seen: number[] = [];
    stream.pipe(concatMap((x) => (x === 2 ? [] : [x]))).subscribe((x) => seen.push(x));
    expect(seen).toEqual([1, 3]);
    expect(log.open()).toBe(0);
  });

  it('should resolve nothing for the element lost to an error', async () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3]));
    const result = await pipe(
      stream,
      concatMap((x) => (x === 2 ? fail('bad') : fromArray([x]))),
      runCollect,
    )();
    expect(result).toEqual(E.left('bad'));
    expect(log.entries.map((e) => [e.value, e.resolvedAt !== undefined])).toEqual([
      [1, true],
      [2, false],
    ]);
  });

  it('should keep the source within its credit while inner Promises are pending', async () => {
    const stats = new CreditStats();
    const result = await pipe(
      fromArray(
        Array.from({ length: 100 }, (_, i) => i),
        { credit: 4, stats },
      ),
      concatMap((x) => new Promise<number>((resolve) => setTimeout(() => resolve(x), 0))),
      runCollect,
    )();
    expect(E.isRight(result) && result.right.length).toBe(100);
    expect(stats.maxInFlight).toBe(4);
    expect(stats.finished).toBe(100);
  });

  it('should stop the outer stream when take ends the output early', async () => {
    const stats = new CreditStats();
    expect(
      await pipe(
        fromArray([1, 2, 3, 4, 5], { stats }),
        concatMap((x) => fromArray([x, x])),
        take(3),
        runCollect,
      )(),
    ).toEqual(E.right([1, 1, 2]));
    expect(stats.pulled).toBe(2);
  });
});
