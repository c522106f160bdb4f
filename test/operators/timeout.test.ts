import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { NEVER, of } from 'rxjs';
import {
  catchAll,
  Defect,
  fail,
  fromArray,
  fromAsyncIterable,
  isDefect,
  runCollect,
  take,
  timeout,
  TimeoutError,
} from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { testScheduler } from '../helpers';

const timedOut = new TimeoutError(4, 'stream');

describe('timeout', () => {
  it('should fail when a gap between elements exceeds the limit (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a--b------c-|');
      const expected = '   -a--b---#';
      expectObservable(source.pipe(timeout(4))).toBe(expected, undefined, timedOut);
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('should fail with a typed TimeoutError, not a Defect, that catchAll can handle', () => {
    const seen: unknown[] = [];
    testScheduler().run(({ cold, expectObservable }) => {
      const result = cold('------a|').pipe(timeout(4));
      result.subscribe({ error: (e) => seen.push(e) });
      expectObservable(result.pipe(catchAll((e: TimeoutError) => of(e.ms)))).toBe('----(x|)', { x: 4 });
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(TimeoutError);
    expect(isDefect(seen[0])).toBe(false);
    expect((seen[0] as TimeoutError).ms).toBe(4);
    expect((seen[0] as TimeoutError)._tag).toBe('TimeoutError');
  });

  it('should fail when the first element comes too late', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('------a|');
      expectObservable(source.pipe(timeout(4))).toBe('----#', undefined, timedOut);
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('should fail when the completion comes too late after the last element', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-b------|').pipe(timeout(4))).toBe('-a-b---#', undefined, timedOut);
    });
  });

  it('should fail a never-ending source, with or without elements', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-').pipe(timeout(4))).toBe('----#', undefined, timedOut);
      expectObservable(cold('-a-b-c-').pipe(timeout(4))).toBe('-a-b-c---#', undefined, timedOut);
    });
  });

  it('should let a gap of exactly the limit through, at the start as between elements', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('----a---b---|').pipe(timeout(4))).toBe('----a---b---|');
      expectObservable(cold('----a---b----|').pipe(timeout(4))).toBe('----a---b---#', undefined, timedOut);
      expectObservable(cold('-----a|').pipe(timeout(4))).toBe('----#', undefined, timedOut);
    });
  });

  it('should pass everything of a source that is always in time', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('|').pipe(timeout(4))).toBe('|');
      expectObservable(cold('-(abc)d|').pipe(timeout(5))).toBe('-(abc)d|');
      expectObservable(cold('--a--b--c--|').pipe(timeout(3))).toBe('--a--b--c--|');
    });
  });

  it('should pass the source error on and stop its timer', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-#', undefined, 'err').pipe(timeout(4))).toBe('-a-#', undefined, 'err');
    });
  });

  it('should stop its timer at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a------|');
      expectObservable(source.pipe(timeout(4)), '---!').toBe('-a-');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('should resolve nothing for an element lost to the timeout', () => {
    const scheduler = testScheduler();
    let log: TicketLog<string> | undefined;
    scheduler.run(({ cold, expectObservable }) => {
      const r = recordTickets<string>(cold('-a------b|'), () => scheduler.now());
      log = r.log;
      expectObservable(r.stream.pipe(timeout(4))).toBe('-a---#', undefined, timedOut);
    });
    expect(log!.entries.map((e) => [e.value, e.resolvedAt])).toEqual([['a', 1]]);
  });

  it('should give Left(TimeoutError) from the runner on real time', async () => {
    const result = await pipe(NEVER, timeout(20), runCollect)();
    expect(result).toEqual(E.left(new TimeoutError(20, 'stream')));
    expect(E.isLeft(result) && result.left).toBeInstanceOf(TimeoutError);
    expect(E.isLeft(result) && result.left).not.toBeInstanceOf(Defect);
    expect(await pipe(fromArray([1, 2, 3]), timeout(50), runCollect)()).toEqual(E.right([1, 2, 3]));
    expect(await pipe(fromArray([1, 2, 3]), timeout(50), take(1), runCollect)()).toEqual(E.right([1]));
    // an asynchronous source whose elements come in time
    async function* ticks() {
      for (const n of [1, 2, 3]) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        yield n;
      }
    }
    expect(await pipe(fromAsyncIterable(ticks()), timeout(200), runCollect)()).toEqual(E.right([1, 2, 3]));
    expect(await pipe(fail('bad'), timeout(50), runCollect)()).toEqual(E.left('bad'));
  });

  it('should reject a limit that is not positive', () => {
    expect(() => timeout(0)).toThrow(RangeError);
  });
});
