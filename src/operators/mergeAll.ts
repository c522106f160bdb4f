import { Observable } from 'rxjs';
import { make, subscribeLinked } from '../stream/operate.js';
import { Stream, toStream, Typed } from '../stream/Stream.js';

type ValueOf<S> = S extends Observable<infer A> ? A : never;
type ErrorOf<S> = S extends Typed<infer E, unknown> ? E : never;
type ContextOf<S> = S extends Typed<unknown, infer R> ? R : unknown;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

/**
 * Runs all the streams at once and emits their elements as they come (Strom's `mergeAll`, which takes an
 * array). Completes when every stream has completed (at once for none), fails as soon as one fails.
 *
 * ```
 * mergeAll([s1, s2, s3])
 * s1: --a-----d--|
 * s2: ----b------|
 * s3: ------c-|
 *     --a-b-c-d--|
 * ```
 *
 * @example
 * // the guide's multi-topic consumer
 * mergeAll(['events', 'logs', 'metrics'].map((topic) => consume(topic)))
 *
 * @param streams the streams to merge
 * @category combinators
 * @since 0.1.0
 */
export function mergeAll<S extends Observable<unknown> & Typed<unknown, never>>(
  streams: readonly S[],
): Stream<ValueOf<S>, ErrorOf<S>, UnionToIntersection<ContextOf<S>>> {
  const inputs = streams.map((s) => toStream(s as Observable<ValueOf<S>>));
  return make<ValueOf<S>, ErrorOf<S>, UnionToIntersection<ContextOf<S>>>((out, ctx) => {
    let open = inputs.length;
    if (open === 0) return out.complete();
    const done = (): void => {
      if (--open === 0) out.complete();
    };
    for (const input of inputs) {
      if (out.closed) return;
      subscribeLinked(input.openTracked(ctx), out, (t) => out.next(t), undefined, done);
    }
  });
}
