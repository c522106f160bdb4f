import { Observable } from 'rxjs';
import { operate, Operator, subscribeLinked } from '../stream/operate.js';
import { toStream, Typed } from '../stream/Stream.js';

/**
 * Emits the elements of the stream and of `that` as they come, both running at once; completes when both have
 * completed, fails as soon as either fails.
 *
 * ```
 * --a-----c--|     merge(that)
 * -----b-----d-|   (that)
 * --a--b--c--d-|
 * ```
 *
 * @param that the other stream
 * @category operators
 * @since 0.1.0
 */
export function merge<A, B = A, E2 = unknown, R2 = unknown>(
  that: Observable<B> & Typed<E2, R2>,
): Operator<A, A | B, E2, R2> {
  const other = toStream<B, E2, R2>(that);
  return operate<A, A | B, E2, R2>((up, out, ctx) => {
    let open = 2;
    const done = (): void => {
      if (--open === 0) out.complete();
    };
    subscribeLinked(up, out, (t) => out.next(t), undefined, done);
    if (!out.closed) subscribeLinked(other.openTracked(ctx), out, (t) => out.next(t), undefined, done);
  });
}
