import { Observable } from 'rxjs';
import { Defect } from '../om/errors.js';
import { EffectLike, effectPromise, startEffect } from '../stream/effect.js';
import { make, subscribeLinked } from '../stream/operate.js';
import { Stream, toStream, Typed } from '../stream/Stream.js';

/**
 * A stream that acquires a resource, uses it, and releases it **every time**: when the stream completes, when it
 * fails, and when it is unsubscribed early (`take`, a failing stage below, a runner cut short). Arguments in
 * Strom's order: acquire, release, use.
 *
 * On completion and failure the release finishes before the stream completes or fails; on unsubscription it
 * runs after, and a runner waits for it before it resolves. A failing release fails the run with a `Defect`.
 * If acquiring fails, nothing is released.
 *
 * ```
 * acquireRelease(open, close, (conn) => fromArray(rows(conn)))
 * --(abc)--[close]--|
 * ```
 *
 * @example
 * acquireRelease(
 *   () => pool.connect(),
 *   (client) => client.release(),
 *   (client) => fromAsyncIterable(client.query(cursor)),
 * )
 *
 * @param acquire the effect that gets the resource
 * @param release the effect that gives it back
 * @param use the stream that uses it
 * @category sources
 * @since 0.1.0
 */
export function acquireRelease<Res, B, E1 = never, R1 = unknown, R2 = unknown, E3 = never, R3 = unknown>(
  acquire: EffectLike<R1, E1, Res> | (() => PromiseLike<Res>),
  release: (resource: Res) => EffectLike<R2, unknown, unknown>,
  use: (resource: Res) => Observable<B> & Typed<E3, R3>,
): Stream<B, E1 | E3, R1 & R2 & R3> {
  return make<B, E1 | E3, R1 & R2 & R3>((out, ctx) => {
    let resource: { value: Res } | undefined;
    let released = false;
    let cancelled = false;
    const doRelease = (): Promise<unknown> => {
      released = true;
      try {
        return effectPromise(release(resource!.value), ctx.env, 'acquireRelease: release');
      } catch (reason) {
        return Promise.reject(Defect.of(reason, 'acquireRelease: release'));
      }
    };
    const releaseThen = (then: () => void): void => {
      const p = doRelease();
      ctx.finalizers.add(p);
      p.then(then, (reason: unknown) => out.error(Defect.of(reason, 'acquireRelease: release')));
    };
    startEffect<Res>(
      acquire,
      ctx.env,
      undefined,
      {
        value: (res) => {
          resource = { value: res };
          if (cancelled || out.closed) {
            ctx.finalizers.add(doRelease());
            return;
          }
          let inner: Stream<B, E3, R3>;
          try {
            inner = toStream<B, E3, R3>(use(res));
          } catch (reason) {
            return releaseThen(() => out.error(Defect.of(reason, 'acquireRelease: use')));
          }
          subscribeLinked(
            inner.openTracked(ctx),
            out,
            (t) => out.next(t),
            (e) => releaseThen(() => out.error(e)),
            () => releaseThen(() => out.complete()),
          );
        },
        failure: (e) => out.error(e),
        defect: (d) => out.error(d),
      },
      'acquireRelease: acquire',
    );
    return () => {
      cancelled = true;
      if (resource !== undefined && !released) ctx.finalizers.add(doRelease());
    };
  });
}
