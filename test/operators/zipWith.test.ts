import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of } from 'rxjs';
import {
  CreditStats,
  Defect,
  fail,
  fromArray,
  fromAsyncIterable,
  runCollect,
  zipWith,
} from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { testScheduler } from '../helpers';

const concat = (n: number, s: string) => `${n}${s}`;

describe('zipWith', () => {
  it('should combine the pairs in order and end with the shorter (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--1----2----3--|', { 1: 1, 2: 2, 3: 3 });
      const that = cold('  ----a----b--|');
      const expected = '   ----x----y--|';
      expectObservable(source.pipe(zipWith(that, concat))).toBe(expected, { x: '1a', y: '2b' });
      expectSubscriptions(source.subscriptions).toBe('^-----------!');
      expectSubscriptions(that.subscriptions).toBe('  ^-----------!');
    });
  });

  it('should end when the source ends first and unsubscribe the other', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-1-2|', { 1: 1, 2: 2 });
      const that = cold('  --a--b--c--d|');
      // 2 waits for b: the source has completed, but 2 is not paired yet
      expectObservable(source.pipe(zipWith(that, concat))).toBe('--x--(y|)', { x: '1a', y: '2b' });
      expectSubscriptions(source.subscriptions).toBe('^---!');
      expectSubscriptions(that.subscriptions).toBe('  ^----!');
    });
  });

  it('should pair elements that arrive in bursts', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-(123)----4|', { 1: 1, 2: 2, 3: 3, 4: 4 });
      const that = cold('  ---a--(bcd)-|');
      expectObservable(source.pipe(zipWith(that, concat))).toBe('---x--(yz)w|', {
        x: '1a',
        y: '2b',
        z: '3c',
        w: '4d',
      });
    });
  });

  it('should handle never and empty inputs', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      expectObservable(cold<number>('-').pipe(zipWith(cold<string>('-a-|'), concat))).toBe('-');
      const other = cold('-a-|');
      expectObservable(cold<number>('|').pipe(zipWith(other, concat))).toBe('|');
      expectSubscriptions(other.subscriptions).toBe('(^!)');
      expectObservable(cold('-1-|', { 1: 1 }).pipe(zipWith(cold<string>('|'), concat))).toBe('|');
      // an element waiting for a partner that never comes keeps the stream open
      expectObservable(cold('-1|', { 1: 1 }).pipe(zipWith(cold<string>('-'), concat))).toBe('-');
    });
  });

  it('should fail with the error of either side and unsubscribe the other', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-1--#', { 1: 1 }, 'left');
      const that = cold('  --a-----|');
      expectObservable(source.pipe(zipWith(that, concat))).toBe('--x-#', { x: '1a' }, 'left');
      expectSubscriptions(that.subscriptions).toBe('^---!');

      const source2 = cold('-1-----2-|', { 1: 1, 2: 2 });
      const that2 = cold('  --a-#', undefined, 'right');
      expectObservable(source2.pipe(zipWith(that2, concat))).toBe('--x-#', { x: '1a' }, 'right');
      expectSubscriptions(source2.subscriptions).toBe('^---!');
    });
  });

  it('should stop both sides at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-1--2--3--|', { 1: 1, 2: 2, 3: 3 });
      const that = cold('  -a--b--c--|');
      expectObservable(source.pipe(zipWith(that, concat)), '-----!').toBe('-x--y', { x: '1a', y: '2b' });
      expectSubscriptions(source.subscriptions).toBe('^----!');
      expectSubscriptions(that.subscriptions).toBe('  ^----!');
    });
  });

  it('should turn a throw of the function into a Defect and unsubscribe both sides', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-1--2--|', { 1: 1, 2: 2 });
      const that = cold('  -a--b--|');
      const boom = new Error('boom');
      const result = source.pipe(
        zipWith(that, (n: number, s: string) => {
          if (n === 2) throw boom;
          return concat(n, s);
        }),
      );
      expectObservable(result).toBe('-x--#', { x: '1a' }, new Defect(boom, 'zipWith'));
      expectSubscriptions(source.subscriptions).toBe('^---!');
      expectSubscriptions(that.subscriptions).toBe('  ^---!');
    });
  });

  it('should hold both tickets until the pair is finished, and leave unpaired ones open', () => {
    const scheduler = testScheduler();
    let left: TicketLog<string> | undefined;
    let right: TicketLog<string> | undefined;
    scheduler.run(({ cold, expectObservable }) => {
      const l = recordTickets<string>(cold('-a-b-c|'), () => scheduler.now());
      const r = recordTickets<string>(cold('---x--y|'), () => scheduler.now());
      left = l.log;
      right = r.log;
      expectObservable(l.stream.pipe(zipWith(r.stream, (a: string, b: string) => a + b))).toBe('---p--q|', {
        p: 'ax',
        q: 'by',
      });
    });
    expect(left!.entries.map((e) => [e.value, e.resolvedAt])).toEqual([
      ['a', 3],
      ['b', 6],
      ['c', undefined],
    ]);
    expect(right!.entries.map((e) => [e.value, e.resolvedAt])).toEqual([
      ['x', 3],
      ['y', 6],
    ]);
  });

  it('should run with Streams and a plain Observable to the runner', async () => {
    expect(await pipe(fromArray([1, 2, 3]), zipWith(of('a', 'b'), concat), runCollect)()).toEqual(
      E.right(['1a', '2b']),
    );
    expect(await pipe(fromArray([1]), zipWith(fromArray(['a', 'b']), concat), runCollect)()).toEqual(
      E.right(['1a']),
    );
    expect(await pipe(fromArray([1, 2]), zipWith(fail('no'), concat), runCollect)()).toEqual(E.left('no'));
  });

  it('should zip long sources with little credit without losing or reordering anything', async () => {
    const n = 2000;
    const leftStats = new CreditStats();
    const rightStats = new CreditStats();
    const xs = Array.from({ length: n }, (_, i) => i);
    const result = await pipe(
      fromArray(xs, { credit: 1, stats: leftStats }),
      zipWith(fromArray(xs, { credit: 2, stats: rightStats }), (a, b) => a * 10000 + b),
      runCollect,
    )();
    expect(result).toEqual(E.right(xs.map((x) => x * 10000 + x)));
    expect(leftStats.maxInFlight).toBeLessThanOrEqual(2);
    expect(rightStats.maxInFlight).toBeLessThanOrEqual(2);
  });

  it('should pair an asynchronous source with a synchronous one, in order', async () => {
    async function* slow() {
      for (const s of ['a', 'b', 'c']) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        yield s;
      }
    }
    expect(
      await pipe(fromArray([1, 2, 3, 4]), zipWith(fromAsyncIterable(slow()), concat), runCollect)(),
    ).toEqual(E.right(['1a', '2b', '3c']));
  });
});
