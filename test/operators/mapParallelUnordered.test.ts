import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { defer, EMPTY, map as rxMap, of, throwError, timer } from 'rxjs';
import {
  Defect,
  EffectLike,
  fromArray,
  mapParallelUnordered,
  Om,
  runCollect,
  toStream,
} from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { flushPromises, microtasks, sleep, testScheduler } from '../helpers';

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

const deferred = <T>(): Deferred<T> => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
};

describe('mapParallelUnordered', () => {
  describe('in virtual time', () => {
    it('should emit each result as soon as it is ready (the doc marble)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-1-2-3-4-|', { 1: 1, 2: 2, 3: 3, 4: 4 });
        const result = source.pipe(
          mapParallelUnordered(2, (n: number) => timer(n === 1 ? 10 : 1).pipe(rxMap(() => n * 10))),
        );
        expectObservable(result).toBe('----b-c-d--(a|)', { a: 10, b: 20, c: 30, d: 40 });
        expectSubscriptions(source.subscriptions).toBe('^--------!');
      });
    });

    it('should slide its window: later effects start while a slow one runs', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-(abcd)-|');
        const inner: Record<string, ReturnType<typeof cold<string>>> = {
          a: cold('----------(x|)'),
          b: cold('-(y|)'),
          c: cold('-(z|)'),
          d: cold('-(w|)'),
        };
        const result = source.pipe(mapParallelUnordered(2, (k: string) => inner[k]!));
        expectObservable(result).toBe('--yzw------(x|)');
        expectSubscriptions(inner.a!.subscriptions).toBe('-^---------!');
        expectSubscriptions(inner.b!.subscriptions).toBe('-^!');
        expectSubscriptions(inner.c!.subscriptions).toBe('--^!');
        expectSubscriptions(inner.d!.subscriptions).toBe('---^!');
      });
    });

    it('should count at most n running effects, and reach n', () => {
      let running = 0;
      let max = 0;
      testScheduler().run(({ cold, expectObservable }) => {
        const duration: Record<string, number> = { a: 9, b: 1, c: 4, d: 2, e: 3, f: 1 };
        const result = cold('-(abcdef|)').pipe(
          mapParallelUnordered(3, (k: string) =>
            defer(() => {
              running++;
              max = Math.max(max, running);
              return timer(duration[k]!).pipe(
                rxMap(() => {
                  running--;
                  return k;
                }),
              );
            }),
          ),
        );
        // a, b, c start at 1; d when b ends (2, ends at 4); e when d ends (4, ends at 7); f when c ends (5)
        expectObservable(result).toBe('--b-dcfe--(a|)');
      });
      expect(max).toBe(3);
      expect(running).toBe(0);
    });

    it('should handle never, empty, error and a never-ending source', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        expectObservable(cold('-').pipe(mapParallelUnordered(2, (x: string) => x))).toBe('-');
        expectObservable(cold('|').pipe(mapParallelUnordered(2, (x: string) => x))).toBe('|');
        expectObservable(cold('--#', undefined, 'err').pipe(mapParallelUnordered(2, (x: string) => x))).toBe(
          '--#',
          undefined,
          'err',
        );
        expectObservable(cold('--a--|').pipe(mapParallelUnordered(2, (x: string) => of(x)))).toBe('--a--|');
        const endless = cold('-a-b-');
        expectObservable(endless.pipe(mapParallelUnordered(2, (x: string) => x))).toBe('-a-b-');
        expectSubscriptions(endless.subscriptions).toBe('^');
      });
    });

    it('should stop at an early unsubscription and unsubscribe running effects', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-c-|');
        const inner: Record<string, ReturnType<typeof cold<string>>> = {
          a: cold('------(x|)'),
          b: cold('-(y|)'),
          c: cold('-(z|)'),
        };
        expectObservable(source.pipe(mapParallelUnordered(1, (k: string) => inner[k]!)), '-----!').toBe('-');
        expectSubscriptions(source.subscriptions).toBe('^----!');
        expectSubscriptions(inner.a!.subscriptions).toBe('-^---!');
        expectSubscriptions(inner.b!.subscriptions).toBe([]);
        expectSubscriptions(inner.c!.subscriptions).toBe([]);
      });
    });

    it('should turn a throwing function or a failing Observable effect into a Defect', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const boom = new Error('boom');
        const source = cold('-a-b-c|');
        expectObservable(
          source.pipe(
            mapParallelUnordered(2, (k: string) => {
              if (k === 'b') throw boom;
              return k;
            }),
          ),
        ).toBe('-a-#', { a: 'a' }, new Defect(boom, 'mapParallelUnordered'));
        expectSubscriptions(source.subscriptions).toBe('^--!');
        expectObservable(cold('-a|').pipe(mapParallelUnordered(2, () => throwError(() => boom)))).toBe(
          '-#',
          undefined,
          new Defect(boom, 'mapParallelUnordered'),
        );
        expectObservable(cold('-a|').pipe(mapParallelUnordered(2, () => EMPTY))).toBe(
          '-#',
          undefined,
          new Defect('the Observable completed without a value', 'mapParallelUnordered'),
        );
      });
    });

    it('should resolve a later ticket before an earlier one', () => {
      const ts = testScheduler();
      let log!: TicketLog<string>;
      ts.run(({ cold, expectObservable }) => {
        const recorded = recordTickets(cold<string>('-a-b-|'), () => ts.now());
        log = recorded.log;
        const result = recorded.stream.pipe(
          mapParallelUnordered(2, (k: string) => timer(k === 'a' ? 6 : 1).pipe(rxMap(() => k))),
        );
        expectObservable(result).toBe('----b--(a|)');
      });
      expect(log.entries).toEqual([
        { value: 'a', emittedAt: 1, resolvedAt: 7 },
        { value: 'b', emittedAt: 3, resolvedAt: 4 },
      ]);
    });

    it('should resolve the tickets of emitted results only, when a later effect fails', () => {
      const ts = testScheduler();
      let log!: TicketLog<string>;
      ts.run(({ cold, expectObservable }) => {
        const recorded = recordTickets(cold<string>('-a-b-c-|'), () => ts.now());
        log = recorded.log;
        const result = recorded.stream.pipe(
          mapParallelUnordered(3, (k: string) =>
            k === 'c' ? cold<string>('-#', undefined, 'bad') : timer(k === 'a' ? 10 : 1).pipe(rxMap(() => k)),
          ),
        );
        expectObservable(result).toBe('----b-#', undefined, new Defect('bad', 'mapParallelUnordered'));
      });
      expect(log.entries.map((e) => [e.value, e.resolvedAt])).toEqual([
        ['a', undefined],
        ['b', 4],
        ['c', undefined],
      ]);
    });
  });

  describe('with real Promises', () => {
    it('should run each kind of effect: Om, TaskEither, Promise, Observable and plain value', async () => {
      const kinds = [
        (n: number) => Om.succeed(n * 10),
        (n: number) => TE.right(n * 10),
        (n: number) => Promise.resolve(n * 10),
        (n: number) => of(n * 10, 0),
        (n: number) => n * 10,
      ];
      for (const kind of kinds) {
        const result = await pipe(fromArray([1, 2, 3]), mapParallelUnordered(1, kind), runCollect)();
        expect(result).toEqual(E.right([10, 20, 30]));
      }
    });

    it('should emit in completion order', async () => {
      const gates = [deferred<void>(), deferred<void>(), deferred<void>()];
      const run = pipe(
        fromArray([0, 1, 2]),
        mapParallelUnordered(3, (i: number) => gates[i]!.promise.then(() => i)),
        runCollect,
      )();
      gates[2]!.resolve();
      await flushPromises();
      gates[0]!.resolve();
      await flushPromises();
      gates[1]!.resolve();
      expect(await run).toEqual(E.right([2, 0, 1]));
    });

    it('should fail with a typed failure as it is and start nothing after it', async () => {
      const slow = deferred<void>();
      const signals: Array<AbortSignal | undefined> = [];
      const started: number[] = [];
      const result = await pipe(
        fromArray([0, 1, 2, 3]),
        mapParallelUnordered(
          2,
          (i: number): Om.Om<unknown, string, number> =>
            () =>
            (signal?: AbortSignal) => {
              started.push(i);
              signals.push(signal);
              return i === 1 ? Promise.resolve(E.left('bad')) : slow.promise.then(() => E.right(i));
            },
        ),
        runCollect,
      )();
      expect(result).toEqual(E.left('bad'));
      expect(signals[0]!.aborted).toBe(true);
      slow.resolve();
      await flushPromises();
      expect(started).toEqual([0, 1]);
      expect(
        await pipe(
          fromArray([1]),
          mapParallelUnordered(2, () => TE.left('bad')),
          runCollect,
        )(),
      ).toEqual(E.left('bad'));
    });

    it('should turn a rejected Promise into a Defect', async () => {
      const boom = new Error('boom');
      const result = await pipe(
        of(1, 2),
        mapParallelUnordered(2, () => Promise.reject(boom)),
        runCollect,
      )();
      expect(result).toEqual(E.left(new Defect(boom, 'mapParallelUnordered')));
      expect(((result as E.Left<unknown>).left as Defect).cause).toBe(boom);
    });

    it('should stop starting effects and abort their signal when unsubscribed', async () => {
      const gate = deferred<void>();
      const signals: Array<AbortSignal | undefined> = [];
      const sub = toStream(of(1, 2, 3, 4))
        .pipe(
          mapParallelUnordered(
            2,
            (i: number): Om.Om<unknown, never, number> =>
              () =>
              (signal?: AbortSignal) => {
                signals.push(signal);
                return gate.promise.then(() => E.right(i));
              },
          ),
        )
        .subscribe();
      await flushPromises();
      expect(signals).toHaveLength(2);
      sub.unsubscribe();
      expect(signals.map((s) => s?.aborted)).toEqual([true, true]);
      gate.resolve();
      await flushPromises();
      expect(signals).toHaveLength(2);
    });

    it('should resolve every ticket at the sink', async () => {
      const { stream, log } = recordTickets(fromArray([3, 0, 2, 1]));
      const result = await pipe(
        stream,
        mapParallelUnordered(4, (ms: number) => sleep(ms * 2).then(() => ms)),
        runCollect,
      )();
      expect(result).toEqual(E.right([0, 1, 2, 3]));
      expect(log.open()).toBe(0);
    });

    it('should reject a concurrency below 1', () => {
      expect(() => mapParallelUnordered(0, (x: number) => x)).toThrow(RangeError);
      expect(() => mapParallelUnordered(-1, (x: number) => x)).toThrow(RangeError);
    });
  });

  describe('properties', () => {
    type Delay = { kind: 'sync' } | { kind: 'micro'; n: number } | { kind: 'timer'; ms: number };
    const delayArb: fc.Arbitrary<Delay> = fc.oneof(
      fc.constant<Delay>({ kind: 'sync' }),
      fc.integer({ min: 0, max: 6 }).map<Delay>((n) => ({ kind: 'micro', n })),
      fc.integer({ min: 0, max: 3 }).map<Delay>((ms) => ({ kind: 'timer', ms })),
    );
    const elements = fc.array(fc.tuple(fc.integer(), delayArb), { maxLength: 25 });
    const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

    it('should emit a permutation of the input mapped, lose nothing and never exceed n running effects', async () => {
      await fc.assert(
        fc.asyncProperty(elements, fc.integer({ min: 1, max: 16 }), fc.boolean(), async (items, n, plain) => {
          const counter = { running: 0, max: 0 };
          const { stream, log } = recordTickets(plain ? of(...items) : fromArray(items));
          const result = await pipe(
            stream,
            mapParallelUnordered(n, ([value, delay]: [number, Delay]): EffectLike<unknown, never, number> => {
              counter.running++;
              counter.max = Math.max(counter.max, counter.running);
              const done = (): number => {
                counter.running--;
                return value * 3 + 1;
              };
              // a thunk: finished as soon as it is started (works at run time, though EffectLike does not list it)
              if (delay.kind === 'sync') return done as unknown as EffectLike<unknown, never, number>;
              if (delay.kind === 'micro') return microtasks(delay.n).then(done);
              return sleep(delay.ms).then(done);
            }),
            runCollect,
          )();
          expect(E.isRight(result)).toBe(true);
          const out = (result as E.Right<number[]>).right;
          expect(sorted(out)).toEqual(sorted(items.map(([v]) => v * 3 + 1)));
          expect(counter.max).toBeLessThanOrEqual(n);
          expect(counter.running).toBe(0);
          expect(log.open()).toBe(0);
        }),
        { numRuns: 50 },
      );
    });
  });
});
