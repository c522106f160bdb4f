/**
 * Tickets: the receipt every tracked element carries from its source to its sink.
 *
 * A ticket is *resolved* once, when its element is finished: it reached the sink and the sink's effect
 * succeeded, or an operator dropped it on purpose. Resolving returns the element's credit to its source and,
 * for Kafka sources, marks its offset as done in the offset ledger.
 *
 * @since 0.1.0
 */

/**
 * Where a ticket's element came from. Kafka sources fill in topic, partition, offset and generation; in-memory
 * sources leave them empty.
 *
 * @category model
 * @since 0.1.0
 */
export interface TicketCoordinates {
  readonly topic?: string;
  readonly partition?: number;
  readonly offset?: string;
  readonly generation?: number;
}

/**
 * @category model
 * @since 0.1.0
 */
export class Ticket {
  private done: boolean;

  /**
   * @param onResolve called once, when the ticket is resolved
   * @param bytes the size this ticket holds of a byte budget (0 when the source counts records only)
   * @param coordinates where the element came from, for reports
   * @param issuedAt the clock reading when the ticket was issued (milliseconds)
   */
  constructor(
    private readonly onResolve: ((ticket: Ticket) => void) | undefined,
    readonly bytes: number = 0,
    readonly coordinates: TicketCoordinates | undefined = undefined,
    readonly issuedAt: number = 0,
    resolved = false,
  ) {
    this.done = resolved;
  }

  /** True once the ticket has been resolved. */
  get resolved(): boolean {
    return this.done;
  }

  /** Marks the element finished. Resolving twice is harmless: only the first call counts. */
  resolve(): void {
    if (this.done) return;
    this.done = true;
    if (this.onResolve !== undefined) this.onResolve(this);
  }

  /**
   * The ticket of an element that no source waits for (plain Observables, separators, seeds). It is born
   * resolved, so resolving it does nothing.
   */
  static readonly free: Ticket = new Ticket(undefined, 0, undefined, 0, true);

  /**
   * One ticket standing for several, as a batch does for its elements: resolving it resolves each of them.
   * Already resolved tickets are left out; no tickets give {@link Ticket.free}.
   */
  static all(tickets: readonly Ticket[]): Ticket {
    let open: Ticket[] | undefined;
    let single: Ticket | undefined;
    for (const t of tickets) {
      if (t.done) continue;
      if (single === undefined) single = t;
      else (open ??= [single]).push(t);
    }
    if (open !== undefined) {
      const members = open;
      return new Ticket(() => {
        for (const m of members) m.resolve();
      });
    }
    return single ?? Ticket.free;
  }
}

/**
 * A ticket shared by the elements derived from one parent element (the outputs of `concatMap`, say): the
 * parent resolves once the join is sealed (no more children will come) and every child is resolved.
 *
 * @category model
 * @since 0.1.0
 */
export class TicketJoin {
  private pending = 0;
  private sealed = false;
  private readonly release = (): void => {
    this.pending--;
    this.check();
  };

  constructor(private readonly parent: Ticket) {}

  /** A new child ticket; the parent waits for it. */
  child(): Ticket {
    if (this.parent.resolved) return Ticket.free;
    this.pending++;
    return new Ticket(this.release);
  }

  /** No more children will be made; the parent resolves as soon as the pending ones are. */
  seal(): void {
    this.sealed = true;
    this.check();
  }

  private check(): void {
    if (this.sealed && this.pending === 0) this.parent.resolve();
  }
}
