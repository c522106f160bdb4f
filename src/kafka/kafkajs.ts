/**
 * The KafkaJS adapter: the Kafka port implemented with KafkaJS 2.2.4. This is the only file that knows KafkaJS,
 * and it needs KafkaJS's types only: you make the `Kafka` instance, with your brokers, SSL and SASL settings, and
 * hand it over.
 *
 * ```ts
 * import { Kafka } from 'kafkajs';
 * import { fromKafkaJS, kafkaStream } from 'strom-rx/kafka';
 *
 * const client = fromKafkaJS(new Kafka({ clientId: 'orders', brokers: ['127.0.0.1:19092'] }));
 * const records = kafkaStream({ client, groupId: 'orders', topics: ['orders'] });
 * ```
 *
 * @since 0.2.0
 */
import type { Admin, Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { CommitRefused } from './errors.js';
import type {
  AdminPort,
  ConsumerListener,
  ConsumerPort,
  ConsumerSettings,
  FetchedBatch,
  FetchedRecord,
  KafkaClient,
  OffsetToCommit,
  ProducerMessage,
  ProducerPort,
  ProducerSettings,
  RecordAck,
  TopicPartition,
  TopicSpec,
} from './port.js';

/** Error types with which a broker refuses a commit because the group moved on. */
const REBALANCE_ERRORS = new Set(['REBALANCE_IN_PROGRESS', 'ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID']);

/**
 * True when `error` says the group is rebalancing or has moved to a new generation: the commit was refused, and
 * nothing else is wrong.
 *
 * @category refinements
 * @since 0.2.0
 */
export const isRebalanceError = (error: unknown): boolean => {
  // KafkaJS wraps the broker's error when it gives up (KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded):
  // the error code is on the `cause`
  let e: unknown = error;
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string' && REBALANCE_ERRORS.has(type)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
};

const byTopic = (partitions: readonly TopicPartition[]): Array<{ topic: string; partitions: number[] }> => {
  const topics = new Map<string, number[]>();
  for (const { topic, partition } of partitions) {
    const list = topics.get(topic);
    if (list === undefined) topics.set(topic, [partition]);
    else list.push(partition);
  }
  return [...topics].map(([topic, ps]) => ({ topic, partitions: ps }));
};

const toRecord = (topic: string, partition: number, m: KafkaMessage): FetchedRecord => ({
  topic,
  partition,
  offset: m.offset,
  key: m.key ?? null,
  value: m.value ?? null,
  headers: m.headers ?? {},
  timestamp: m.timestamp,
});

class KafkaJSConsumer implements ConsumerPort {
  private readonly consumer: Consumer;
  private readonly removers: Array<() => void> = [];
  /**
   * Whether the consumer is a member of its group now: from each GROUP_JOIN until a crash. KafkaJS restarts a
   * consumer after a retriable crash by disconnecting it (its group is gone until it has joined again), and a
   * commit in that window throws "Consumer group was not initialized": the commit is refused, like one made after
   * the group moved on, and the next owner reads those records again.
   */
  private joined = false;

  constructor(kafka: Kafka, settings: ConsumerSettings) {
    this.consumer = kafka.consumer({
      groupId: settings.groupId,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      rebalanceTimeout: settings.rebalanceTimeoutMs,
      maxBytesPerPartition: settings.maxBytesPerPartition,
      maxWaitTimeInMs: settings.maxWaitTimeMs,
    });
  }

  connect(): Promise<void> {
    return this.consumer.connect();
  }

  subscribe(topics: readonly string[], fromBeginning: boolean): Promise<void> {
    return this.consumer.subscribe({ topics: [...topics], fromBeginning });
  }

  run(onBatch: (batch: FetchedBatch) => void | Promise<void>, listener: ConsumerListener): Promise<void> {
    const { events } = this.consumer;
    this.removers.push(
      this.consumer.on(events.GROUP_JOIN, (e) => {
        const assignment: TopicPartition[] = [];
        for (const [topic, partitions] of Object.entries(e.payload.memberAssignment)) {
          for (const partition of partitions) assignment.push({ topic, partition });
        }
        this.joined = true;
        listener.assigned(assignment);
      }),
      this.consumer.on(events.REBALANCING, () => listener.rebalancing()),
      // KafkaJS drops its consumer group (consumerGroup = null) and then emits STOP, before it closes the
      // connections and emits CRASH: from here on commitOffsets, pause and resume throw "not initialized"
      this.consumer.on(events.STOP, () => {
        this.joined = false;
      }),
      this.consumer.on(events.CRASH, (e) => {
        this.joined = false;
        // KafkaJS restarts the consumer itself after a retriable crash: the member has left its group and owns
        // nothing until it joins again (every generation ends); only a final crash ends the stream
        if (e.payload.restart) {
          listener.assigned([]);
          // not a settled group: the member is joining again (no idle time, nothing handed out)
          listener.rebalancing();
        } else listener.crashed(e.payload.error);
      }),
    );
    return this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        const { topic, partition } = batch;
        await onBatch({
          topic,
          partition,
          records: batch.messages.map((m) => toRecord(topic, partition, m)),
          take: (offset) => resolveOffset(offset),
          heartbeat,
        });
      },
    });
  }

  // without a group (between STOP and the next GROUP_JOIN) KafkaJS throws; the member owns nothing then, and the
  // next group starts with nothing paused (kafkaStream pauses and resumes again on the assignment)
  pause(partitions: readonly TopicPartition[]): void {
    if (partitions.length > 0 && this.joined) this.consumer.pause(byTopic(partitions));
  }

  resume(partitions: readonly TopicPartition[]): void {
    if (partitions.length > 0 && this.joined) this.consumer.resume(byTopic(partitions));
  }

  async commit(offsets: readonly OffsetToCommit[]): Promise<void> {
    if (offsets.length === 0) return;
    if (!this.joined) throw new CommitRefused(new Error('the consumer is not a member of its group now'));
    try {
      await this.consumer.commitOffsets(offsets.map((o) => ({ ...o })));
    } catch (error) {
      // a commit that lost its group on the way (STOP came in between) is refused too
      throw isRebalanceError(error) || !this.joined ? new CommitRefused(error) : error;
    }
  }

  async disconnect(): Promise<void> {
    for (const remove of this.removers.splice(0)) remove();
    await this.consumer.disconnect();
  }
}

