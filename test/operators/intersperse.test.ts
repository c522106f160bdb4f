import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of } from 'rxjs';
import {
  CreditStats,
  Defect,
  fail,
  fromArray,
  fromAsyncIterable,
  intersperse,
  map,
  runCollect,
  take,
  Ticket,
} from '../../src/index';
import { recordTickets, tracked } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('intersperse', () => {
  it('should put the separator between values (doc marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a-----b-----c-----|');
      const subs = '       ^-------------------!';
      const expected = '   --a-----(,b)--(,c)--|';
      expectObservable(source.pipe(intersperse(','))).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('should put no separator before the first nor after the last value', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('--a--|').pipe(intersperse(','))).toBe('--a--|');
      expectObservable(cold('--a--b---|').pipe(intersperse(','))).toBe('--a--(,b)|');
    });
  });

  it('should handle never, empty and a never-ending source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const never = cold('-');
      const endless = cold('-a----b----');
      expectObservable(never.pipe(intersperse(','))).toBe('-');
      expectObservable(cold('|').pipe(intersperse(','))).toBe('|');
      expectObservable(endless.pipe(intersperse(','))).toBe('-a----(,b)-');
      expectSubscriptions(never.subscriptions).toBe('^');
      expectSubscriptions(endless.subscriptions).toBe('^');
    });
  });

  it('should pass an error', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a----#', undefined, 'err');
      expectObservable(source.pipe(intersperse(','))).toBe('-a----#', undefined, 'err');
      expectSubscriptions(source.subscriptions).toBe('^-----!');
    });
  });

  it('should stop at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a----b----c----|');
      expectObservable(source.pipe(intersperse(',')), '--------!').toBe('-a----(,b)');
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('should separate the values of a burst', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-(abc)----|').pipe(intersperse(','))).toBe('-(a,b,c)--|');
    });
  });

  it('should take a separator of another type, and start afresh for each subscription', async () => {
    const result = of(1, 2, 3).pipe(intersperse<number, string>('+'));
    expect(await runCollect(result)()).toEqual(E.right([1, '+', 2, '+', 3]));
    expect(await runCollect(result)()).toEqual(E.right([1, '+', 2, '+', 3]));
  });

  it('should work on synchronous and asynchronous Stream sources', async () => {
    const stats = new CreditStats();
    expect(await runCollect(pipe(fromArray(['x', 'y'], { stats }), intersperse('-')))()).toEqual(
      E.right(['x', '-', 'y']),
    );
    // separators take no credit
    expect(stats.pulled).toBe(2);
    expect(stats.finished).toBe(2);
    async function* gen() {
      for (const s of 'abc') {
        await Promise.resolve();
        yield s;
      }
    }
    expect(await runCollect(pipe(fromAsyncIterable(gen()), intersperse('.')))()).toEqual(
      E.right(['a', '.', 'b', '.', 'c']),
    );
  });

  it('should give separators free tickets and keep the elements tickets', () => {
    const { stream, log } = recordTickets(fromArray(['a', 'b', 'c']));
    const got: Array<{ value: string; ticket: Ticket }> = [];
    tracked(stream.pipe(intersperse(','))).subscribe((t) => got.push(t));
    expect(got.map((t) => t.value)).toEqual(['a', ',', 'b', ',', 'c']);
    expect(got[1]!.ticket).toBe(Ticket.free);
    expect(got[3]!.ticket).toBe(Ticket.free);
    expect(got.filter((t) => t.value !== ',').every((t) => !t.ticket.resolved)).toBe(true);
    expect(log.open()).toBe(3);
    got.forEach((t) => t.ticket.resolve());
    expect(log.open()).toBe(0);
  });

  it('should resolve each element ticket at the sink (marble time)', () => {
    const ts = testScheduler();
    let log!: ReturnType<typeof recordTickets<string>>['log'];
    ts.run(({ cold, expectObservable }) => {
      const recorded = recordTickets(cold<string>('-a----b----|'), () => ts.now());
      log = recorded.log;
      expectObservable(recorded.stream.pipe(intersperse(','))).toBe('-a----(,b)-|');
    });
    expect(log.entries.map((e) => [e.value, e.resolvedAt])).toEqual([
      ['a', 1],
      ['b', 6],
    ]);
  });

  it('should stop with a take that ends on a separator', async () => {
    expect(await runCollect(pipe(fromArray(['a', 'b', 'c']), intersperse(','), take(2)))()).toEqual(
      E.right(['a', ',']),
    );
  });

  it('should pass a typed failure as it is and a defect as a Defect', async () => {
    expect(await runCollect(pipe(fail('typed'), intersperse(',')))()).toEqual(E.left('typed'));
    const boom = new Error('boom');
    expect(
      await runCollect(
        pipe(
          fromArray(['a', 'b']),
          map((s) => {
            if (s === 'b') throw boom;
            return s;
          }),
          intersperse(','),
        ),
      )(),
    ).toEqual(E.left(new Defect(boom, 'map')));
  });
});
