import { Ticket } from '../backpressure/Ticket.js';
import { Defect } from '../om/errors.js';
import { operate, Operator, requireCount, subscribeLinked } from '../stream/operate.js';

/**
 * Options of {@link groupBy}.
 *
 * @category model
 * @since 0.1.0
 */
export interface GroupByOptions {
  /**
   * The longest run emitted as one array (default 1024). A longer run of one key is emitted in pieces of this
   * size, so memory and credit stay bounded however long a run is.
   */
  readonly maxRun?: number;
}

/**
 * Groups **consecutive** elements with the same key into arrays (Strom's `groupBy`: runs, not a map of all
 * keys; the array holds no key, take it from any element). A run ends when the key changes or the stream
 * completes. Keys are compared with `===`.
 *
 * ```
 * --a1--a2--b1--a3--|   groupBy((s) => s[0])
 * ----------x---y---(z|)   x = [a1, a2], y = [b1], z = [a3]
 * ```
 *
 * @param key the key of an element
 * @param options the longest run emitted whole
 * @category operators
 * @since 0.1.0
 */
export function groupBy<A, K>(key: (a: A) => K, options: GroupByOptions = {}): Operator<A, A[]> {
  const maxRun = options.maxRun ?? 1024;
  requireCount('groupBy', 'maxRun', maxRun, 1);
  return operate<A, A[]>(
    (up, out) => {
      let values: A[] = [];
      let tickets: Ticket[] = [];
      let current: K | undefined;
      const emit = (): void => {
        if (values.length === 0) return;
        const run = { value: values, ticket: Ticket.all(tickets) };
        values = [];
        tickets = [];
        out.next(run);
      };
      subscribeLinked(
        up,
        out,
        (t) => {
          let k: K;
          try {
            k = key(t.value);
          } catch (reason) {
            return out.error(Defect.of(reason, 'groupBy'));
          }
          if (values.length > 0 && k !== current) emit();
          current = k;
          values.push(t.value);
          tickets.push(t.ticket);
          if (values.length >= maxRun) emit();
        },
        (e) => out.error(e),
        () => {
          emit();
          out.complete();
        },
      );
    },
    (demand) => (demand + 1) * maxRun,
  );
}
