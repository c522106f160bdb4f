/**
 * Credit: how many elements (and bytes) a source may have in flight at once.
 *
 * A source takes one credit per element it emits and hands the element a {@link Ticket}; resolving the ticket
 * gives the credit back. A source emits only while {@link CreditPool.canIssue} says yes, so the elements alive
 * between a source and its sink never exceed the pool's limit, whatever the speed of the stages below.
 *
 * Pure bookkeeping: no timers, no I/O. The clock is passed in so that tests control it.
 *
 * @since 0.1.0
 */
import { Ticket, TicketCoordinates } from './Ticket.js';

/**
 * Counters a source keeps about its credit; pass one in a source's options to watch it.
 *
 * @category model
 * @since 0.1.0
 */
export class CreditStats {
  /** elements taken from the source */
  pulled = 0;
  /** elements whose ticket was resolved */
  finished = 0;
  /** elements pulled and not yet finished */
  inFlight = 0;
  /** the highest {@link inFlight} seen */
  maxInFlight = 0;
  /** bytes held by elements in flight */
  bytesInFlight = 0;
  /** the highest {@link bytesInFlight} seen */
  maxBytesInFlight = 0;
  /** the limit in force (records) */
  limit = 0;
}

/**
 * @category model
 * @since 0.1.0
 */
export interface CreditLimits {
  /** elements in flight at most; at least 1 */
  readonly records: number;
  /** bytes in flight at most, once `minRecords` elements are in flight */
  readonly bytes?: number;
  /**
   * elements let through whatever their bytes (default 1, so that an element larger than the budget cannot stall
   * the source; a source passes what the stages below must hold at once to make progress)
   */
  readonly minRecords?: number;
}

/**
 * @category model
 * @since 0.1.0
 */
export interface CreditPoolOptions {
  /** a pool this one also draws from (a partition's pool draws from the consumer's total) */
  readonly parent?: CreditPool;
  /** counters to keep up to date */
  readonly stats?: CreditStats;
  /** report tickets unresolved for longer than this (milliseconds); off when absent */
  readonly overdueAfterMs?: number;
  /** the clock, in milliseconds */
  readonly now?: () => number;
}

/**
 * @category model
 * @since 0.1.0
 */
export class CreditPool {
  private records = 0;
  private bytesHeld = 0;
  private recordLimit: number;
  private readonly byteLimit: number;
  private readonly minRecords: number;
  private readonly parent: CreditPool | undefined;
  private readonly outstanding: Set<Ticket> | undefined;
  private readonly overdueAfterMs: number;
  private readonly now: () => number;
  private readonly listeners: Array<() => void> = [];
  private readonly detach: () => void;
  readonly stats: CreditStats;
  /** Gives one element's credit back, without waking anyone. */
  private readonly giveBack = (ticket: Ticket): void => {
    this.records--;
    this.bytesHeld -= ticket.bytes;
    if (this.outstanding !== undefined) this.outstanding.delete(ticket);
    const s = this.stats;
    s.finished++;
    s.inFlight = this.records;
    s.bytesInFlight = this.bytesHeld;
  };
  private readonly release = (ticket: Ticket): void => {
    this.giveBack(ticket);
    this.notify();
  };
  private readonly notify = (): void => {
    for (const l of this.listeners) l();
  };

  constructor(limits: CreditLimits, options: CreditPoolOptions = {}) {
    if (!Number.isInteger(limits.records) || limits.records < 1) {
      throw new RangeError(`credit: records must be a whole number of at least 1, got ${limits.records}`);
    }
    if (limits.bytes !== undefined && !(limits.bytes > 0)) {
      throw new RangeError(`credit: bytes must be positive, got ${limits.bytes}`);
    }
    this.recordLimit = limits.records;
    this.byteLimit = limits.bytes ?? Infinity;
    this.minRecords = limits.minRecords ?? 1;
    this.parent = options.parent;
    // credit coming back to the parent may be what this pool waits for (a partition held back by the consumer's
    // total): pass the parent's wake-ups on to this pool's listeners
    this.detach = this.parent !== undefined ? this.parent.onRelease(this.notify) : () => undefined;
    this.stats = options.stats ?? new CreditStats();
    this.stats.limit = this.recordLimit;
    this.overdueAfterMs = options.overdueAfterMs ?? Infinity;
    this.outstanding = options.overdueAfterMs !== undefined ? new Set() : undefined;
    this.now = options.now ?? Date.now;
  }

