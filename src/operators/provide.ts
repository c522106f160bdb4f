import { Observable } from 'rxjs';
import { Stream, toStream, Typed } from '../stream/Stream.js';

/**
 * Supplies the context `R` that the stream's effects need, once for the whole pipeline above it. A runner only
 * accepts a stream whose context has been provided. The elements pass unchanged:
 *
 * ```
 * --a--b--|    provide(ctx)
 * --a--b--|    (the effects above read ctx)
 * ```
 *
 * @example
 * pipe(records, mapM(enrich), provide({ db, http }), runDrain)
 *
 * @param context the context
 * @category operators
 * @since 0.1.0
 */
export function provide<R>(
  context: R,
): <A, E = never>(source: Observable<A> & Typed<E, R>) => Stream<A, E, unknown> {
  return <A, E>(source: Observable<A> & Typed<E, R>) => {
    const s = toStream<A, E, R>(source);
    return new Stream<A, E, unknown>((ctx) =>
      s.openTracked({ env: context, demand: ctx.demand, finalizers: ctx.finalizers }),
    );
  };
}
