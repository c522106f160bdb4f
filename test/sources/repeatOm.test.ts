import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { defer, Observable, take as rxTake, toArray } from 'rxjs';
import { CreditStats, Defect, Om, repeatOm, runCollect } from '../../src/index';
import { flushPromises, hold, testScheduler } from '../helpers';

const first = <A>(s: Observable<A>, n: number): Promise<A[]> =>
  new Promise((resolve, reject) => s.pipe(rxTake(n), toArray()).subscribe({ next: resolve, error: reject }));

describe('repeatOm', () => {
  it('should run the effect again and again, one run at a time (marble)', () => {
    const results = ['a', 'b', 'c', 'd', 'e', 'f'];
    let i = 0;
    testScheduler().run(({ cold, expectObservable }) => {
      // each poll takes 2 frames
      const poll = defer(() => cold('--x|', { x: results[i++]! }));
      expectObservable(repeatOm(poll), '^--------!').toBe('--a-b-c-d-');
    });
    expect(i).toBe(5); // the fifth poll was running when the stream was unsubscribed
  });

  it('should unsubscribe the running poll on an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const poll = cold('--x|');
      expectObservable(repeatOm(poll), '^----!').toBe('--x-x-');
      expectSubscriptions(poll.subscriptions).toBe(['^-!', '--^-!', '----^!']);
    });
  });

  it('should run an Om, a TaskEither and a Promise thunk anew each time', async () => {
    let n = 0;
    expect(await first(repeatOm(Om.fromPromise(() => Promise.resolve(++n))), 3)).toEqual([1, 2, 3]);
    let m = 0;
    expect(await first(repeatOm(TE.fromIO(() => ++m)), 3)).toEqual([1, 2, 3]);
    let k = 0;
    expect(
      await first(
        repeatOm(() => Promise.resolve(++k)),
        3,
      ),
    ).toEqual([1, 2, 3]);
  });

  it('should repeat a synchronous effect without overflowing the stack', async () => {
    let n = 0;
    const got = await first(
      repeatOm(() => ++n),
      30_000,
    );
    expect(got).toHaveLength(30_000);
    expect(got[29_999]).toBe(30_000);
  });

  it('should end with the raw Left value of a typed failure', async () => {
    const failure = { _tag: 'PollFailed' as const };
    let n = 0;
    const s = repeatOm<number, typeof failure>(() => (++n < 3 ? TE.right(n) : TE.left(failure))());
    const result = await runCollect(s)();
    expect(result).toEqual(E.left(failure));
    expect(E.isLeft(result) && result.left).toBe(failure);
    expect(n).toBe(3);
  });

  it('should end with a Defect for a throw or a rejection', async () => {
    const boom = new Error('boom');
    let n = 0;
    const rejected = await runCollect(
      repeatOm(() => (++n < 3 ? Promise.resolve(n) : Promise.reject(boom))),
    )();
    expect(rejected).toEqual(E.left(new Defect(boom, 'repeatOm')));
    expect(E.isLeft(rejected) && (rejected.left as Defect).cause).toBe(boom);
    const thrown = await runCollect(
      repeatOm(() => {
        throw boom;
      }),
    )();
    expect(thrown).toEqual(E.left(new Defect(boom, 'repeatOm')));
  });

  it('should run the effect with the context of the stream', async () => {
    const { values, state, subscription } = hold(
      repeatOm(
        Om.asks((r: { tick: string }) => r.tick),
        { credit: 2 },
      ),
      { tick: 't' },
    );
    await flushPromises();
    subscription.unsubscribe();
    expect(values()).toEqual(['t', 't']);
    expect(state.error).toBeUndefined();
  });

  it('should run exactly `credit` times, then once more per resolved ticket', async () => {
    let runs = 0;
    const stats = new CreditStats();
    const { held, values } = hold(
      repeatOm(
        Om.fromPromise(() => Promise.resolve(++runs)),
        { credit: 3, stats },
      ),
    );
    await flushPromises();
    expect(values()).toEqual([1, 2, 3]);
    expect(runs).toBe(3);
    await flushPromises();
    expect(runs).toBe(3);
    held[0]!.ticket.resolve();
    await flushPromises();
    expect(values()).toEqual([1, 2, 3, 4]);
    expect(runs).toBe(4);
    expect(stats).toMatchObject({ pulled: 4, finished: 1, inFlight: 3, maxInFlight: 3 });
  });

  it('should cancel the running effect on an early unsubscription and start no other', async () => {
    const signals: Array<AbortSignal | undefined> = [];
    const s = repeatOm(
      Om.fromPromise((signal) => {
        signals.push(signal);
        return signals.length === 1 ? Promise.resolve('first') : new Promise<string>(() => undefined);
      }),
    );
    const { subscription, values } = hold(s);
    await flushPromises();
    expect(values()).toEqual(['first']);
    expect(signals).toHaveLength(2);
    subscription.unsubscribe();
    expect(signals[1]!.aborted).toBe(true);
    await flushPromises();
    expect(signals).toHaveLength(2);
  });

  it('should reject a bad credit when made', () => {
    expect(() => repeatOm(1, { credit: 0 })).toThrow(RangeError);
  });
});
