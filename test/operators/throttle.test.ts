import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { of } from 'rxjs';
import { fail, fromArray, runCollect, throttle } from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('throttle', () => {
  it('should emit the leading element and drop the rest of the window (the doc diagram)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c----d-e-|');
      const expected = '   -a---c----d---|';
      expectObservable(source.pipe(throttle(3))).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe('^-------------!');
    });
  });

  it('should open a new window for an element exactly `ms` later', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a--b-c--d|').pipe(throttle(3))).toBe('-a--b----d|');
    });
  });

  it('should keep only the first element of a burst', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-(abc)--(de)|').pipe(throttle(5))).toBe('-a------d---|');
    });
  });

  it('should let everything through with a zero window', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-(abc)d|').pipe(throttle(0))).toBe('-(abc)d|');
    });
  });

  it('should handle never, empty, one value, errors and never-ending sources', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-').pipe(throttle(3))).toBe('-');
      expectObservable(cold('|').pipe(throttle(3))).toBe('|');
      expectObservable(cold('-a|').pipe(throttle(3))).toBe('-a|');
      expectObservable(cold('-a-b#', undefined, 'err').pipe(throttle(3))).toBe('-a--#', undefined, 'err');
      expectObservable(cold('-a-b-c-d-e-').pipe(throttle(3))).toBe('-a---c---e-');
    });
  });

  it('should stop the source at an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a---b---c---|');
      expectObservable(source.pipe(throttle(2)), '-------!').toBe('-a---b-');
      expectSubscriptions(source.subscriptions).toBe('^------!');
    });
  });

  it('should resolve the tickets of dropped elements at once', () => {
    const scheduler = testScheduler();
    let log: TicketLog<string> | undefined;
    scheduler.run(({ cold, expectObservable }) => {
      const r = recordTickets<string>(cold('-a-b-c----d-e-|'), () => scheduler.now());
      log = r.log;
      expectObservable(r.stream.pipe(throttle(3))).toBe('-a---c----d---|');
    });
    expect(log!.entries.map((e) => [e.value, e.emittedAt, e.resolvedAt])).toEqual([
      ['a', 1, 1],
      ['b', 3, 3],
      ['c', 5, 5],
      ['d', 10, 10],
      ['e', 12, 12],
    ]);
  });

  it('should run synchronous Streams and Observables through the runner', async () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4, 5]));
    // all come within the same millisecond or so: only the first passes
    expect(await pipe(stream, throttle(1000), runCollect)()).toEqual(E.right([1]));
    expect(log.open()).toBe(0);
    expect(await pipe(of(1, 2), throttle(1000), runCollect)()).toEqual(E.right([1]));
    expect(await pipe(fail('bad'), throttle(1), runCollect)()).toEqual(E.left('bad'));
  });

  it('should reject a negative window', () => {
    expect(() => throttle(-1)).toThrow(RangeError);
  });
});
