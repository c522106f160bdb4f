import { catchError, from, isObservable, Observable, ObservableInput, throwError } from 'rxjs';
import { TicketJoin } from '../backpressure/Ticket.js';
import { Ticket } from '../backpressure/Ticket.js';
import { Defect } from '../om/errors.js';
import { nonReentrant, operate, Operator, Queue, subscribeLinked } from '../stream/operate.js';
import { toStream, Tracked } from '../stream/Stream.js';

/** A Stream's typed failure; a plain Observable may fail with anything; arrays, Promises, iterables only with defects. */
type InnerError<O> = O extends { readonly _tag: 'Stream'; readonly _E?: () => infer E }
  ? E
  : O extends Observable<unknown>
    ? unknown
    : never;
type InnerContext<O> = O extends { readonly _tag: 'Stream'; readonly _R?: (r: infer R) => void }
  ? R
  : unknown;
type InnerValue<O> = O extends ObservableInput<infer B> ? B : never;

/**
 * Maps each element to a stream (or any `ObservableInput`: an array, a Promise, an iterable) and emits that
 * stream's elements, one inner stream after the other, in order: Strom's bind (`>>=`), the do-notation of the
 * guide. A Promise that rejects (or an iterable that throws) fails the stream with a `Defect`; a `Stream` or an
 * Observable fails it with its own error.
 *
 * The outer element stays in flight until its inner stream has completed and every element it produced is
 * finished; an inner element carries both its own ticket and a share of the outer one.
 *
 * ```
 * --a------b-----|   concatMap((x) => fromArray([x, x]))
 * --(aa)---(bb)--|
 * ```
 *
 * @example
 * // the guide's poll loop: batches in, records out
 * repeatOm(() => poll()).pipe(concatMap((batch) => fromArray(batch)))
 *
 * @param f the inner stream of an element
 * @category operators
 * @since 0.1.0
 */
export function concatMap<A, O extends ObservableInput<unknown>>(
  f: (a: A, index: number) => O,
): Operator<A, InnerValue<O>, InnerError<O>, InnerContext<O>> {
  type B = InnerValue<O>;
  return operate<A, B, InnerError<O>, InnerContext<O>>(
    (up, out, ctx) => {
      const waiting = new Queue<Tracked<A>>();
      let active = false;
      let upstreamDone = false;
      let index = 0;
      const loop = (): void => {
        while (!active && !out.closed) {
          const t = waiting.shift();
          if (t === undefined) {
            if (upstreamDone) out.complete();
            return;
          }
          let inner: Observable<B>;
          try {
            const o = f(t.value, index++);
            // a Promise that rejects (or an iterable that throws) is a defect, as everywhere else in strom-rx
            inner = isObservable(o)
              ? (o as Observable<B>)
              : from(o as ObservableInput<B>).pipe(
                  catchError((reason: unknown) => throwError(() => Defect.of(reason, 'concatMap'))),
                );
          } catch (reason) {
            return out.error(Defect.of(reason, 'concatMap'));
          }
          const join = new TicketJoin(t.ticket);
          active = true;
          subscribeLinked(
            toStream<B>(inner).openTracked(ctx),
            out,
            (it) => out.next({ value: it.value, ticket: Ticket.all([it.ticket, join.child()]) }),
            (e) => out.error(e),
            () => {
              join.seal();
              active = false;
              next();
            },
          );
        }
      };
      // an inner stream that completes synchronously calls back in here: the running loop goes on instead
      const next = nonReentrant(loop);
      subscribeLinked(
        up,
        out,
        (t) => {
          waiting.push(t);
          next();
        },
        (e) => out.error(e),
        () => {
          upstreamDone = true;
          next();
        },
      );
    },
    (demand) => demand + 1,
  );
}