class KafkaJSProducer implements ProducerPort {
  private readonly producer: Producer;

  constructor(kafka: Kafka, settings: ProducerSettings) {
    const idempotent = settings.idempotent ?? true;
    // an idempotent producer keeps one request in flight per connection so that retries cannot reorder
    this.producer = kafka.producer(
      idempotent ? { idempotent: true, maxInFlightRequests: 1 } : { idempotent: false },
    );
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async send(topic: string, messages: readonly ProducerMessage[]): Promise<readonly RecordAck[]> {
    const metadata = await this.producer.send({
      topic,
      acks: -1,
      messages: messages.map((m) => ({
        key: m.key ?? null,
        value: m.value,
        partition: m.partition,
        headers: m.headers as Record<string, Buffer | string | undefined> | undefined,
        timestamp: m.timestamp,
      })),
    });
    return metadata.map((r) => ({ topic: r.topicName, partition: r.partition, baseOffset: r.baseOffset }));
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}

class KafkaJSAdmin implements AdminPort {
  private readonly admin: Admin;

  constructor(kafka: Kafka) {
    this.admin = kafka.admin();
  }

  connect(): Promise<void> {
    return this.admin.connect();
  }

  createTopics(topics: readonly TopicSpec[]): Promise<boolean> {
    return this.admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((t) => ({
        topic: t.topic,
        numPartitions: t.partitions,
        replicationFactor: t.replicationFactor ?? 1,
      })),
    });
  }

  async committedOffsets(groupId: string, topic: string): Promise<ReadonlyMap<number, string>> {
    const [found] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map((found?.partitions ?? []).map((p) => [p.partition, p.offset]));
  }

  async endOffsets(topic: string): Promise<ReadonlyMap<number, string>> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((p) => [p.partition, p.high]));
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }
}

/**
 * A {@link KafkaClient} backed by a KafkaJS `Kafka` instance.
 *
 * Consumers it makes never commit on their own (`autoCommit: false`), resolve offsets only for the records the
 * stream took (`eachBatchAutoResolve: false`), and hand over one partition's batch at a time. Producers are
 * idempotent (`acks: -1`, one request in flight) unless `idempotent: false` is asked for.
 *
 * @category constructors
 * @since 0.2.0
 */
export const fromKafkaJS = (kafka: Kafka): KafkaClient => ({
  consumer: (settings) => new KafkaJSConsumer(kafka, settings),
  producer: (settings = {}) => new KafkaJSProducer(kafka, settings),
  admin: () => new KafkaJSAdmin(kafka),
});
