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
 * If acquiring fails, nothing is released. The release starts when `use` ends, not when its elements are
 * finished below: an element still being processed by a slow stage downstream (an asynchronous sink, say) must
 * not need the resource any more. (This is the bracket of fs2 and ZIO. Releasing only once the elements are
 * finished would wait on stages such as `grouped`, which finish their last elements only after the completion.)
 *
 * ```
 * use(conn):   --a--b--c--|     acquireRelease(open, close, use)
 * result:      --a--b--c---     (close(conn) starts at frame 11; the completion follows once it has finished)
 * ```
 *
 * @example
 * acquireRelease(
 *   () => pool.connect(),
 *   (client) => client.release(),
 *   (client) => fromAsyncIterable(client.query(cursor)),
 * )
 *
 * @param acquire the effect that gets the resource (an effect, or a function returning it or a Promise of it)
 * @param release the effect that gives it back
 * @param use the stream that uses it
 * @category sources
 * @since 0.1.0
 */
export function acquireRelease<Res, B, E1 = never, R1 = unknown, R2 = unknown, E3 = never, R3 = unknown>(
  acquire: EffectLike<R1, E1, Res> | (() => PromiseLike<Res>) | (() => Res),
  release: (resource: Res) => EffectLike<R2, unknown, unknown>,
  use: (resource: Res) => Observable<B> & Typed<E3, R3>,
): Stream<B, E1 | E3, R1 & R2 & R3> {
  return make<B, E1 | E3, R1 & R2 & R3>((out, ctx) => {
    let resource: { value: Res } | undefined;
    let released = false;
    let cancelled = false;
    let acquired: () => void = () => undefined;
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
    // the run waits for the acquisition too, so that a resource that arrives after the run was cut short is
    // released before its runner resolves
    ctx.finalizers.add(new Promise<void>((resolve) => (acquired = resolve)));
    const acquiring = new AbortController();
    let settled = false;
    const cancelAcquire = startEffect<Res>(
      acquire,
      ctx.env,
      acquiring.signal,
      {
        value: (res) => {
          settled = true;
          resource = { value: res };
          if (cancelled || out.closed) {
            ctx.finalizers.add(doRelease());
            acquired();
            return;
          }
          acquired();
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
        failure: (e) => {
          settled = true;
          acquired();
          out.error(e);
        },
        defect: (d) => {
          settled = true;
          acquired();
          out.error(d);
        },
      },
      'acquireRelease: acquire',
    );
    return () => {
      cancelled = true;
      if (resource !== undefined && !released) ctx.finalizers.add(doRelease());
      if (!settled) {
        // cut short while acquiring: an Om gets its signal aborted; an Observable is unsubscribed and, as it can
        // give no resource any more, nothing is left to wait for. (A Promise cannot be stopped: its resource is
        // released when it arrives, and the run waits for that.)
        acquiring.abort();
        if (cancelAcquire !== undefined) {
          cancelAcquire();
          acquired();
        }
      }
    };
  });
}
