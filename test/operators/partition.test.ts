import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of } from 'rxjs';
import { Defect, fail, fromArray, fromAsyncIterable, isStream, partition, runCollect } from '../../src/index';
import { recordTickets, tracked } from '../../src/testing/index';
import { testScheduler } from '../helpers';

const nums = { 1: 1, 2: 2, 3: 3, 4: 4 };
const even = (n: number) => n % 2 === 0;

describe('partition', () => {
  it('should split a source into [passing, failing] (doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--4--|', nums);
      const subs = '       ^-------------!';
      const [passing, failing] = partition(even)(source);
      expectObservable(passing).toBe('-----2-----4--|', nums);
      expectObservable(failing).toBe('--1-----3-----|', nums);
      // two independent subscriptions to the same source
      expectSubscriptions(source.subscriptions).toBe([subs, subs]);
    });
  });

  it('should return two Streams, each subscribing the source only when it is subscribed', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--|', nums);
      const [passing, failing] = partition(even)(source);
      expect(isStream(passing)).toBe(true);
      expect(isStream(failing)).toBe(true);
      expectObservable(failing).toBe('--1-----|', nums);
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('should let each side run on its own: one unsubscribed early, the other to the end', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--4--|', nums);
      const [passing, failing] = partition(even)(source);
      expectObservable(passing, '------!').toBe('-----2', nums);
      expectObservable(failing).toBe('--1-----3-----|', nums);
      expectSubscriptions(source.subscriptions).toBe(['^-----!', '^-------------!']);
    });
  });

  it('should share a hot source, each side from its own subscription time', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('--1--2--3--4--|', nums);
      const [passing, failing] = partition(even)(source);
      expectObservable(passing).toBe('-----2-----4--|', nums);
      // subscribed at 6: 1 went by before
      expectObservable(failing, '------^').toBe('--------3-----|', nums);
      expectSubscriptions(source.subscriptions).toBe(['^-------------!', '------^-------!']);
    });
  });

  it('should handle never, empty, one value and a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const [nP, nF] = partition(even)(cold('-'));
      expectObservable(nP).toBe('-');
      expectObservable(nF).toBe('-');
      const [eP, eF] = partition(even)(cold('|'));
      expectObservable(eP).toBe('|');
      expectObservable(eF).toBe('|');
      const [oP, oF] = partition(even)(cold('--2--|', nums));
      expectObservable(oP).toBe('--2--|', nums);
      expectObservable(oF).toBe('-----|');
      const [xP, xF] = partition(even)(cold('--1--2--', nums));
      expectObservable(xP).toBe('-----2--', nums);
      expectObservable(xF).toBe('--1-----', nums);
    });
  });

  it('should pass an error to both sides', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const [passing, failing] = partition(even)(cold('--1--2--#', nums, 'err'));
      expectObservable(passing).toBe('-----2--#', nums, 'err');
      expectObservable(failing).toBe('--1-----#', nums, 'err');
    });
  });

  it('should turn a throw from the predicate into a Defect on both sides', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1--2--3--|', nums);
      const boom = new Error('boom');
      const [passing, failing] = partition((n: number) => {
        if (n === 3) throw boom;
        return even(n);
      })(source);
      expectObservable(passing).toBe('-----2--#', nums, new Defect(boom, 'partition'));
      expectObservable(failing).toBe('--1-----#', nums, new Defect(boom, 'partition'));
      expectSubscriptions(source.subscriptions).toBe(['^-------!', '^-------!']);
    });
  });

  it('should split bursts', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const [passing, failing] = partition(even)(cold('-(1234)-|', nums));
      expectObservable(passing).toBe('-(24)---|', nums);
      expectObservable(failing).toBe('-(13)---|', nums);
    });
  });

  it('should split synchronous and asynchronous Stream sources, running the source for each side', async () => {
    const asked: number[] = [];
    const [small, big] = partition((n: number) => {
      asked.push(n);
      return n < 3;
    })(fromArray([1, 2, 3, 4]));
    expect(await runCollect(small)()).toEqual(E.right([1, 2]));
    expect(await runCollect(big)()).toEqual(E.right([3, 4]));
    expect(asked).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);

    const [p, f] = partition(even)(of(1, 2, 3));
    expect(await runCollect(p)()).toEqual(E.right([2]));
    expect(await runCollect(f)()).toEqual(E.right([1, 3]));

    async function* gen() {
      for (let i = 1; i <= 4; i++) {
        await Promise.resolve();
        yield i;
      }
    }
    const [ap, af] = partition(even)(fromAsyncIterable(gen()));
    expect(await runCollect(ap)()).toEqual(E.right([2, 4]));
    // an async iterable is used up by the first side: the second sees nothing
    expect(await runCollect(af)()).toEqual(E.right([]));
  });

  it('should resolve on each side the tickets of the elements it drops', () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4]));
    const [passing] = partition(even)(stream);
    const held: Array<() => void> = [];
    tracked(passing).subscribe((t) => held.push(() => t.ticket.resolve()));
    expect(log.entries.map((e) => [e.value, e.resolvedAt !== undefined])).toEqual([
      [1, true],
      [2, false],
      [3, true],
      [4, false],
    ]);
    held.forEach((resolve) => resolve());
    expect(log.open()).toBe(0);
  });

  it('should resolve tickets at the sink of each side (marble time)', () => {
    const ts = testScheduler();
    let log!: ReturnType<typeof recordTickets<number>>['log'];
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold('--1--2--|', nums), () => ts.now());
      log = recorded.log;
      const [passing, failing] = partition(even)(recorded.stream);
      expectObservable(passing).toBe('-----2--|', nums);
      expectObservable(failing).toBe('--1-----|', nums);
    });
    // each subscription records its own elements: two of each
    expect(log.entries.map((e) => [e.value, e.resolvedAt])).toEqual([
      [1, 2],
      [1, 2],
      [2, 5],
      [2, 5],
    ]);
  });

  it('should pass a typed failure as it is, and report a throw as a Defect', async () => {
    const [p, f] = partition(even)(fail('typed'));
    expect(await runCollect(p)()).toEqual(E.left('typed'));
    expect(await runCollect(f)()).toEqual(E.left('typed'));
    const [tp] = partition((): boolean => {
      throw 'bad';
    })(fromArray([1]));
    const result = await runCollect(tp)();
    expect(E.isLeft(result) && result.left).toBeInstanceOf(Defect);
    expect(E.isLeft(result) && (result.left as Defect).cause).toBe('bad');
    expect(result).toEqual(E.left(new Defect('bad', 'partition')));
  });

  it('should keep pipeable typing', async () => {
    const [p, f] = pipe(
      fromArray(['a', 'bb', 'ccc']),
      partition((s: string) => s.length > 1),
    );
    expect(await runCollect(p)()).toEqual(E.right(['bb', 'ccc']));
    expect(await runCollect(f)()).toEqual(E.right(['a']));
  });
});
