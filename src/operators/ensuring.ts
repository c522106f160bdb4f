import { Observable } from 'rxjs';
import { Defect } from '../om/errors.js';
import { EffectLike, effectPromise } from '../stream/effect.js';
import { make, subscribeLinked } from '../stream/operate.js';
import { Stream, toStream, Typed } from '../stream/Stream.js';

/**
 * Runs `finalizer` once when the stream ends, however it ends: completion, failure, or unsubscription. On
 * completion and failure the finalizer finishes first; on unsubscription a runner waits for it before it
 * resolves. A failing finalizer fails the run with a `Defect`.
 *
 * ```
 * --a--b--|    ensuring(finalizer)
 * --a--b---    (the finalizer starts at frame 8; the completion follows once it has finished)
 * ```
 *
 * @param finalizer the effect to run at the end: an `Om`, a `TaskEither`, or a function returning a Promise
 * @category operators
 * @since 0.1.0
 */
export function ensuring<R2 = unknown>(
  finalizer: EffectLike<R2, unknown, unknown> | (() => PromiseLike<unknown> | void),
): <A, E = never, R = unknown>(source: Observable<A> & Typed<E, R>) => Stream<A, E, R & R2> {
  return <A, E, R>(source: Observable<A> & Typed<E, R>) => {
    const s = toStream<A, E, R>(source);
    return make<A, E, R & R2>((out, ctx) => {
      let ran = false;
      const run = (): Promise<unknown> => {
        ran = true;
        const p = effectPromise(finalizer, ctx.env, 'ensuring');
        ctx.finalizers.add(p);
        return p;
      };
      const runThen = (then: () => void): void => {
        run().then(then, (reason: unknown) => out.error(Defect.of(reason, 'ensuring')));
      };
      subscribeLinked(
        s.openTracked(ctx),
        out,
        (t) => out.next(t),
        (e) => runThen(() => out.error(e)),
        () => runThen(() => out.complete()),
      );
      return () => {
        if (!ran) void run().catch(() => undefined);
      };
    });
  };
}