  /** Elements in flight. */
  get inFlight(): number {
    return this.records;
  }

  /** Bytes in flight. */
  get bytesInFlight(): number {
    return this.bytesHeld;
  }

  /** The record limit in force. */
  get limit(): number {
    return this.recordLimit;
  }

  /**
   * Sets the record limit (rounded down, and at least 1) and wakes the listeners; stages that must hold n
   * elements at once raise it with this.
   */
  setLimit(records: number): void {
    this.recordLimit = Math.max(1, Math.floor(records));
    this.stats.limit = this.recordLimit;
    this.notify();
  }

  /** Whether one more element of `bytes` bytes may be issued now. */
  canIssue(bytes = 0): boolean {
    return this.hasOwnRoom(bytes) && (this.parent === undefined || this.parent.canIssue(bytes));
  }

  /**
   * Whether this pool's own limits allow one more element of `bytes` bytes, whatever its parent says (a Kafka
   * source tells a partition's spent credit from a spent total with it).
   */
  hasOwnRoom(bytes = 0): boolean {
    if (this.records >= this.recordLimit) return false;
    return !(this.records >= this.minRecords && this.bytesHeld + bytes > this.byteLimit);
  }

  /**
   * Takes credit for one element and returns its ticket. Callers check {@link canIssue} first; issuing past
   * the limit is allowed (a fetched batch must go somewhere) and shows in the counters.
   */
  issue(bytes = 0, coordinates?: TicketCoordinates): Ticket {
    this.records++;
    this.bytesHeld += bytes;
    const s = this.stats;
    s.pulled++;
    s.inFlight = this.records;
    s.bytesInFlight = this.bytesHeld;
    if (this.records > s.maxInFlight) s.maxInFlight = this.records;
    if (this.bytesHeld > s.maxBytesInFlight) s.maxBytesInFlight = this.bytesHeld;
    const issuedAt = this.outstanding !== undefined ? this.now() : 0;
    let ticket: Ticket;
    if (this.parent !== undefined) {
      const parentTicket = this.parent.issue(bytes, coordinates);
      ticket = new Ticket(
        (t) => {
          // both counters first, then the wake-ups (the parent's reach this pool's listeners too)
          this.giveBack(t);
          parentTicket.resolve();
        },
        bytes,
        coordinates,
        issuedAt,
      );
    } else {
      ticket = new Ticket(this.release, bytes, coordinates, issuedAt);
    }
    if (this.outstanding !== undefined) this.outstanding.add(ticket);
    return ticket;
  }

  /**
   * Stops passing the parent's wake-ups on (a partition's pool, when the partition is revoked). The pool can still
   * issue and release; its listeners just no longer hear of credit returning to the parent.
   */
  close(): void {
    this.detach();
  }

  /** Calls `listener` whenever credit comes back (or the limit changes); returns a function that stops it. */
  onRelease(listener: () => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * Tickets unresolved for longer than `overdueAfterMs`, oldest first. Empty when the pool was made without
   * `overdueAfterMs`.
   */
  overdue(now: number = this.now()): Ticket[] {
    const found: Ticket[] = [];
    if (this.outstanding === undefined) return found;
    for (const t of this.outstanding) {
      if (now - t.issuedAt <= this.overdueAfterMs) break;
      found.push(t);
    }
    return found;
  }
}
