import { Observable } from 'rxjs';
import { Ticket } from '../backpressure/Ticket.js';
import { make, subscribeLinked } from '../stream/operate.js';
import { Stream, toStream, Typed } from '../stream/Stream.js';

/**
 * What {@link recordTickets} saw: for each element of the source, when its ticket was resolved.
 *
 * @category testing
 * @since 0.1.0
 */
export interface TicketLog<A> {
  /** each element the source emitted, in order, with the time it was resolved (undefined while open) */
  readonly entries: Array<{ readonly value: A; readonly emittedAt: number; resolvedAt: number | undefined }>;
  /** elements emitted and not yet resolved */
  open(): number;
}

/**
 * Wraps a stream so that each element gets a ticket of its own, recorded in a log with the time (from `now`,
 * e.g. a TestScheduler's clock) it was emitted and resolved. Put it at the source of a pipeline to see, in a
 * marble test, when each element is finished: that is when a Kafka source would mark its offset done.
 *
 * @example
 * const log = recordTickets(cold('-a-b-c|'), () => testScheduler.now())
 * expectObservable(log.stream.pipe(grouped(2))) ...
 * // after flush: log.entries.map((e) => e.resolvedAt)
 *
 * @category testing
 * @since 0.1.0
 */
export function recordTickets<A, E = unknown, R = unknown>(
  source: Observable<A> & Typed<E, R>,
  now: () => number = Date.now,
): { readonly stream: Stream<A, E, R>; readonly log: TicketLog<A> } {
  const s = toStream<A, E, R>(source);
  const entries: TicketLog<A>['entries'] = [];
  const log: TicketLog<A> = {
    entries,
    open: () => entries.filter((e) => e.resolvedAt === undefined).length,
  };
  const stream = make<A, E, R>((out, ctx) => {
    subscribeLinked(s.openTracked(ctx), out, (t) => {
      const entry = { value: t.value, emittedAt: now(), resolvedAt: undefined as number | undefined };
      entries.push(entry);
      out.next({
        value: t.value,
        ticket: new Ticket(() => {
          entry.resolvedAt = now();
          t.ticket.resolve();
        }),
      });
    });
  });
  return { stream, log };
}
