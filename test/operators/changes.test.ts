import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of } from 'rxjs';
import {
  changes,
  CreditStats,
  Defect,
  fail,
  fromArray,
  fromAsyncIterable,
  runCollect,
} from '../../src/index';
import { recordTickets, tracked } from '../../src/testing/index';
import { testScheduler } from '../helpers';

const values = { 1: 1, 2: 2, 3: 3 };

describe('changes', () => {
  it('should drop consecutive duplicates (doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--1--2--2--1--|', values);
      const subs = '       ^----------------!';
      const expected = '   --1-----2-----1--|';
      expectObservable(source.pipe(changes())).toBe(expected, values);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('should keep a value equal to an earlier, not the previous, one', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-b-a-b-|').pipe(changes())).toBe('-a-b-a-b-|');
    });
  });

  it('should handle never, empty, one value and a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const never = cold('-');
      const endless = cold('-a-a-b-');
      expectObservable(never.pipe(changes())).toBe('-');
      expectObservable(cold('|').pipe(changes())).toBe('|');
      expectObservable(cold('--a--|').pipe(changes())).toBe('--a--|');
      expectObservable(endless.pipe(changes())).toBe('-a---b-');
      expectSubscriptions(never.subscriptions).toBe('^');
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
  });

  it('should pass an error', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-a-#', undefined, 'err');
      expectObservable(source.pipe(changes())).toBe('-a---#', undefined, 'err');
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('should stop at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-a-b-c-|');
      expectObservable(source.pipe(changes()), '------!').toBe('-a---b');
      expectSubscriptions(source.subscriptions).toBe('^-----!');
    });
  });

  it('should drop duplicates inside a burst', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-(aab)-b-c-|').pipe(changes())).toBe('-(ab)----c-|');
    });
  });

  it('should compare with === by default and with equals when given, previous first', () => {
    const a1 = { id: 1, v: 'x' };
    const a2 = { id: 1, v: 'y' };
    const b = { id: 2, v: 'z' };
    const byIdentity: unknown[] = [];
    of(a1, a2, a2, b)
      .pipe(changes())
      .subscribe((o) => byIdentity.push(o));
    expect(byIdentity).toEqual([a1, a2, b]);

    const calls: Array<[string, string]> = [];
    const byId: unknown[] = [];
    of(a1, a2, a2, b)
      .pipe(
        changes((x: typeof a1, y: typeof a1) => {
          calls.push([x.v, y.v]);
          return x.id === y.id;
        }),
      )
      .subscribe((o) => byId.push(o));
    expect(byId).toEqual([a1, b]);
    // a dropped duplicate does not replace the value compared with
    expect(calls).toEqual([
      ['x', 'y'],
      ['x', 'y'],
      ['x', 'z'],
    ]);
  });

  it('should turn a throw from equals into a Defect and unsubscribe', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c-|');
      const boom = new Error('boom');
      const result = source.pipe(
        changes((_x: string, y: string) => {
          if (y === 'c') throw boom;
          return false;
        }),
      );
      expectObservable(result).toBe('-a-b-#', undefined, new Defect(boom, 'changes'));
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
  });

  it('should start afresh for each subscription', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const result = cold('-a-a-|').pipe(changes());
      expectObservable(result).toBe('-a---|');
      expectObservable(result).toBe('-a---|');
    });
  });

  it('should work on synchronous and asynchronous sources', async () => {
    expect(await runCollect(pipe(of(1, 1, 2, 2, 2, 3, 1), changes()))()).toEqual(E.right([1, 2, 3, 1]));
    const stats = new CreditStats();
    const same = Array.from({ length: 1000 }, () => 7);
    expect(await runCollect(pipe(fromArray(same, { credit: 4, stats }), changes()))()).toEqual(E.right([7]));
    expect(stats.finished).toBe(1000);
    async function* gen() {
      for (const s of ['a', 'a', 'b']) {
        await Promise.resolve();
        yield s;
      }
    }
    expect(await runCollect(pipe(fromAsyncIterable(gen()), changes()))()).toEqual(E.right(['a', 'b']));
  });

  it('should resolve the tickets of duplicates at once and keep the others for the sink', () => {
    const { stream, log } = recordTickets(fromArray([1, 1, 2, 2, 1]));
    const held: Array<() => void> = [];
    tracked(stream.pipe(changes())).subscribe((t) => held.push(() => t.ticket.resolve()));
    expect(log.entries.map((e) => [e.value, e.resolvedAt !== undefined])).toEqual([
      [1, false],
      [1, true],
      [2, false],
      [2, true],
      [1, false],
    ]);
    held.forEach((resolve) => resolve());
    expect(log.open()).toBe(0);
  });

  it('should resolve tickets as the elements arrive (marble time), none for one lost to a throw', () => {
    const ts = testScheduler();
    let log!: ReturnType<typeof recordTickets<string>>['log'];
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold<string>('-a-a-b-|'), () => ts.now());
      log = recorded.log;
      const result = recorded.stream.pipe(
        changes((x, y) => {
          if (y === 'b') throw 'bad';
          return x === y;
        }),
      );
      expectObservable(result).toBe('-a---#', undefined, new Defect('bad', 'changes'));
    });
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([1, 3, undefined]);
  });

  it('should pass a typed failure as it is, and report a throw as a Defect', async () => {
    expect(await runCollect(pipe(fail('typed'), changes()))()).toEqual(E.left('typed'));
    const result = await runCollect(
      pipe(
        fromArray([1, 2]),
        changes(() => {
          throw 'bad';
        }),
      ),
    )();
    expect(E.isLeft(result) && result.left).toBeInstanceOf(Defect);
    expect(result).toEqual(E.left(new Defect('bad', 'changes')));
  });
});
