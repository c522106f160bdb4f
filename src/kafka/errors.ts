/**
 * The typed errors of the Kafka layer. Each says what failed and where: a record's topic, partition and offset,
 * a group's id, the offsets a commit carried.
 *
 * @since 0.2.0
 */
import type { OffsetToCommit } from './port.js';

const describe = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

/**
 * Where a record came from.
 *
 * @category model
 * @since 0.2.0
 */
export interface RecordCoordinates {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

const at = (c: RecordCoordinates): string => `topic ${c.topic}, partition ${c.partition}, offset ${c.offset}`;

/**
 * A record's key or value could not be decoded.
 *
 * @category errors
 * @since 0.2.0
 */
export class KafkaDecodeError extends Error implements RecordCoordinates {
  readonly _tag = 'KafkaDecodeError' as const;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** what the decoder said */
  readonly reason: string;
  override readonly cause: unknown;

  constructor(record: RecordCoordinates, reason: string, cause?: unknown) {
    super(`cannot decode the record at ${at(record)}: ${reason}`);
    this.name = 'KafkaDecodeError';
    this.topic = record.topic;
    this.partition = record.partition;
    this.offset = record.offset;
    this.reason = reason;
    this.cause = cause;
  }
}

/**
 * Processing a record failed: the failure of a pipeline step, with the record's coordinates attached (see
 * `recordError`).
 *
 * @category errors
 * @since 0.2.0
 */
export class KafkaRecordError<E = unknown> extends Error implements RecordCoordinates {
  readonly _tag = 'KafkaRecordError' as const;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** the step's own failure */
  readonly error: E;

  constructor(record: RecordCoordinates, error: E) {
    super(`processing the record at ${at(record)} failed: ${describe(error)}`);
    this.name = 'KafkaRecordError';
    this.topic = record.topic;
    this.partition = record.partition;
    this.offset = record.offset;
    this.error = error;
  }
}

/**
 * The consumer could not connect, subscribe or go on (it crashed).
 *
 * @category errors
 * @since 0.2.0
 */
export class KafkaConsumerError extends Error {
  readonly _tag = 'KafkaConsumerError' as const;
  override readonly cause: unknown;

  constructor(
    readonly groupId: string,
    /** what the consumer was doing: `connect`, `subscribe`, `run` */
    readonly stage: string,
    cause: unknown,
  ) {
    super(`consumer of group ${groupId} failed to ${stage}: ${describe(cause)}`);
    this.name = 'KafkaConsumerError';
    this.cause = cause;
  }
}

/**
 * A commit failed for a reason other than a rebalance (a rebalance only delays offsets: see the rebalance design).
 *
 * @category errors
 * @since 0.2.0
 */
export class KafkaCommitError extends Error {
  readonly _tag = 'KafkaCommitError' as const;
  override readonly cause: unknown;

  constructor(
    readonly groupId: string,
    readonly offsets: readonly OffsetToCommit[],
    cause: unknown,
  ) {
    const where = offsets.map((o) => `${o.topic}/${o.partition}@${o.offset}`).join(', ');
    super(`commit of group ${groupId} failed (${where}): ${describe(cause)}`);
    this.name = 'KafkaCommitError';
    this.cause = cause;
  }
}

/**
 * Producing failed: the broker did not acknowledge the messages.
 *
 * @category errors
 * @since 0.2.0
 */
export class KafkaProduceError extends Error {
  readonly _tag = 'KafkaProduceError' as const;
  override readonly cause: unknown;

  constructor(
    readonly topic: string,
    /** how many messages the failed send carried */
    readonly messages: number,
    cause: unknown,
  ) {
    super(`producing ${messages} message(s) to topic ${topic} failed: ${describe(cause)}`);
    this.name = 'KafkaProduceError';
    this.cause = cause;
  }
}

/**
 * Thrown by a consumer port's `commit` when the broker refused the commit because the group rebalanced: the commit
 * is lost, not the records (whoever owns the partition next reads them again from the last commit).
 *
 * @category errors
 * @since 0.2.0
 */
export class CommitRefused extends Error {
  readonly _tag = 'CommitRefused' as const;
  override readonly cause: unknown;

  constructor(cause: unknown) {
    super(`the group rebalanced and refused the commit: ${describe(cause)}`);
    this.name = 'CommitRefused';
    this.cause = cause;
  }
}

/**
 * Any error of the Kafka layer.
 *
 * @category errors
 * @since 0.2.0
 */
export type KafkaError =
  KafkaDecodeError | KafkaRecordError | KafkaConsumerError | KafkaCommitError | KafkaProduceError;
