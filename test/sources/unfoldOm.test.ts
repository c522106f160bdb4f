import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type { Option } from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { Observable, take as rxTake, toArray } from 'rxjs';
import { CreditStats, Defect, Om, runCollect, unfoldOm } from '../../src/index';
import { flushPromises, hold, testScheduler } from '../helpers';

type Page = Option<readonly [string, number]>;

/** Pages 1 to 3 are 'a', 'b', 'c'; page 4 is empty. */
const page = (n: number): Page => (n <= 3 ? O.some(['abc'[n - 1]!, n + 1] as const) : O.none);

describe('unfoldOm', () => {
  it('should run one step at a time until a step gives none (marble)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      // each fetch takes 2 frames
      const fetchPage = (n: number): Observable<Page> => cold('--x|', { x: page(n) });
      expectObservable(unfoldOm<number, string>(fetchPage, 1)).toBe('--a-b-c-|');
    });
  });

  it('should run Om steps with a runner', async () => {
    const steps: number[] = [];
    const s = unfoldOm((n: number) => {
      steps.push(n);
      return Om.succeed(page(n));
    }, 1);
    expect(await runCollect(s)()).toEqual(E.right(['a', 'b', 'c']));
    expect(steps).toEqual([1, 2, 3, 4]);
  });

  it('should run steps that are plain values or Promises', async () => {
    expect(await runCollect(unfoldOm((n: number) => page(n), 1))()).toEqual(E.right(['a', 'b', 'c']));
    expect(await runCollect(unfoldOm((n: number) => Promise.resolve(page(n)), 1))()).toEqual(
      E.right(['a', 'b', 'c']),
    );
  });

  it('should run a long run of synchronous steps without overflowing the stack', async () => {
    const n = 50_000;
    const result = await runCollect(
      unfoldOm((i: number) => (i < n ? O.some([i, i + 1] as const) : O.none), 0),
    )();
    expect(E.isRight(result) && result.right.length).toBe(n);
  });

  it('should start from the seed again for each subscription', async () => {
    const s = unfoldOm((n: number) => TE.right(page(n)), 2);
    expect(await runCollect(s)()).toEqual(E.right(['b', 'c']));
    expect(await runCollect(s)()).toEqual(E.right(['b', 'c']));
  });

  it('should never run two steps at once', async () => {
    let running = 0;
    let most = 0;
    const s = unfoldOm(
      (n: number) =>
        Om.fromPromise(
          () =>
            new Promise<Page>((resolve) => {
              running++;
              most = Math.max(most, running);
              setTimeout(() => {
                running--;
                resolve(page(n));
              }, 1);
            }),
        ),
      1,
    );
    expect(await runCollect(s)()).toEqual(E.right(['a', 'b', 'c']));
    expect(most).toBe(1);
  });

  it('should fail with the raw Left value of a typed failure', async () => {
    const failure = { _tag: 'PageGone' as const, page: 2 };
    const s = unfoldOm<number, string, typeof failure>(
      (n) => (n < 2 ? Om.succeed(page(n)) : Om.fail(failure)),
      1,
    );
    const { values, state } = hold(s);
    await flushPromises();
    expect(values()).toEqual(['a']);
    expect(state.error).toBe(failure);
    expect(await runCollect(s)()).toEqual(E.left(failure));
  });

  it('should fail with a Defect when the step throws or its effect rejects', async () => {
    const boom = new Error('boom');
    const thrown = await runCollect(
      unfoldOm((n: number) => {
        if (n === 2) throw boom;
        return page(n);
      }, 1),
    )();
    expect(thrown).toEqual(E.left(new Defect(boom, 'unfoldOm')));
    expect(E.isLeft(thrown) && (thrown.left as Defect).cause).toBe(boom);
    const rejected = await runCollect(unfoldOm(() => () => Promise.reject(boom), 1))();
    expect(rejected).toEqual(E.left(new Defect(boom, 'unfoldOm')));
  });

  it('should run the steps with the context of the stream', async () => {
    const s = unfoldOm(
      (n: number) => Om.asks((r: { last: number }) => (n <= r.last ? O.some([n, n + 1] as const) : O.none)),
      1,
    );
    const { values, state } = hold(s, { last: 3 });
    await flushPromises();
    expect(values()).toEqual([1, 2, 3]);
    expect(state.completed).toBe(true);
  });

  it('should run exactly `credit` steps, then one more per resolved ticket', async () => {
    const steps: number[] = [];
    const stats = new CreditStats();
    const s = unfoldOm(
      (n: number) => {
        steps.push(n);
        return Om.succeed(O.some([n, n + 1] as const));
      },
      0,
      { credit: 2, stats },
    );
    const { held, values } = hold(s);
    await flushPromises();
    expect(values()).toEqual([0, 1]);
    expect(steps).toEqual([0, 1]);
    held[1]!.ticket.resolve();
    await flushPromises();
    expect(values()).toEqual([0, 1, 2]);
    expect(steps).toEqual([0, 1, 2]);
    expect(stats).toMatchObject({ pulled: 3, finished: 1, inFlight: 2, maxInFlight: 2 });
  });

  it('should cancel the running step on an early unsubscription and run no more', async () => {
    const signals: Array<AbortSignal | undefined> = [];
    const s = unfoldOm(
      (n: number) =>
        Om.fromPromise((signal) => {
          signals.push(signal);
          return n === 0 ? Promise.resolve(O.some([n, n + 1] as const)) : new Promise<never>(() => undefined);
        }),
      0,
    );
    const { subscription, values } = hold(s);
    await flushPromises();
    expect(values()).toEqual([0]);
    expect(signals).toHaveLength(2);
    expect(signals[1]!.aborted).toBe(false);
    subscription.unsubscribe();
    expect(signals[1]!.aborted).toBe(true);
    await flushPromises();
    expect(signals).toHaveLength(2);
  });

  it('should unsubscribe an Observable step on an early unsubscription', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const step = cold('---x|', { x: page(1) });
      expectObservable(
        unfoldOm<number, string>(() => step, 1),
        '^-!',
      ).toBe('---');
      expectSubscriptions(step.subscriptions).toBe('^-!');
    });
  });

  it('should stop an infinite unfold taken short', async () => {
    const got = await new Promise<number[]>((resolve) =>
      unfoldOm((n: number) => Om.succeed(O.some([n, n * 2] as const)), 1)
        .pipe(rxTake(5), toArray())
        .subscribe(resolve),
    );
    expect(got).toEqual([1, 2, 4, 8, 16]);
  });

  it('should reject a bad credit when made', () => {
    expect(() => unfoldOm(() => O.none, 0, { credit: 0 })).toThrow(RangeError);
  });
});
