import { Observable } from 'rxjs';
import { Defect } from '../om/errors.js';
import { subscribeLinked } from '../stream/operate.js';
import { make } from '../stream/operate.js';
import { Stream, toStream, Tracked, Typed } from '../stream/Stream.js';

/**
 * When the stream fails with a typed error, goes on with the stream `handler` gives for it. Defects (throws)
 * are not caught: they are bugs, not outcomes. The typed error of the result is the handler stream's.
 *
 * ```
 * --a--b--#        catchAll((e) => fromArray(['x', 'y']))
 * --a--b--(xy|)
 * ```
 *
 * @example
 * // the guide's "return empty on error, continue consuming"
 * poll$.pipe(catchAll((e) => { log(e); return empty() }))
 *
 * @param handler the stream to go on with
 * @category operators
 * @since 0.1.0
 */
export function catchAll<E, B, E2 = unknown, R2 = unknown>(
  handler: (e: E) => Observable<B> & Typed<E2, R2>,
): <A, R = unknown>(source: Observable<A> & Typed<E, R>) => Stream<A | B, E2, R & R2> {
  return <A, R>(source: Observable<A> & Typed<E, R>) => {
    const s = toStream<A, E, R>(source);
    return make<A | B, E2, R & R2>((out, ctx) => {
      const pass = (t: Tracked<A | B>): void => out.next(t);
      subscribeLinked(s.openTracked(ctx), out, pass, (e) => {
        if (e instanceof Defect) return out.error(e);
        let next: Stream<B, E2, R2>;
        try {
          next = toStream<B, E2, R2>(handler(e as E));
        } catch (reason) {
          return out.error(Defect.of(reason, 'catchAll'));
        }
        subscribeLinked(next.openTracked(ctx), out, pass);
      });
    });
  };
}
