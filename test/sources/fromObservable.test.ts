import * as E from 'fp-ts/Either';
import { of, Subject, throwError } from 'rxjs';
import { fromArray, fromObservable, isStream, runCollect, Ticket, Tracked, tracked } from '../../src/index';
import { testScheduler } from '../helpers';

describe('fromObservable', () => {
  it('should emit the values of a cold observable (marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b|');
      expectObservable(fromObservable(source)).toBe('-a-b|');
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('should subscribe a cold observable anew for each subscriber', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b|');
      const s = fromObservable(source);
      expectObservable(s).toBe('-a-b|');
      expectObservable(s, '--^').toBe('---a-b|');
      expectSubscriptions(source.subscriptions).toBe(['^---!', '--^---!']);
    });
  });

  it('should follow a hot observable from the time of subscription', () => {
    testScheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('-a-^-b-(cd)-|');
      const expected = '   --b-(cd)-|';
      const subs = '      ^--------!';
      expectObservable(fromObservable(source)).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe(subs);
    });
  });

  it('should handle never, empty and a typed error', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(fromObservable(cold('-'))).toBe('-');
      expectObservable(fromObservable(cold('|'))).toBe('|');
      expectObservable(fromObservable(cold('-a-#', undefined, 'err'))).toBe('-a-#', undefined, 'err');
    });
  });

  it('should unsubscribe the observable on an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c-d|');
      expectObservable(fromObservable(source), '^---!').toBe('-a-b-');
      expectSubscriptions(source.subscriptions).toBe('^---!');
    });
  });

  it('should return a Stream as it is', () => {
    const stream = fromArray([1]);
    expect(fromObservable(stream)).toBe(stream);
    expect(isStream(fromObservable(of(1)))).toBe(true);
  });

  it('should give its elements free tickets: no credit bounds a push source', () => {
    const subject = new Subject<number>();
    const seen: Array<Tracked<number>> = [];
    tracked(fromObservable(subject)).subscribe((t) => seen.push(t));
    for (let i = 0; i < 1000; i++) subject.next(i);
    expect(seen).toHaveLength(1000);
    expect(seen.every((t) => t.ticket === Ticket.free)).toBe(true);
  });

  it('should run with a runner, its error a typed failure (not a Defect)', async () => {
    expect(await runCollect(fromObservable(of(1, 2, 3)))()).toEqual(E.right([1, 2, 3]));
    const failure = { code: 42 };
    const result = await runCollect(fromObservable<number, { code: number }>(throwError(() => failure)))();
    expect(result).toEqual(E.left(failure));
    expect(E.isLeft(result) && result.left).toBe(failure);
  });
});
