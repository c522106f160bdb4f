/**
 * Bugs found in review, each pinned by the case that showed it.
 */
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import { Observable } from 'rxjs';
import {
  acquireRelease,
  CreditStats,
  debounce,
  fail,
  fromArray,
  mapM,
  merge,
  Om,
  runCollect,
  unfoldOm,
} from '../src/index';
import { sleep } from './helpers';

describe('regressions', () => {
  it('should stop a synchronous Observable effect at its first value', async () => {
    let emitted = 0;
    const effect = new Observable<number>((s) => {
      let i = 0;
      while (!s.closed && i < 100_000) {
        emitted++;
        s.next(i++);
      }
      s.complete();
    });
    expect(await runCollect(fromArray([1]).pipe(mapM(() => effect)))()).toEqual(E.right([0]));
    expect(emitted).toBe(1);
  });

  it('should keep the newest element when debounce takes one in while resolving an overtaken one', async () => {
    // a poll that answers synchronously when it can, asynchronously otherwise
    const steps: Array<() => unknown> = [
      () => O.some(['a', 1]),
      () => () => new Promise((r) => setTimeout(() => r(O.some(['b', 2])), 5)),
      () => O.some(['c', 3]),
      () => () => new Promise((r) => setTimeout(() => r(O.none), 100)),
    ];
    const stats = new CreditStats();
    const source = unfoldOm((i: number) => steps[i]!() as O.Option<[string, number]>, 0, { stats });
    expect(await runCollect(source.pipe(debounce(20)))()).toEqual(E.right(['c']));
    expect(stats.pulled).toBe(3);
    expect(stats.finished).toBe(3);
  });

  it('should stop an acquisition still running when the stream is cut short', async () => {
    let subscribed = 0;
    let unsubscribed = 0;
    const acquire = new Observable<string>(() => {
      subscribed++;
      return () => {
        unsubscribed++;
      };
    });
    const s = acquireRelease(
      acquire,
      () => undefined,
      () => fromArray([1]),
    ).pipe(merge(fail('stop' as const)));
    const outcome = await Promise.race([runCollect(s)(), sleep(2000).then(() => 'pending' as const)]);
    expect(outcome).toEqual(E.left('stop'));
    expect([subscribed, unsubscribed]).toEqual([1, 1]);
  });

  it.each([
    ['inParallel', Om.inParallel([Om.delay(50), Om.delay(50)])],
    ['race', Om.race([Om.delay(50), Om.delay(50)])],
    ['timeout', Om.timeout(500)(Om.inParallel([Om.delay(50)]))],
  ])('should settle %s with InterruptedError when the caller aborts', async (_name, om) => {
    const controller = new AbortController();
    const running = Om.unsafeRun(om as Om.Om<unknown, never, unknown>, {}, controller.signal);
    setTimeout(() => controller.abort(), 10);
    const outcome = await Promise.race([running, sleep(500).then(() => 'pending' as const)]);
    expect(outcome).not.toBe('pending');
    const left = E.isLeft(outcome as E.Either<unknown, unknown>)
      ? (outcome as E.Left<{ cause: unknown }>).left
      : undefined;
    expect(left?.cause).toBeInstanceOf(Om.InterruptedError);
  });
});
