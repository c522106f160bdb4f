import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { asyncScheduler, SchedulerLike, Subscription } from 'rxjs';
import { delay, fail, fromArray, runCollect, take } from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('delay', () => {
  it('should shift every element and complete after the last (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--|');
      const expected = '   -----a--(b|)';
      expectObservable(source.pipe(delay(3))).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('should complete at once when nothing is waiting', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-------|').pipe(delay(3))).toBe('----a----|');
    });
  });

  it('should keep bursts together and in order', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-(abc)-d---|').pipe(delay(2))).toBe('---(abc)-d-|');
    });
  });

  it('should handle never, empty, one value and never-ending sources', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-').pipe(delay(3))).toBe('-');
      expectObservable(cold('|').pipe(delay(3))).toBe('|');
      expectObservable(cold('a|').pipe(delay(3))).toBe('---(a|)');
      expectObservable(cold('-a-b-').pipe(delay(3))).toBe('----a-b-');
    });
  });

  it('should pass an error on at once and drop what is still waiting', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a---#', undefined, 'err');
      expectObservable(source.pipe(delay(3))).toBe('-----a#', undefined, 'err');
      const source2 = cold('--a-#', undefined, 'err');
      expectObservable(source2.pipe(delay(3))).toBe('----#', undefined, 'err');
      expectSubscriptions(source2.subscriptions).toBe('^---!');
    });
  });

  it('should cancel the waiting elements at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c-|');
      expectObservable(source.pipe(delay(2)), '------!').toBe('---a-b');
      expectSubscriptions(source.subscriptions).toBe('^-----!');
    });
  });

  it('should delay zero ms on the scheduler', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-b|').pipe(delay(0))).toBe('-a-b|');
    });
  });

  it('should use the scheduler it is given', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      // asyncScheduler is the virtual one inside run(); passing it explicitly works the same
      expectObservable(cold('-a|').pipe(delay(4, asyncScheduler))).toBe('-----(a|)');
    });
  });

  it('should hold each ticket until its element is emitted and finished', () => {
    const scheduler = testScheduler();
    let log: TicketLog<string> | undefined;
    scheduler.run(({ cold, expectObservable }) => {
      const r = recordTickets<string>(cold('-a-b|'), () => scheduler.now());
      log = r.log;
      expectObservable(r.stream.pipe(delay(5))).toBe('------a-(b|)');
    });
    expect(log!.entries.map((e) => [e.value, e.emittedAt, e.resolvedAt])).toEqual([
      ['a', 1, 6],
      ['b', 3, 8],
    ]);
  });

  it('should let go of each timer once it has fired', () => {
    const handles: Subscription[] = [];
    testScheduler().run(({ cold, expectObservable }) => {
      const spy: SchedulerLike = {
        now: () => asyncScheduler.now(),
        schedule: (work: any, ms?: number, state?: any) => {
          const action = asyncScheduler.schedule(work, ms, state);
          const handle = new Subscription(() => action.unsubscribe());
          handles.push(handle);
          return handle;
        },
      };
      expectObservable(cold('-a-b-c-|').pipe(delay(1, spy))).toBe('--a-b-c|');
    });
    // a fired timer is no longer held by the subscription (a long stream would otherwise keep one per
    // element), so tearing the subscription down at completion does not touch it
    expect(handles.length).toBe(3);
    expect(handles.filter((h) => h.closed).length).toBe(0);
  });

  it('should run with the runner on real time', async () => {
    const started = Date.now();
    expect(await pipe(fromArray([1, 2, 3]), delay(20), runCollect)()).toEqual(E.right([1, 2, 3]));
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(await pipe(fail('bad'), delay(5), runCollect)()).toEqual(E.left('bad'));
    const { stream, log } = recordTickets(fromArray([1, 2, 3]));
    expect(await pipe(stream, delay(1), take(2), runCollect)()).toEqual(E.right([1, 2]));
    expect(log.entries[0]!.resolvedAt).toBeDefined();
  });

  it('should reject a negative delay', () => {
    expect(() => delay(-1)).toThrow(RangeError);
  });
});
