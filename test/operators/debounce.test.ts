import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { debounce, fail, fromArray, runCollect } from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('debounce', () => {
  it('should emit an element after a quiet time and the last one at completion (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-----c--|');
      const expected = '   ------b-----(c|)';
      expectObservable(source.pipe(debounce(3))).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe('^-----------!');
    });
  });

  it('should emit every element of a slow source', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a----b----c----|').pipe(debounce(2))).toBe('---a----b----c--|');
    });
  });

  it('should keep only the last element of a burst', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-(abc)-------(de)----|').pipe(debounce(3))).toBe('----c-----------e----|');
    });
  });

  it('should handle never, empty, one value and never-ending sources', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-').pipe(debounce(3))).toBe('-');
      expectObservable(cold('|').pipe(debounce(3))).toBe('|');
      expectObservable(cold('-a|').pipe(debounce(3))).toBe('--(a|)');
      expectObservable(cold('-a-b-c-d-').pipe(debounce(3))).toBe('----------d');
    });
  });

  it('should pass an error on at once and drop the waiting element', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-#', undefined, 'err');
      expectObservable(source.pipe(debounce(5))).toBe('---#', undefined, 'err');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('should cancel the timer at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-------b---|');
      expectObservable(source.pipe(debounce(3)), '------!').toBe('----a-');
      expectSubscriptions(source.subscriptions).toBe('^-----!');
      const source2 = cold('-a---|');
      expectObservable(source2.pipe(debounce(3)), '--!').toBe('--');
    });
  });

  it('should resolve the ticket of a dropped element when a newer one comes', () => {
    const scheduler = testScheduler();
    let log: TicketLog<string> | undefined;
    scheduler.run(({ cold, expectObservable }) => {
      const r = recordTickets<string>(cold('-a-b-----c--|'), () => scheduler.now());
      log = r.log;
      expectObservable(r.stream.pipe(debounce(3))).toBe('------b-----(c|)');
    });
    expect(log!.entries.map((e) => [e.value, e.emittedAt, e.resolvedAt])).toEqual([
      ['a', 1, 3], // dropped when b came
      ['b', 3, 6], // emitted (and handed off) after the quiet time
      ['c', 9, 12], // emitted at completion
    ]);
  });

  it('should resolve nothing for the element lost to an error', () => {
    const scheduler = testScheduler();
    let log: TicketLog<string> | undefined;
    scheduler.run(({ cold, expectObservable }) => {
      const r = recordTickets<string>(cold('-a-b#'), () => scheduler.now());
      log = r.log;
      expectObservable(r.stream.pipe(debounce(3))).toBe('----#');
    });
    expect(log!.entries.map((e) => [e.value, e.resolvedAt])).toEqual([
      ['a', 3],
      ['b', undefined],
    ]);
  });

  it('should run synchronous Streams through the runner, resolving every ticket', async () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4]));
    expect(await pipe(stream, debounce(10), runCollect)()).toEqual(E.right([4]));
    expect(log.open()).toBe(0);
    expect(await pipe(fail('bad'), debounce(1), runCollect)()).toEqual(E.left('bad'));
  });

  it('should drop within the credit of a long synchronous source', async () => {
    // each dropped element returns its credit at once, so the source is never stuck
    const { stream, log } = recordTickets(
      fromArray(
        Array.from({ length: 1000 }, (_, i) => i),
        { credit: 2 },
      ),
    );
    expect(await pipe(stream, debounce(5), runCollect)()).toEqual(E.right([999]));
    expect(log.open()).toBe(0);
  });

  it('should drop nothing from a source with one credit, which waits for each element', async () => {
    expect(await pipe(fromArray([1, 2, 3], { credit: 1 }), debounce(2), runCollect)()).toEqual(
      E.right([1, 2, 3]),
    );
  });

  it('should reject a negative time', () => {
    expect(() => debounce(-1)).toThrow(RangeError);
  });
});
