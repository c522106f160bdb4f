import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { defer, EMPTY, map as rxMap, Observable, of, throwError, timer } from 'rxjs';
import {
  CreditStats,
  Defect,
  EffectLike,
  fromArray,
  mapParallel,
  Om,
  provide,
  runCollect,
  toStream,
} from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { flushPromises, microtasks, sleep, testScheduler } from '../helpers';

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

const deferred = <T>(): Deferred<T> => {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('mapParallel', () => {
  describe('in virtual time', () => {
    it('should slide its window and emit in input order (the doc marble)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-1-2-3-4-|', { 1: 1, 2: 2, 3: 3, 4: 4 });
        const result = source.pipe(
          mapParallel(2, (n: number) => timer(n === 1 ? 10 : 1).pipe(rxMap(() => n * 10))),
        );
        // lock-step groups of two would give (ab) at 11 and (cd) at 12
        expectObservable(result).toBe('-----------(abcd|)', { a: 10, b: 20, c: 30, d: 40 });
        expectSubscriptions(source.subscriptions).toBe('^--------!');
      });
    });

    it('should start a new effect as soon as any finishes, whatever the slow one does', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-c-d-|');
        const inner: Record<string, ReturnType<typeof cold<string>>> = {
          a: cold('----------(x|)'),
          b: cold('-(y|)'),
          c: cold('-(z|)'),
          d: cold('-(w|)'),
        };
        const result = source.pipe(mapParallel(2, (k: string) => inner[k]!));
        expectObservable(result).toBe('-----------(xyzw|)');
        expectSubscriptions(inner.a!.subscriptions).toBe('-^---------!');
        expectSubscriptions(inner.b!.subscriptions).toBe('---^!');
        // c and d start while a is still running: the window slides
        expectSubscriptions(inner.c!.subscriptions).toBe('-----^!');
        expectSubscriptions(inner.d!.subscriptions).toBe('-------^!');
      });
    });

    it('should never run more than n effects from a burst', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-(abcd)-|');
        const inner: Record<string, ReturnType<typeof cold<string>>> = {
          a: cold('----------(x|)'),
          b: cold('-(y|)'),
          c: cold('-(z|)'),
          d: cold('-(w|)'),
        };
        const result = source.pipe(mapParallel(2, (k: string) => inner[k]!));
        expectObservable(result).toBe('-----------(xyzw|)');
        expectSubscriptions(source.subscriptions).toBe('^-------!');
        expectSubscriptions(inner.a!.subscriptions).toBe('-^---------!');
        expectSubscriptions(inner.b!.subscriptions).toBe('-^!');
        // c waits for b's place, d for c's
        expectSubscriptions(inner.c!.subscriptions).toBe('--^!');
        expectSubscriptions(inner.d!.subscriptions).toBe('---^!');
      });
    });

    it('should count at most n running effects in virtual time, and reach n', () => {
      let running = 0;
      let max = 0;
      testScheduler().run(({ cold, expectObservable }) => {
        const duration: Record<string, number> = { a: 5, b: 1, c: 2, d: 1, e: 3, f: 1, g: 2, h: 1 };
        const result = cold('-(abcdef)------g-h-|').pipe(
          mapParallel(3, (k: string) =>
            defer(() => {
              running++;
              max = Math.max(max, running);
              return timer(duration[k]!).pipe(
                rxMap(() => {
                  running--;
                  return k.toUpperCase();
                }),
              );
            }),
          ),
        );
        // a..f as in the frames test below; g (at 15) and h (at 17) find free places at once
        expectObservable(result).toBe('------(ABCDEF)---GH|', {
          A: 'A',
          B: 'B',
          C: 'C',
          D: 'D',
          E: 'E',
          F: 'F',
          G: 'G',
          H: 'H',
        });
      });
      expect(max).toBe(3);
      expect(running).toBe(0);
    });

    it('should start effects at the frames a sliding window of 3 gives', () => {
      const ts = testScheduler();
      const starts: Record<string, number> = {};
      ts.run(({ cold, expectObservable }) => {
        const duration: Record<string, number> = { a: 5, b: 1, c: 2, d: 1, e: 3, f: 1 };
        const result = cold('-(abcdef|)').pipe(
          mapParallel(3, (k: string) => {
            starts[k] = ts.now();
            return timer(duration[k]!).pipe(rxMap(() => k));
          }),
        );
        expectObservable(result).toBe('------(abcdef|)');
      });
      // a, b, c at 1; d when b finishes (2); e when c finishes (3); f when d finishes (3)
      expect(starts).toEqual({ a: 1, b: 1, c: 1, d: 2, e: 3, f: 3 });
    });

    it('should handle never, empty and error', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const never = cold('-');
        expectObservable(never.pipe(mapParallel(2, (x: string) => of(x)))).toBe('-');
        expectSubscriptions(never.subscriptions).toBe('^');
        expectObservable(cold('|').pipe(mapParallel(2, (x: string) => of(x)))).toBe('|');
        const failing = cold('--#', undefined, 'err');
        expectObservable(failing.pipe(mapParallel(2, (x: string) => of(x)))).toBe('--#', undefined, 'err');
        expectSubscriptions(failing.subscriptions).toBe('^-!');
      });
    });

    it('should map one value, and several values that are never-ending', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        expectObservable(cold('--a--|').pipe(mapParallel(3, (x: string) => x.toUpperCase()))).toBe('--A--|', {
          A: 'A',
        });
        const endless = cold('-a-b-c-');
        expectObservable(endless.pipe(mapParallel(3, (x: string) => of(x.toUpperCase())))).toBe('-A-B-C-', {
          A: 'A',
          B: 'B',
          C: 'C',
        });
        expectSubscriptions(endless.subscriptions).toBe('^');
      });
    });

    it('should wait for the running effects after the source completes', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const result = cold('-a|').pipe(mapParallel(2, (x: string) => cold('-----(y|)', { y: x + '!' })));
        expectObservable(result).toBe('------(y|)', { y: 'a!' });
      });
    });

    it('should pass the error of the source on at once and unsubscribe running effects', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a--#', undefined, 'err');
        const inner = cold('----------x');
        expectObservable(source.pipe(mapParallel(2, () => inner))).toBe('----#', undefined, 'err');
        expectSubscriptions(inner.subscriptions).toBe('-^--!');
      });
    });

    it('should stop at an early unsubscription: no new effect starts and running ones are unsubscribed', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a--b--c--|');
        const inner: Record<string, ReturnType<typeof cold<string>>> = {
          a: cold('---(x|)'),
          b: cold('---(y|)'),
          c: cold('---(z|)'),
        };
        expectObservable(source.pipe(mapParallel(2, (k: string) => inner[k]!)), '------!').toBe('----x-');
        expectSubscriptions(source.subscriptions).toBe('^-----!');
        expectSubscriptions(inner.a!.subscriptions).toBe('-^--!');
        expectSubscriptions(inner.b!.subscriptions).toBe('----^-!');
        expectSubscriptions(inner.c!.subscriptions).toBe([]);
      });
    });

    it('should take the first value of an Observable effect and unsubscribe it then', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const inner = cold('--x--y--z--|');
        expectObservable(cold('-a|').pipe(mapParallel(2, () => inner))).toBe('---(x|)');
        expectSubscriptions(inner.subscriptions).toBe('-^-!');
      });
    });

    it('should fail with a Defect when an Observable effect errors or completes empty', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const boom = new Error('boom');
        const source = cold('-a-b-c|');
        expectObservable(
          source.pipe(mapParallel(2, (k: string) => (k === 'b' ? throwError(() => boom) : of(k)))),
        ).toBe('-a-#', { a: 'a' }, new Defect(boom, 'mapParallel'));
        expectSubscriptions(source.subscriptions).toBe('^--!');
        expectObservable(cold('-a|').pipe(mapParallel(2, () => EMPTY))).toBe(
          '-#',
          undefined,
          new Defect('the Observable completed without a value', 'mapParallel'),
        );
      });
    });

    it('should turn a throwing function into a Defect and unsubscribe the source', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const boom = new Error('boom');
        const source = cold('-a-b-c-|');
        const result = source.pipe(
          mapParallel(2, (k: string) => {
            if (k === 'b') throw boom;
            return k;
          }),
        );
        expectObservable(result).toBe('-a-#', { a: 'a' }, new Defect(boom, 'mapParallel'));
        expectSubscriptions(source.subscriptions).toBe('^--!');
      });
    });

    it('should pass the index of each element', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold('-a-(bc)|').pipe(mapParallel(2, (x: string, i: number) => `${x}${i}`))).toBe(
          '-x-(yz)|',
          { x: 'a0', y: 'b1', z: 'c2' },
        );
      });
    });

    it('should resolve each ticket when its result is handed on, not when its effect finishes', () => {
      const ts = testScheduler();
      let log!: TicketLog<string>;
      ts.run(({ cold, expectObservable }) => {
        const recorded = recordTickets(cold<string>('-a-b-|'), () => ts.now());
        log = recorded.log;
        const result = recorded.stream.pipe(
          mapParallel(2, (k: string) => timer(k === 'a' ? 6 : 1).pipe(rxMap(() => k))),
        );
        expectObservable(result).toBe('-------(ab|)');
      });
      // b finished at 4 but waited for a: its ticket is resolved at 7, when it is handed on
      expect(log.entries).toEqual([
        { value: 'a', emittedAt: 1, resolvedAt: 7 },
        { value: 'b', emittedAt: 3, resolvedAt: 7 },
      ]);
    });

    it('should resolve no ticket of an element lost to a failure', () => {
      const ts = testScheduler();
      let log!: TicketLog<string>;
      ts.run(({ cold, expectObservable }) => {
        const recorded = recordTickets(cold<string>('-a-b-c-|'), () => ts.now());
        log = recorded.log;
        const result = recorded.stream.pipe(
          mapParallel(3, (k: string) =>
            k === 'c' ? cold<string>('-#', undefined, 'bad') : timer(k === 'a' ? 10 : 1).pipe(rxMap(() => k)),
          ),
        );
        expectObservable(result).toBe('------#', undefined, new Defect('bad', 'mapParallel'));
      });
      // b finished (at 4) but was never handed on: its ticket stays open, as do a's and c's
      expect(log.open()).toBe(3);
    });
  });

  describe('with real Promises', () => {
    it('should run each kind of effect: Om, TaskEither, Promise, Observable, thunk and plain value', async () => {
      const kinds: Array<(n: number) => EffectLike<unknown, never, number>> = [
        (n) => Om.succeed(n * 10),
        (n) => TE.right(n * 10),
        (n) => Promise.resolve(n * 10),
        (n) => of(n * 10, -1, -2),
        // a thunk giving a Promise works at run time (see EffectLike), though the type does not list it
        (n) => (() => sleep(1).then(() => n * 10)) as unknown as EffectLike<unknown, never, number>,
        (n) => n * 10,
      ];
      for (const kind of kinds) {
        expect(await pipe(fromArray([1, 2, 3]), mapParallel(2, kind), runCollect)()).toEqual(
          E.right([10, 20, 30]),
        );
      }
    });

    it('should run an Om with the context given by provide', async () => {
      const result = await pipe(
        of(1, 2, 3),
        mapParallel(2, (n: number) => Om.asks((r: { k: number }) => r.k * n)),
        provide({ k: 7 }),
        runCollect,
      )();
      expect(result).toEqual(E.right([7, 14, 21]));
    });

    it('should keep the input order however the effects finish', async () => {
      const delays = [5, 0, 3, 1, 4, 0, 2];
      const result = await pipe(
        fromArray(delays),
        mapParallel(3, (ms: number, i: number) => sleep(ms).then(() => i)),
        runCollect,
      )();
      expect(result).toEqual(E.right([0, 1, 2, 3, 4, 5, 6]));
    });

    it('should never run more than n effects at once, and reach n', async () => {
      let running = 0;
      let max = 0;
      const items = Array.from({ length: 40 }, (_, i) => i);
      const result = await pipe(
        fromArray(items),
        mapParallel(4, async (i: number) => {
          running++;
          max = Math.max(max, running);
          await sleep(i % 3);
          running--;
          return i * 2;
        }),
        runCollect,
      )();
      expect(result).toEqual(E.right(items.map((i) => i * 2)));
      expect(max).toBe(4);
      expect(running).toBe(0);
    });

    it('should raise the source credit to n so that n effects can run', async () => {
      const stats = new CreditStats();
      let running = 0;
      let max = 0;
      const result = await pipe(
        fromArray([1, 2, 3, 4, 5, 6, 7, 8], { credit: 2, stats }),
        mapParallel(4, async (n: number) => {
          running++;
          max = Math.max(max, running);
          await sleep(1);
          running--;
          return n;
        }),
        runCollect,
      )();
      expect(result).toEqual(E.right([1, 2, 3, 4, 5, 6, 7, 8]));
      expect(max).toBe(4);
      expect(stats.limit).toBe(4);
      expect(stats.maxInFlight).toBeLessThanOrEqual(4);
      expect(stats.finished).toBe(8);
    });

    it('should start at most the source credit of effects when n is Infinity', async () => {
      const gate = deferred<void>();
      let started = 0;
      const items = Array.from({ length: 300 }, (_, i) => i);
      const run = pipe(
        fromArray(items, { credit: 50 }),
        mapParallel(Infinity, (i: number) => {
          started++;
          return gate.promise.then(() => i);
        }),
        runCollect,
      )();
      await flushPromises();
      expect(started).toBe(50);
      gate.resolve();
      expect(await run).toEqual(E.right(items));
      expect(started).toBe(300);
    });

    it('should reject a concurrency below 1 or not whole', () => {
      expect(() => mapParallel(0, (x: number) => x)).toThrow(RangeError);
      expect(() => mapParallel(1.5, (x: number) => x)).toThrow(RangeError);
      expect(() => mapParallel(NaN, (x: number) => x)).toThrow(RangeError);
    });

    it('should fail with the raw value of a TaskEither Left and start nothing after it', async () => {
      const slow = deferred<void>();
      const started: number[] = [];
      const run = pipe(
        fromArray([0, 1, 2, 3, 4, 5]),
        mapParallel(2, (i: number): TE.TaskEither<string, number> => {
          started.push(i);
          if (i === 1) return TE.left('bad');
          return () => slow.promise.then(() => E.right(i));
        }),
        runCollect,
      )();
      const result = await run;
      expect(result).toEqual(E.left('bad'));
      slow.resolve();
      await flushPromises();
      // element 0 finishing after the failure frees a place, but nothing new starts
      expect(started).toEqual([0, 1]);
    });

    it('should fail with the raw value of an Om Left and abort the running effects', async () => {
      const signals: Array<AbortSignal | undefined> = [];
      const slow = deferred<void>();
      const started: number[] = [];
      const effect =
        (i: number): Om.Om<unknown, { code: number }, number> =>
        () =>
        (signal?: AbortSignal) => {
          started.push(i);
          signals.push(signal);
          return i === 2 ? sleep(1).then(() => E.left({ code: 42 })) : slow.promise.then(() => E.right(i));
        };
      const result = await pipe(fromArray([0, 1, 2, 3, 4]), mapParallel(3, effect), runCollect)();
      expect(result).toEqual(E.left({ code: 42 }));
      expect(signals.every((s) => s?.aborted === true)).toBe(true);
      slow.resolve();
      await flushPromises();
      expect(started).toEqual([0, 1, 2]);
    });

    it('should hand the typed failure to a plain subscriber as it is', async () => {
      const errors: unknown[] = [];
      const failure = { reason: 'bad' };
      await new Promise<void>((resolve) =>
        fromArray([1, 2])
          .pipe(mapParallel(2, () => TE.left(failure)))
          .subscribe({
            error: (e) => {
              errors.push(e);
              resolve();
            },
          }),
      );
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBe(failure);
      expect(errors[0]).not.toBeInstanceOf(Defect);
    });

    it('should turn a rejected Promise into a Defect', async () => {
      const boom = new Error('boom');
      const result = await pipe(
        fromArray([1, 2, 3]),
        mapParallel(2, (n: number) => (n === 2 ? Promise.reject(boom) : Promise.resolve(n))),
        runCollect,
      )();
      expect(result).toEqual(E.left(new Defect(boom, 'mapParallel')));
      const err = (result as E.Left<unknown>).left;
      expect(err).toBeInstanceOf(Defect);
      expect((err as Defect).cause).toBe(boom);
    });

    it('should turn a throwing function, an Om that throws and a rejecting TaskEither into Defects', async () => {
      const boom = new Error('boom');
      const cases = [
        (): never => {
          throw boom;
        },
        (): Om.Om<unknown, never, number> => () => {
          throw boom;
        },
        (): TE.TaskEither<never, number> => () => Promise.reject(boom),
      ];
      for (const f of cases) {
        const result = await pipe(fromArray([1]), mapParallel(2, f), runCollect)();
        expect(E.isLeft(result)).toBe(true);
        const err = (result as E.Left<unknown>).left;
        expect(err).toBeInstanceOf(Defect);
        expect((err as Defect).cause).toBe(boom);
        expect((err as Defect).message).toBe('mapParallel: boom');
      }
    });

    it('should stop starting effects and abort their signal when unsubscribed', async () => {
      const gates = Array.from({ length: 6 }, () => deferred<void>());
      const signals: Array<AbortSignal | undefined> = [];
      const started: number[] = [];
      const seen: number[] = [];
      const sub = fromArray([0, 1, 2, 3, 4, 5])
        .pipe(
          mapParallel(2, (i: number): Om.Om<unknown, never, number> => () => (signal?: AbortSignal) => {
            started.push(i);
            signals.push(signal);
            return gates[i]!.promise.then(() => E.right(i));
          }),
        )
        .subscribe((v) => seen.push(v));
      await flushPromises();
      expect(started).toEqual([0, 1]);
      gates[0]!.resolve();
      await flushPromises();
      expect(seen).toEqual([0]);
      expect(started).toEqual([0, 1, 2]);
      sub.unsubscribe();
      expect(signals[1]!.aborted).toBe(true);
      expect(signals[2]!.aborted).toBe(true);
      gates.forEach((g) => g.resolve());
      await flushPromises();
      expect(started).toEqual([0, 1, 2]);
      expect(seen).toEqual([0]);
    });

    it('should unsubscribe a running Observable effect when unsubscribed', async () => {
      let ticks = 0;
      let torn = 0;
      const sub = fromArray([1])
        .pipe(
          mapParallel(
            1,
            () =>
              new Observable<number>(() => {
                const h = setInterval(() => ticks++, 1);
                return () => {
                  torn++;
                  clearInterval(h);
                };
              }),
          ),
        )
        .subscribe();
      await sleep(5);
      sub.unsubscribe();
      expect(torn).toBe(1);
      const before = ticks;
      await sleep(5);
      expect(ticks).toBe(before);
    });

    it('should keep tickets until the sink consumed the results', async () => {
      const { stream, log } = recordTickets(fromArray([3, 0, 2, 1]));
      const result = await pipe(
        stream,
        mapParallel(2, (ms: number) => sleep(ms).then(() => ms)),
        runCollect,
      )();
      expect(result).toEqual(E.right([3, 0, 2, 1]));
      expect(log.open()).toBe(0);
      expect(log.entries.map((e) => e.value)).toEqual([3, 0, 2, 1]);
      // in input order: a later result is handed on (and resolved) only after the earlier ones
      const resolved = log.entries.map((e) => e.resolvedAt!);
      for (let i = 1; i < resolved.length; i++) expect(resolved[i]!).toBeGreaterThanOrEqual(resolved[i - 1]!);
    });

    it('should work on a plain Observable and on a Stream alike', async () => {
      const f = (n: number) => Promise.resolve(n + 1);
      expect(await pipe(of(1, 2, 3), mapParallel(2, f), runCollect)()).toEqual(E.right([2, 3, 4]));
      expect(await pipe(toStream(of(1, 2, 3)), mapParallel(2, f), runCollect)()).toEqual(E.right([2, 3, 4]));
      expect(await pipe(fromArray<number>([]), mapParallel(2, f), runCollect)()).toEqual(E.right([]));
      expect(
        await pipe(
          throwError(() => 'upstream'),
          mapParallel(2, f),
          runCollect,
        )(),
      ).toEqual(E.left('upstream'));
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

    /** The effect for one element, counting the effects that run at once. */
    const counting = (counter: { running: number; max: number }) => {
      return ([value, delay]: [number, Delay]): EffectLike<unknown, never, number> => {
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
      };
    };

    it('should emit the input mapped in order, lose nothing and never exceed n running effects', async () => {
      await fc.assert(
        fc.asyncProperty(elements, fc.integer({ min: 1, max: 16 }), fc.boolean(), async (items, n, plain) => {
          const counter = { running: 0, max: 0 };
          const { stream, log } = recordTickets(plain ? of(...items) : fromArray(items));
          const result = await pipe(stream, mapParallel(n, counting(counter)), runCollect)();
          expect(result).toEqual(E.right(items.map(([v]) => v * 3 + 1)));
          expect(counter.max).toBeLessThanOrEqual(n);
          expect(counter.running).toBe(0);
          expect(log.open()).toBe(0);
        }),
        { numRuns: 50 },
      );
    });
  });
});
