import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { asyncScheduler, SchedulerLike } from 'rxjs';
import { CreditStats, fail, fromArray, rateLimit, runCollect, take } from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('rateLimit', () => {
  it('should pass a burst of n and delay the rest (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-(abcd)------|');
      const expected = '   -(ab)c---d---|';
      expectObservable(source.pipe(rateLimit(2, 8))).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe('^------------!');
    });
  });

  it('should space a fast source at n per perMs and never drop', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      // one token every 3 frames; the source completes at 5, the last element comes at 10
      expectObservable(cold('-abcd|').pipe(rateLimit(1, 3))).toBe('-a--b--c--(d|)');
    });
  });

  it('should let n elements through per perMs over a long run', () => {
    testScheduler().run(({ cold, expectObservable, time }) => {
      // a token every 5 frames after the first burst of 2
      const source = cold('(abcdefgh)|');
      const perMs = time('----------|');
      expectObservable(source.pipe(rateLimit(2, perMs))).toBe('(ab)-c----d----e----f----g----(h|)');
    });
  });

  it('should let a burst of up to n through again after a quiet time', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-(abcde)------------------------(fghij)------------|');
      const expected = '   -(abc)-d-----e------------------(fgh)-i-----j------|';
      expectObservable(source.pipe(rateLimit(3, 18))).toBe(expected);
    });
  });

  it('should pass slow elements without delay', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a----b----c|').pipe(rateLimit(1, 5))).toBe('-a----b----c|');
    });
  });

  it('should handle never, empty, one value and never-ending sources', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-').pipe(rateLimit(1, 3))).toBe('-');
      expectObservable(cold('|').pipe(rateLimit(1, 3))).toBe('|');
      expectObservable(cold('-a|').pipe(rateLimit(1, 3))).toBe('-a|');
      expectObservable(cold('-abc-').pipe(rateLimit(1, 2))).toBe('-a-b-c-');
    });
  });

  it('should pass an error on at once, dropping what waits', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-abc#', undefined, 'err');
      expectObservable(source.pipe(rateLimit(1, 10))).toBe('-a--#', undefined, 'err');
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('should cancel its timer at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-(abc)---|');
      expectObservable(source.pipe(rateLimit(1, 4)), '--------!').toBe('-a---b--');
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('should hold the ticket of a waiting element until it passes', () => {
    const scheduler = testScheduler();
    let log: TicketLog<string> | undefined;
    scheduler.run(({ cold, expectObservable }) => {
      const r = recordTickets<string>(cold('-(abcd)------|'), () => scheduler.now());
      log = r.log;
      expectObservable(r.stream.pipe(rateLimit(2, 8))).toBe('-(ab)c---d---|');
    });
    expect(log!.entries.map((e) => [e.value, e.resolvedAt])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 5],
      ['d', 9],
    ]);
  });

  it('should slow a synchronous source down to the rate, within its credit', async () => {
    const stats = new CreditStats();
    const started = Date.now();
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4, 5, 6], { credit: 2, stats }));
    expect(await pipe(stream, rateLimit(2, 40), runCollect)()).toEqual(E.right([1, 2, 3, 4, 5, 6]));
    // 2 at once, then one every 20 ms: 4 × 20 ms
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
    expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(log.open()).toBe(0);
    expect(await pipe(fail('bad'), rateLimit(1, 10), runCollect)()).toEqual(E.left('bad'));
    expect(await pipe(fromArray([1, 2, 3]), rateLimit(1, 10), take(2), runCollect)()).toEqual(
      E.right([1, 2]),
    );
  });

  it('should schedule nothing more once take has ended the stream', async () => {
    let scheduled = 0;
    const spy: SchedulerLike = {
      now: () => asyncScheduler.now(),
      schedule: (work: any, ms?: number, state?: any) => {
        scheduled++;
        return asyncScheduler.schedule(work, ms, state);
      },
    };
    expect(await pipe(fromArray([1, 2, 3]), rateLimit(1, 10, spy), take(2), runCollect)()).toEqual(
      E.right([1, 2]),
    );
    const atEnd = scheduled;
    await new Promise((resolve) => setTimeout(resolve, 50));
    // 3 was still waiting when take ended the stream: no timer may be left running for it
    expect(scheduled).toBe(atEnd);
    expect(atEnd).toBe(1);
  });

  it('should check its arguments', () => {
    expect(() => rateLimit(0, 10)).toThrow(RangeError);
    expect(() => rateLimit(1.5, 10)).toThrow(RangeError);
    expect(() => rateLimit(1, 0)).toThrow(RangeError);
  });
});
