import { Observable } from 'rxjs';
import { Ticket } from '../backpressure/Ticket.js';
import { Defect } from '../om/errors.js';
import { withDemand } from '../stream/context.js';
import { nonReentrant, operate, Operator, Queue, subscribeLinked } from '../stream/operate.js';
import { toStream, Tracked, Typed } from '../stream/Stream.js';

/**
 * Pairs the stream's elements with `that`'s, in order, and emits `f(a, b)` for each pair; ends with the shorter
 * of the two (and then unsubscribes from the other). A pair carries both elements' tickets.
 *
 * ```
 * --1----2----3--|     zipWith(that, (n, s) => `${n}${s}`)
 * ----a----b--|        (that)
 * ----x----y--|        x = '1a', y = '2b'
 * ```
 *
 * Elements of the longer stream left unpaired at the end are not finished: from Kafka, they are not committed.
 *
 * @param that the other stream
 * @param f combines a pair
 * @category operators
 * @since 0.1.0
 */
export function zipWith<A, B, C, E2 = unknown, R2 = unknown>(
  that: Observable<B> & Typed<E2, R2>,
  f: (a: A, b: B) => C,
): Operator<A, C, E2, R2> {
  const other = toStream<B, E2, R2>(that);
  return operate<A, C, E2, R2>(
    (up, out, ctx) => {
      const left = new Queue<Tracked<A>>();
      const right = new Queue<Tracked<B>>();
      let leftDone = false;
      let rightDone = false;
      const loop = (): void => {
        while (left.length > 0 && right.length > 0 && !out.closed) {
          const a = left.shift()!;
          const b = right.shift()!;
          let c: C;
          try {
            c = f(a.value, b.value);
          } catch (reason) {
            return out.error(Defect.of(reason, 'zipWith'));
          }
          out.next({ value: c, ticket: Ticket.all([a.ticket, b.ticket]) });
        }
        if ((leftDone && left.length === 0) || (rightDone && right.length === 0)) out.complete();
      };
      // emitting a pair may make a source emit again, synchronously: the running loop pairs it
      const pair = nonReentrant(loop);
      subscribeLinked(
        up,
        out,
        (t) => {
          left.push(t);
          pair();
        },
        (e) => out.error(e),
        () => {
          leftDone = true;
          pair();
        },
      );
      if (out.closed) return;
      subscribeLinked(
        other.openTracked(withDemand(ctx, ctx.demand + 1)),
        out,
        (t) => {
          right.push(t);
          pair();
        },
        (e) => out.error(e),
        () => {
          rightDone = true;
          pair();
        },
      );
    },
    (demand) => demand + 1,
  );
}
