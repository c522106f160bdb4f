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
 * keys; the array holds no key, take it from any element). A run ends when the key changes, when it reaches
 * `maxRun` or when the stream completes. Keys are compared with `===`.
 *
 * ```
 * --a--b--c--d--|      groupBy((s) => s[0])   a = 'a1', b = 'a2', c = 'b1', d = 'a3'
 * --------x--y--(z|)   x = ['a1', 'a2'], y = ['b1'], z = ['a3']
 * ```
 *
 * A run carries its elements' tickets and resolves them all when it is finished; the source's credit is raised
 * to what full runs need. On an error the partial run is dropped unfinished (its tickets stay open).
 *
 * @param key the key of an element
 * @param options the longest run emitted whole (`maxRun: Infinity`: runs are never cut, and the source's credit
 *   is unbounded)
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
          // the state is brought up to date before anything is emitted: an element that arrives re-entrantly
          // while a run is being delivered must find its predecessor in place
          let ended: { value: A[]; ticket: Ticket } | undefined;
          if (values.length > 0 && k !== current) {
            ended = { value: values, ticket: Ticket.all(tickets) };
            values = [];
            tickets = [];
          }
          current = k;
          values.push(t.value);
          tickets.push(t.ticket);
          if (ended !== undefined) out.next(ended);
          if (values.length >= maxRun) emit();
        },
        (e) => out.error(e),
        () => {
          emit();
          out.complete();
        },
      );
    },
    // capped: an infinite maxRun must not reach the credit pool, which takes whole numbers only
    (demand) => Math.min((demand + 1) * maxRun, Number.MAX_SAFE_INTEGER),
  );
}
