import { Observable } from 'rxjs';
import { withDemand } from '../stream/context.js';
import { nonReentrant, operate, Operator, Queue, subscribeLinked } from '../stream/operate.js';
import { toStream, Tracked, Typed } from '../stream/Stream.js';

/**
 * Alternates deterministically between the stream and `that`, one element each, starting with the stream; once
 * one of them ends, the rest of the other follows. Whatever the timing, the order is `a1 b1 a2 b2 …`.
 *
 * ```
 * -1---------3---------|      interleave(that)
 * ----2-4-6-|                 (that)
 * -1--2------(34)------(6|)   (each element as soon as its turn and the element have both come)
 * ```
 *
 * An element waiting for its turn keeps its ticket (and its source's credit) until it is emitted.
 *
 * @param that the other stream
 * @category operators
 * @since 0.1.0
 */
export function interleave<A, B = A, E2 = unknown, R2 = unknown>(
  that: Observable<B> & Typed<E2, R2>,
): Operator<A, A | B, E2, R2> {
  const other = toStream<B, E2, R2>(that);
  return operate<A, A | B, E2, R2>(
    (up, out, ctx) => {
      const queues: [Queue<Tracked<A | B>>, Queue<Tracked<A | B>>] = [new Queue(), new Queue()];
      const done = [false, false];
      let turn = 0;
      const loop = (): void => {
        while (!out.closed) {
          const q = queues[turn]!;
          if (q.length > 0) {
            out.next(q.shift()!);
            if (!done[1 - turn] || queues[1 - turn]!.length > 0) turn = 1 - turn;
          } else if (done[turn]) {
            if (done[1 - turn] && queues[1 - turn]!.length === 0) return out.complete();
            turn = 1 - turn;
            if (queues[turn]!.length === 0 && !done[turn]) return;
          } else return;
        }
      };
      // emitting an element may make a source emit again, synchronously: the running loop takes it in its turn
      const drain = nonReentrant(loop);
      const side = (i: 0 | 1) => ({
        next: (t: Tracked<A | B>) => {
          queues[i].push(t);
          drain();
        },
        complete: () => {
          done[i] = true;
          drain();
        },
      });
      const l = side(0);
      subscribeLinked(up, out, l.next, undefined, l.complete);
      if (out.closed) return;
      const r = side(1);
      subscribeLinked(other.openTracked(withDemand(ctx, ctx.demand + 1)), out, r.next, undefined, r.complete);
    },
    (demand) => demand + 1,
  );
}
