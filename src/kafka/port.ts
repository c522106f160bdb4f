/**
 * The Kafka port: the small part of a Kafka client that strom-rx uses, as interfaces of our own.
 *
 * `kafkaStream` and the producer sinks speak only to these interfaces; `kafkajs.ts` implements them with KafkaJS
 * 2.2.4, and is the only file that imports `kafkajs`. Another client (or an in-memory fake for tests) plugs in by
 * implementing the same interfaces.
 *
 * @since 0.2.0
 */
import type { TopicPartition } from '../backpressure/OffsetLedger.js';

export type { TopicPartition } from '../backpressure/OffsetLedger.js';

/**
 * Header values as Kafka clients give them: a header may repeat, and a value may be absent.
 *
 * @category model
 * @since 0.2.0
 */
export type KafkaHeaders = Readonly<
  Record<string, Buffer | string | ReadonlyArray<Buffer | string> | undefined>
>;

/**
 * One record read from Kafka, as `kafkaStream` emits it.
 *
 * @category model
 * @since 0.2.0
 */
export interface KafkaRecord {
  readonly topic: string;
  readonly partition: number;
  /** the record's offset, as a decimal string (offsets are 64-bit) */
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: KafkaHeaders;
  /** milliseconds since the epoch, as a decimal string */
  readonly timestamp: string;
  /**
   * The assignment generation of the record's partition when it was read. A rebalance starts a new generation;
   * what is resolved under an old one is never committed.
   */
  readonly generation: number;
}

/**
 * A record as fetched by the client, before `kafkaStream` stamps it with a generation.
 *
 * @category model
 * @since 0.2.0
 */
export type FetchedRecord = Omit<KafkaRecord, 'generation'>;

/**
 * What a consumer hands over for one partition at a time.
 *
 * @category model
 * @since 0.2.0
 */
export interface FetchedBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly FetchedRecord[];
  /**
   * Marks `offset` (and everything before it in this batch) as taken: the consumer's next fetch of this partition
   * starts after it. Records not taken are fetched again later, so a source can stop in the middle of a batch when
   * its credit is spent and hold no more than its credit.
   */
  take(offset: string): void;
  /**
   * Tells the group the member is alive, for a handler that waits inside a batch; rejects when the group is
   * rebalancing (the handler should then return).
   */
  heartbeat?(): Promise<void>;
}

/**
 * An offset to commit: the offset of the next record to read, Kafka's convention.
 *
 * @category model
 * @since 0.2.0
 */
export interface OffsetToCommit extends TopicPartition {
  readonly offset: string;
}

/**
 * What a consumer tells while it runs.
 *
 * @category model
 * @since 0.2.0
 */
export interface ConsumerListener {
  /**
   * The consumer joined its group and owns exactly `assignment` now. Called before any batch of the new
   * assignment is handed over.
   */
  assigned(assignment: readonly TopicPartition[]): void;
  /** The group is rebalancing: the current assignment is about to end (best-effort notice). */
  rebalancing(): void;
  /** The consumer stopped on an error it will not recover from. */
  crashed(error: unknown): void;
}

/**
 * The part of a group consumer `kafkaStream` uses. Offsets are committed only through {@link commit}: the
 * consumer must never commit on its own.
 *
 * @category model
 * @since 0.2.0
 */
export interface ConsumerPort {
  connect(): Promise<void>;
  subscribe(topics: readonly string[], fromBeginning: boolean): Promise<void>;
  /**
   * Starts fetching. `onBatch` is called for one partition's batch at a time; the consumer keeps heartbeating
   * while batches are handed over and while every partition is paused.
   */
  run(onBatch: (batch: FetchedBatch) => void | Promise<void>, listener: ConsumerListener): Promise<void>;
  pause(partitions: readonly TopicPartition[]): void;
  resume(partitions: readonly TopicPartition[]): void;
  /** Commits these offsets for the group, under the consumer's current membership. */
  commit(offsets: readonly OffsetToCommit[]): Promise<void>;
  /** Stops fetching and leaves the group, then closes the connections. */
  disconnect(): Promise<void>;
}

/**
 * Settings of a group consumer.
 *
 * @category model
 * @since 0.2.0
 */
export interface ConsumerSettings {
  readonly groupId: string;
  /** milliseconds without a heartbeat before the group drops the member */
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  readonly rebalanceTimeoutMs?: number;
  /** the most bytes one fetch of one partition returns */
  readonly maxBytesPerPartition?: number;
  /** the longest a fetch waits on the broker for data */
  readonly maxWaitTimeMs?: number;
}

/**
 * A message to produce.
 *
 * @category model
 * @since 0.2.0
 */
export interface ProducerMessage {
  readonly key?: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly partition?: number;
  readonly headers?: Readonly<Record<string, Buffer | string | undefined>>;
  readonly timestamp?: string;
}

/**
 * What the broker acknowledged for one partition of a send.
 *
 * @category model
 * @since 0.2.0
 */
export interface RecordAck {
  readonly topic: string;
  readonly partition: number;
  /** the offset of the first message written to this partition by the send */
  readonly baseOffset?: string;
}

/**
 * The part of a producer the sinks use.
 *
 * @category model
 * @since 0.2.0
 */
export interface ProducerPort {
  connect(): Promise<void>;
  /** Sends messages to one topic; resolves once the broker acknowledged all of them. */
  send(topic: string, messages: readonly ProducerMessage[]): Promise<readonly RecordAck[]>;
  disconnect(): Promise<void>;
}

/**
 * Settings of a producer.
 *
 * @category model
 * @since 0.2.0
 */
export interface ProducerSettings {
  /** exactly-once writes per partition in a session (default true): retries never write a message twice */
  readonly idempotent?: boolean;
}

/**
 * A topic to create.
 *
 * @category model
 * @since 0.2.0
 */
export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor?: number;
}

/**
 * The part of an admin client that strom-rx and its tools use.
 *
 * @category model
 * @since 0.2.0
 */
export interface AdminPort {
  connect(): Promise<void>;
  /** Creates the topics that do not exist yet and waits for their leaders; resolves to whether any was made. */
  createTopics(topics: readonly TopicSpec[]): Promise<boolean>;
  /** The committed offset of each partition of `topic` for `groupId` (`-1` where nothing is committed). */
  committedOffsets(groupId: string, topic: string): Promise<ReadonlyMap<number, string>>;
  /** The end offset (the offset the next record will get) of each partition of `topic`. */
  endOffsets(topic: string): Promise<ReadonlyMap<number, string>>;
  disconnect(): Promise<void>;
}

/**
 * A Kafka client: makes consumers, producers and admin clients. `kafkaStream` makes its own consumer from it
 * for each subscription.
 *
 * @category model
 * @since 0.2.0
 */
export interface KafkaClient {
  consumer(settings: ConsumerSettings): ConsumerPort;
  producer(settings?: ProducerSettings): ProducerPort;
  admin(): AdminPort;
}
