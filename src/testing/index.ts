/**
 * What users need to test their own pipelines.
 *
 * @since 0.1.0
 */
export { tracked } from '../stream/Stream.js';
export { recordTickets } from './recordTickets.js';
export type { TicketLog } from './recordTickets.js';
export { InMemoryKafka } from './kafka.js';
export type { CommitLogEntry, GroupMember, InMemoryKafkaOptions } from './kafka.js';
