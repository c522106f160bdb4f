import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of, Subject } from 'rxjs';
import {
  CreditStats,
  Defect,
  fail,
  fromArray,
  fromAsyncIterable,
  groupBy,
  map,
  mapParallel,
  runCollect,
  runDrain,
  Ticket,
} from '../../src/index';
import { recordTickets, tracked } from '../../src/testing/index';
import { testScheduler } from '../helpers';

const words = { a: 'a1', b: 'a2', c: 'b1', d: 'a3', e: 'b2' };
const first = (s: string) => s[0];

describe('groupBy', () => {
  it('should emit runs of consecutive elements with the same key (doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--c--d--|', words);
      const subs = '       ^-------------!';
      const expected = '   --------x--y--(z|)';
      expectObservable(source.pipe(groupBy(first))).toBe(expected, {
        x: ['a1', 'a2'],
        y: ['b1'],
        z: ['a3'],
      });
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('should give runs, not one group per key, and no key in the output', async () => {
    const result = await runCollect(pipe(of('a1', 'b1', 'a2', 'a3', 'b2'), groupBy(first)))();
    expect(result).toEqual(E.right([['a1'], ['b1'], ['a2', 'a3'], ['b2']]));
  });

  it('should cut a long run at maxRun', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('--a--b--d--c--|', words);
      expectObservable(source.pipe(groupBy(first, { maxRun: 2 }))).toBe('-----x-----y--(z|)', {
        x: ['a1', 'a2'],
        y: ['a3'],
        z: ['b1'],
      });
    });
  });

  it('should cut long runs into pieces of maxRun, the last one shorter', async () => {
    const items = Array.from({ length: 7 }, (_, i) => ({ k: 'same', i }));
    const result = await runCollect(
      pipe(
        fromArray(items),
        groupBy((x) => x.k, { maxRun: 3 }),
      ),
    )();
    expect(E.isRight(result) && result.right.map((run) => run.map((x) => x.i))).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6],
    ]);
    const ones = await runCollect(
      pipe(
        of(1, 1, 2),
        groupBy((n) => n, { maxRun: 1 }),
      ),
    )();
    expect(ones).toEqual(E.right([[1], [1], [2]]));
  });

  it('should compare keys with ===', async () => {
    const result = await runCollect(
      pipe(
        of(1, 2, 3, 4),
        groupBy((n) => ({ odd: n % 2 })),
      ),
    )();
    // every key is a new object: no two are equal
    expect(result).toEqual(E.right([[1], [2], [3], [4]]));
    expect(
      await runCollect(
        pipe(
          of(1, 3, 2, 4, 5),
          groupBy((n) => n % 2),
        ),
      )(),
    ).toEqual(E.right([[1, 3], [2, 4], [5]]));
  });

  it('should call the key function once per element', () => {
    const calls: string[] = [];
    of('a1', 'a2', 'b1')
      .pipe(
        groupBy((s: string) => {
          calls.push(s);
          return s[0];
        }),
      )
      .subscribe();
    expect(calls).toEqual(['a1', 'a2', 'b1']);
  });

  it('should handle never, empty, one value and a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const never = cold('-');
      const endless = cold('--a--b--c--d--', words);
      expectObservable(never.pipe(groupBy(first))).toBe('-');
      expectObservable(cold('|').pipe(groupBy(first))).toBe('|');
      expectObservable(cold('--a--|', words).pipe(groupBy(first))).toBe('-----(x|)', { x: ['a1'] });
      expectObservable(endless.pipe(groupBy(first))).toBe('--------x--y--', { x: ['a1', 'a2'], y: ['b1'] });
      expectSubscriptions(never.subscriptions).toBe('^');
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
  });

  it('should drop the partial run on an error', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--c--e--#', words, 'err');
      expectObservable(source.pipe(groupBy(first))).toBe('-----x-----#', { x: ['a1'] }, 'err');
      expectSubscriptions(source.subscriptions).toBe('^----------!');
    });
  });

  it('should stop at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--c--d--|', words);
      expectObservable(source.pipe(groupBy(first)), '-------!').toBe('-----x-', { x: ['a1'] });
      expectSubscriptions(source.subscriptions).toBe('^------!');
    });
  });

  it('should turn a throw from the key function into a Defect and unsubscribe', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--c--d--|', words);
      const boom = new Error('boom');
      const result = source.pipe(
        groupBy((s: string) => {
          if (s === 'a3') throw boom;
          return s[0];
        }),
      );
      expectObservable(result).toBe('-----x--#', { x: ['a1'] }, new Defect(boom, 'groupBy'));
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('should group values that arrive in bursts', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-(abc)-(de)-|', words);
      expectObservable(source.pipe(groupBy(first))).toBe('-x-----(yz)-(w|)', {
        x: ['a1', 'a2'],
        y: ['b1'],
        z: ['a3'],
        w: ['b2'],
      });
    });
  });

  it('should reject a maxRun below 1 or not whole', () => {
    expect(() => groupBy(first, { maxRun: 0 })).toThrow(RangeError);
    expect(() => groupBy(first, { maxRun: 2.5 })).toThrow(RangeError);
  });

  it('should group synchronous and asynchronous sources', async () => {
    expect(await runCollect(pipe(fromArray(['a1', 'a2', 'b1']), groupBy(first)))()).toEqual(
      E.right([['a1', 'a2'], ['b1']]),
    );
    async function* gen() {
      for (const s of ['b1', 'b2', 'a1']) {
        await Promise.resolve();
        yield s;
      }
    }
    expect(await runCollect(pipe(fromAsyncIterable(gen()), groupBy(first)))()).toEqual(
      E.right([['b1', 'b2'], ['a1']]),
    );
  });

  it('should raise the source credit to what full runs need', async () => {
    const same = Array.from({ length: 1000 }, (_, i) => i);
    const stats = new CreditStats();
    const result = await runCollect(
      pipe(
        fromArray(same, { credit: 16, stats }),
        groupBy(() => 'k', { maxRun: 100 }),
      ),
    )();
    expect(E.isRight(result) && result.right.length).toBe(10);
    // max(16, (0 + 1) × 100)
    expect(stats.limit).toBe(100);
    expect(stats.maxInFlight).toBe(100);

    // the default maxRun of 1024 is more than the default credit of 256: a run still fills
    const defaults = new CreditStats();
    const long = Array.from({ length: 3000 }, () => 'x');
    const runs = await runCollect(
      pipe(
        fromArray(long, { stats: defaults }),
        groupBy((s) => s),
      ),
    )();
    expect(E.isRight(runs) && runs.right.map((r) => r.length)).toEqual([1024, 1024, 952]);
    expect(defaults.limit).toBe(1024);

    // below a stage that holds 2 runs: (2 + 1) × 50
    const held = new CreditStats();
    const slow = (run: number[]) => new Promise((resolve) => setTimeout(() => resolve(run), 2));
    await runDrain(
      pipe(
        fromArray(same, { credit: 16, stats: held }),
        groupBy(() => 0, { maxRun: 50 }),
        mapParallel(2, slow),
      ),
    )();
    expect(held.limit).toBe(150);
    expect(held.maxInFlight).toBe(150);
  });

  it('should never cut a run with maxRun = Infinity, whatever the credit', async () => {
    const stats = new CreditStats();
    const items = [...Array.from({ length: 40 }, () => 'a'), 'b'];
    const result = await runCollect(
      pipe(
        fromArray(items, { credit: 4, stats }),
        groupBy((s) => s, { maxRun: Infinity }),
      ),
    )();
    expect(E.isRight(result) && result.right.map((r) => r.length)).toEqual([40, 1]);
  });

  it('should resolve all the tickets of a run together, when the run is finished', () => {
    const { stream, log } = recordTickets(fromArray(['a1', 'a2', 'b1', 'a3']));
    const runs: Array<{ value: string[]; ticket: Ticket }> = [];
    tracked(stream.pipe(groupBy(first))).subscribe((t) => runs.push(t));
    expect(runs.map((r) => r.value)).toEqual([['a1', 'a2'], ['b1'], ['a3']]);
    expect(log.open()).toBe(4);
    runs[0]!.ticket.resolve();
    expect(log.entries.map((e) => e.resolvedAt !== undefined)).toEqual([true, true, false, false]);
    runs[1]!.ticket.resolve();
    runs[2]!.ticket.resolve();
    expect(log.open()).toBe(0);
  });

  it('should resolve run tickets at their emission time, none for a partial run lost to an error', () => {
    const ts = testScheduler();
    let log!: ReturnType<typeof recordTickets<string>>['log'];
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold('--a--b--c--e--#', words, 'err'), () => ts.now());
      log = recorded.log;
      expectObservable(recorded.stream.pipe(groupBy(first))).toBe(
        '--------x-----#',
        { x: ['a1', 'a2'] },
        'err',
      );
    });
    expect(log.entries.map((e) => [e.value, e.resolvedAt])).toEqual([
      ['a1', 8],
      ['a2', 8],
      ['b1', undefined],
      ['b2', undefined],
    ]);
  });

  it('should keep each element in its own run when one arrives re-entrantly', () => {
    const subject = new Subject<string>();
    const got: string[][] = [];
    let once = true;
    subject.pipe(groupBy(first)).subscribe((run) => {
      got.push(run);
      if (once) {
        once = false;
        // arrives while the run [a1] is being delivered, after b1 ended it
        subject.next('c1');
      }
    });
    subject.next('a1');
    subject.next('b1');
    subject.complete();
    expect(got).toEqual([['a1'], ['b1'], ['c1']]);
  });

  it('should pass a typed failure as it is, and report a throw as a Defect', async () => {
    expect(await runCollect(pipe(fail('typed'), groupBy(first)))()).toEqual(E.left('typed'));
    const result = await runCollect(
      pipe(
        fromArray(['a1']),
        groupBy(() => {
          throw 'bad';
        }),
      ),
    )();
    expect(E.isLeft(result) && result.left).toBeInstanceOf(Defect);
    expect(result).toEqual(E.left(new Defect('bad', 'groupBy')));
    const boom = new Error('boom');
    expect(
      await runCollect(
        pipe(
          fromArray(['a1', 'b1']),
          map((s) => {
            if (s === 'b1') throw boom;
            return s;
          }),
          groupBy(first),
        ),
      )(),
    ).toEqual(E.left(new Defect(boom, 'map')));
  });
});
