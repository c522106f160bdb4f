/**
 * The credit layer: credits, tickets and the offset ledger.
 *
 * @since 0.1.0
 */
export { Ticket, TicketJoin } from './Ticket.js';
export type { TicketCoordinates } from './Ticket.js';
export { CreditPool, CreditStats } from './CreditPool.js';
export type { CreditLimits, CreditPoolOptions } from './CreditPool.js';
export { OffsetLedger, LedgerError } from './OffsetLedger.js';
export type { TopicPartition, CommittableOffset } from './OffsetLedger.js';
