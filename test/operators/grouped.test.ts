import fc from 'fast-check';
import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { from, of, Subject } from 'rxjs';
import {
  CreditStats,
  Defect,
  fail,
  fromArray,
  fromAsyncIterable,
  grouped,
  map,
  mapParallel,
  runCollect,
  runDrain,
  Ticket,
} from '../../src/index';
import { recordTickets, tracked } from '../../src/testing/index';
import { flushPromises, testScheduler } from '../helpers';

const nums = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6 };

/** Every group but the last has n elements, the last is not empty, and together they are the input. */
const checkGroups = <A>(input: readonly A[], groups: readonly A[][], n: number): void => {
  expect(groups.flat()).toEqual(input);
  groups.slice(0, -1).forEach((g) => expect(g).toHaveLength(n));
  if (groups.length > 0) {
    expect(groups[groups.length - 1]!.length).toBeGreaterThan(0);
    expect(groups[groups.length - 1]!.length).toBeLessThanOrEqual(n);
  }
  expect(groups.length).toBe(Math.ceil(input.length / n));
};

describe('grouped', () => {
  it('should emit every full group, and the last partial group on completion (doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--4--5--|', nums);
      const subs = '       ^----------------!';
      const expected = '   -----a-----b-----(c|)';
      expectObservable(source.pipe(grouped(2))).toBe(expected, { a: [1, 2], b: [3, 4], c: [5] });
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('should emit no empty group when the length is an exact multiple', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('--1--2--3--4--|', nums).pipe(grouped(2))).toBe('-----a-----b--|', {
        a: [1, 2],
        b: [3, 4],
      });
    });
  });

  it('should emit each value on its own with n = 1', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('--1--2--|', nums).pipe(grouped(1))).toBe('--a--b--|', { a: [1], b: [2] });
    });
  });

  it('should emit one group on completion when n is larger than the stream', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('--1--2--3--|', nums).pipe(grouped(10))).toBe('-----------(a|)', {
        a: [1, 2, 3],
      });
    });
  });

  it('should handle never, empty, one value and a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const never = cold('-');
      const endless = cold('--1--2--3--', nums);
      expectObservable(never.pipe(grouped(2))).toBe('-');
      expectObservable(cold('|').pipe(grouped(2))).toBe('|');
      expectObservable(cold('--1--|', nums).pipe(grouped(2))).toBe('-----(a|)', { a: [1] });
      expectObservable(endless.pipe(grouped(2))).toBe('-----a-----', { a: [1, 2] });
      expectSubscriptions(never.subscriptions).toBe('^');
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
  });

  it('should drop the partial group on an error', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--#', nums, 'err');
      expectObservable(source.pipe(grouped(2))).toBe('-----a-----#', { a: [1, 2] }, 'err');
      expectSubscriptions(source.subscriptions).toBe('^----------!');
    });
  });

  it('should stop at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--4--|', nums);
      expectObservable(source.pipe(grouped(2)), '---------!').toBe('-----a---', { a: [1, 2] });
      expectSubscriptions(source.subscriptions).toBe('^--------!');
    });
  });

  it('should group values that arrive in bursts', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-(12345)-|', nums);
      expectObservable(source.pipe(grouped(2))).toBe('-(ab)----(c|)', { a: [1, 2], b: [3, 4], c: [5] });
      const across = cold('-(12)-(34)-(56)-|', nums);
      expectObservable(across.pipe(grouped(3))).toBe('------a----b----|', { a: [1, 2, 3], b: [4, 5, 6] });
    });
  });

  it('should start afresh for each subscription', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const result = cold('-1-2-3-|', nums).pipe(grouped(2));
      expectObservable(result).toBe('---a---(b|)', { a: [1, 2], b: [3] });
      expectObservable(result).toBe('---a---(b|)', { a: [1, 2], b: [3] });
    });
  });

  it('should reject a size below 1 or not whole', () => {
    expect(() => grouped(0)).toThrow(RangeError);
    expect(() => grouped(-1)).toThrow(RangeError);
    expect(() => grouped(1.5)).toThrow(RangeError);
    expect(() => grouped(NaN)).toThrow(RangeError);
  });

  it('should lose nothing at any boundary (synchronous sources)', async () => {
    for (const [length, n] of [
      [0, 3],
      [1, 1],
      [6, 3],
      [7, 3],
      [5, 1],
      [3, 10],
    ] as const) {
      const input = Array.from({ length }, (_, i) => i);
      const viaStream = await runCollect(pipe(fromArray(input), grouped(n)))();
      expect(E.isRight(viaStream)).toBe(true);
      if (E.isRight(viaStream)) checkGroups(input, viaStream.right, n);
      const viaObservable: number[][] = [];
      from(input)
        .pipe(grouped(n))
        .subscribe((g) => viaObservable.push(g));
      checkGroups(input, viaObservable, n);
    }
  });

  it('should group an asynchronous source', async () => {
    async function* gen() {
      for (let i = 1; i <= 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        yield i;
      }
    }
    expect(await runCollect(pipe(fromAsyncIterable(gen()), grouped(2)))()).toEqual(
      E.right([[1, 2], [3, 4], [5]]),
    );
  });

  it('should group values pushed one at a time', () => {
    const subject = new Subject<number>();
    const got: number[][] = [];
    let completed = false;
    subject.pipe(grouped(3)).subscribe({ next: (g) => got.push(g), complete: () => (completed = true) });
    subject.next(1);
    subject.next(2);
    expect(got).toEqual([]);
    subject.next(3);
    expect(got).toEqual([[1, 2, 3]]);
    subject.next(4);
    subject.complete();
    expect(got).toEqual([[1, 2, 3], [4]]);
    expect(completed).toBe(true);
  });

  it('should satisfy: flattened groups are the input, all but the last have n elements (property)', async () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 20 }), (input, n) => {
        const groups: number[][] = [];
        of(...input)
          .pipe(grouped(n))
          .subscribe((g) => groups.push(g));
        checkGroups(input, groups, n);
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer()),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 8 }),
        async (input, n, credit) => {
          const result = await runCollect(pipe(fromArray(input, { credit }), grouped(n)))();
          expect(E.isRight(result)).toBe(true);
          if (E.isRight(result)) checkGroups(input, result.right, n);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('should not deadlock when a group is larger than the source credit', async () => {
    const stats = new CreditStats();
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const result = await runCollect(pipe(fromArray(items, { credit: 16, stats }), grouped(500)))();
    expect(E.isRight(result) && result.right.map((g) => g.length)).toEqual([500, 500]);
    expect(result).toEqual(E.right([items.slice(0, 500), items.slice(500)]));
    // the credit was raised to what one group needs: max(16, (0 + 1) × 500)
    expect(stats.limit).toBe(500);
    expect(stats.maxInFlight).toBe(500);
    expect(stats.finished).toBe(1000);
  });

  it('should raise the credit to (demand + 1) × n when the stages below hold groups', async () => {
    const stats = new CreditStats();
    const items = Array.from({ length: 2000 }, (_, i) => i);
    const slow = (g: number[]) => new Promise<number>((resolve) => setTimeout(() => resolve(g.length), 2));
    const result = await runDrain(
      pipe(fromArray(items, { credit: 16, stats }), grouped(100), mapParallel(2, slow)),
    )();
    expect(result).toEqual(E.right(undefined));
    // mapParallel(2) holds 2 groups and grouped fills a third: (2 + 1) × 100
    expect(stats.limit).toBe(300);
    expect(stats.maxInFlight).toBe(300);
    expect(stats.finished).toBe(2000);
  });

  it('should take a whole stream in one group with n = Infinity, whatever the credit', async () => {
    const stats = new CreditStats();
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(await runCollect(pipe(fromArray(items, { credit: 4, stats }), grouped(Infinity)))()).toEqual(
      E.right([items]),
    );
    expect(stats.maxInFlight).toBe(50);
    expect(await runCollect(pipe(of(1, 2, 3), grouped(Infinity)))()).toEqual(E.right([[1, 2, 3]]));
    expect(await runCollect(pipe(fromArray([]), grouped(Infinity)))()).toEqual(E.right([]));
  });

  it('should resolve all the tickets of a group together, when the group is finished', async () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4, 5]));
    const groups: Array<{ value: number[]; ticket: Ticket }> = [];
    let completed = false;
    tracked(stream.pipe(grouped(2))).subscribe({
      next: (t) => groups.push(t),
      complete: () => (completed = true),
    });
    expect(completed).toBe(true);
    expect(groups.map((g) => g.value)).toEqual([[1, 2], [3, 4], [5]]);
    // nothing is finished before its group is
    expect(log.open()).toBe(5);
    groups[1]!.ticket.resolve();
    expect(log.entries.map((e) => e.resolvedAt !== undefined)).toEqual([false, false, true, true, false]);
    groups[0]!.ticket.resolve();
    groups[2]!.ticket.resolve();
    expect(log.open()).toBe(0);
  });

  it('should resolve a group tickets when its slow sink is done', async () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4]));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: number[][] = [];
    const run = runDrain(
      pipe(
        stream,
        grouped(2),
        mapParallel(1, async (g: number[]) => {
          seen.push(g);
          if (g[0] === 1) await gate;
          return g;
        }),
      ),
    )();
    await flushPromises();
    expect(seen).toEqual([[1, 2]]);
    expect(log.entries.map((e) => e.resolvedAt !== undefined)).toEqual([false, false, false, false]);
    release();
    expect(await run).toEqual(E.right(undefined));
    expect(log.open()).toBe(0);
  });

  it('should resolve a group tickets at its emission time (marble time)', () => {
    const ts = testScheduler();
    let log!: ReturnType<typeof recordTickets<number>>['log'];
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold('--1--2--3--4--5--|', nums), () => ts.now());
      log = recorded.log;
      expectObservable(recorded.stream.pipe(grouped(2))).toBe('-----a-----b-----(c|)', {
        a: [1, 2],
        b: [3, 4],
        c: [5],
      });
    });
    expect(log.entries.map((e) => [e.value, e.emittedAt, e.resolvedAt])).toEqual([
      [1, 2, 5],
      [2, 5, 5],
      [3, 8, 11],
      [4, 11, 11],
      [5, 14, 17],
    ]);
  });

  it('should leave open the tickets of the partial group lost to an error', () => {
    const ts = testScheduler();
    let log!: ReturnType<typeof recordTickets<number>>['log'];
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold('--1--2--3--#', nums, 'err'), () => ts.now());
      log = recorded.log;
      expectObservable(recorded.stream.pipe(grouped(2))).toBe('-----a-----#', { a: [1, 2] }, 'err');
    });
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([5, 5, undefined]);
    expect(log.open()).toBe(1);
  });

  it('should pass a typed failure as it is and a defect as a Defect', async () => {
    expect(await runCollect(pipe(fail('typed'), grouped(2)))()).toEqual(E.left('typed'));
    const boom = new Error('boom');
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4]));
    const result = await runCollect(
      pipe(
        stream,
        map((n) => {
          if (n === 4) throw boom;
          return n;
        }),
        grouped(3),
      ),
    )();
    expect(result).toEqual(E.left(new Defect(boom, 'map')));
    // the first group was finished; 4 was lost to the throw, so nothing finished it
    expect(log.entries.map((e) => e.resolvedAt !== undefined)).toEqual([true, true, true, false]);
  });
});
