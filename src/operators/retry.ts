import { asyncScheduler, Observable, SchedulerLike } from 'rxjs';
import { Defect } from '../om/errors.js';
import { RetryPolicy, retryDelay, retryPolicy } from '../om/Schedule.js';
import { make, subscribeLinked } from '../stream/operate.js';
import { Stream, toStream, Typed } from '../stream/Stream.js';

/**
 * When the stream fails with a typed error, subscribes to it again after the policy's delay, up to
 * `policy.retries` times in all (a number is a count with no delay). Elements already emitted stay emitted: a
 * retried source starts over. Defects are not retried. Time runs on `scheduler`.
 *
 * ```
 * source: --a--#                 (fails every time)
 * retry({ retries: 2, delayMs: 1 })
 *         --a-----a------a--#    (waits 1, then 2: the default backoff doubles each wait)
 * ```
 *
 * @param policy how many retries, the backoff, and which failures to retry
 * @param scheduler where time runs (default `asyncScheduler`)
 * @category operators
 * @since 0.1.0
 */
export function retry<E>(
  policy: RetryPolicy<E> | number,
  scheduler: SchedulerLike = asyncScheduler,
): <A, R = unknown>(source: Observable<A> & Typed<E, R>) => Stream<A, E, R> {
  const p = retryPolicy(policy);
  return <A, R>(source: Observable<A> & Typed<E, R>) => {
    const s = toStream<A, E, R>(source);
    return make<A, E, R>((out, ctx) => {
      let attempt = 0;
      const start = (): void => {
        subscribeLinked(
          s.openTracked(ctx),
          out,
          (t) => out.next(t),
          (e) => {
            if (e instanceof Defect || attempt >= p.retries) return out.error(e);
            attempt++;
            if (p.while !== undefined) {
              let go: boolean;
              try {
                go = p.while(e as E, attempt);
              } catch (reason) {
                return out.error(Defect.of(reason, 'retry'));
              }
              if (!go) return out.error(e);
            }
            const retrying = scheduler.schedule(
              () => {
                out.remove(retrying);
                start();
              },
              retryDelay(p, attempt),
            );
            out.add(retrying);
          },
        );
      };
      start();
    });
  };
}
