import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of } from 'rxjs';
import { fail, fromArray, fromAsyncIterable, interleave, runCollect, take } from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('interleave', () => {
  it('should alternate strictly whatever the timing (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-1---------3---------|');
      const that = cold('  ----2-4-6-|');
      const expected = '   -1--2------(34)------(6|)';
      expectObservable(source.pipe(interleave(that))).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe('^--------------------!');
      expectSubscriptions(that.subscriptions).toBe('  ^---------!');
    });
  });

  it('should wait for the other side when the source comes faster', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-(abc)--|');
      const that = cold('  ---x-----y----|');
      // a, then x's turn; b after x; c after y
      expectObservable(source.pipe(interleave(that))).toBe('-a-(xb)--(yc)-|');
    });
  });

  it('should give the rest of the longer stream once the shorter ends', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-b-c-d-e|').pipe(interleave(cold('--x|')))).toBe('-axb-c-d-e|');
      expectObservable(cold('-a|').pipe(interleave(cold('--x-y-z|')))).toBe('-ax-y-z|');
    });
  });

  it('should handle never and empty inputs', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('|').pipe(interleave(cold('|')))).toBe('|');
      expectObservable(cold('|').pipe(interleave(cold('-x|')))).toBe('-x|');
      expectObservable(cold('-a|').pipe(interleave(cold('|')))).toBe('-a|');
      // the source never emits: `that`'s elements wait for their turn forever
      expectObservable(cold('-').pipe(interleave(cold('-x-y|')))).toBe('-');
      expectObservable(cold('-a-b|').pipe(interleave(cold('-')))).toBe('-a-');
    });
  });

  it('should fail when either side fails and unsubscribe the other', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a---b---|');
      const that = cold('  --x-#', undefined, 'that');
      expectObservable(source.pipe(interleave(that))).toBe('-ax-#', undefined, 'that');
      expectSubscriptions(source.subscriptions).toBe('^---!');
      const source2 = cold('-a-#', undefined, 'source');
      const that2 = cold('  --x---|');
      expectObservable(source2.pipe(interleave(that2))).toBe('-ax#', undefined, 'source');
      expectSubscriptions(that2.subscriptions).toBe('^--!');
    });
  });

  it('should stop both sides at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a--b--c--|');
      const that = cold('  --x--y--z--|');
      expectObservable(source.pipe(interleave(that)), '------!').toBe('-ax-by');
      expectSubscriptions(source.subscriptions).toBe('^-----!');
      expectSubscriptions(that.subscriptions).toBe('  ^-----!');
    });
  });

  it('should alternate synchronous Streams', async () => {
    expect(await pipe(fromArray([1, 3, 5, 7, 9]), interleave(fromArray([2, 4])), runCollect)()).toEqual(
      E.right([1, 2, 3, 4, 5, 7, 9]),
    );
    expect(await pipe(of(1), interleave(fromArray([2, 4, 6])), runCollect)()).toEqual(E.right([1, 2, 4, 6]));
  });

  it('should alternate strictly when a resolved ticket makes a source emit synchronously', async () => {
    // with one credit, finishing 3 lets the source emit 5 while 3 is still being emitted
    const seen: number[] = [];
    fromArray([1, 3, 5, 7], { credit: 1 })
      .pipe(interleave(fromArray([2, 4, 6, 8], { credit: 1 })))
      .subscribe((x) => seen.push(x));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const xs = Array.from({ length: 500 }, (_, i) => 2 * i);
    expect(
      await pipe(
        fromArray(xs, { credit: 1 }),
        interleave(
          fromArray(
            xs.map((x) => x + 1),
            { credit: 3 },
          ),
        ),
        runCollect,
      )(),
    ).toEqual(E.right(Array.from({ length: 1000 }, (_, i) => i)));
  });

  it('should alternate asynchronous sources in turn', async () => {
    async function* slow(xs: string[], ms: number) {
      for (const x of xs) {
        await new Promise((resolve) => setTimeout(resolve, ms));
        yield x;
      }
    }
    expect(
      await pipe(
        fromAsyncIterable(slow(['a1', 'a2', 'a3'], 5)),
        interleave(fromAsyncIterable(slow(['b1', 'b2', 'b3', 'b4'], 1))),
        runCollect,
      )(),
    ).toEqual(E.right(['a1', 'b1', 'a2', 'b2', 'a3', 'b3', 'b4']));
  });

  it('should hold the ticket of an element waiting for its turn', () => {
    const scheduler = testScheduler();
    let log: TicketLog<string> | undefined;
    scheduler.run(({ cold, expectObservable }) => {
      const l = recordTickets<string>(cold('-(abc)--|'), () => scheduler.now());
      log = l.log;
      expectObservable(l.stream.pipe(interleave(cold('---x-----y----|')))).toBe('-a-(xb)--(yc)-|');
    });
    expect(log!.entries.map((e) => [e.value, e.resolvedAt])).toEqual([
      ['a', 1],
      ['b', 3],
      ['c', 9],
    ]);
  });

  it('should pass failures and stop at take', async () => {
    expect(await pipe(fromArray([1, 3]), interleave(fail('no')), runCollect)()).toEqual(E.left('no'));
    const { stream, log } = recordTickets(fromArray([1, 3, 5, 7]));
    expect(await pipe(stream, interleave(fromArray([2, 4, 6, 8])), take(3), runCollect)()).toEqual(
      E.right([1, 2, 3]),
    );
    expect(log.entries.slice(0, 2).map((e) => e.resolvedAt !== undefined)).toEqual([true, true]);
  });
});
