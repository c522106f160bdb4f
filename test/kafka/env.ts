/**
 * Helpers for the Kafka integration tests (the Jest project `kafka`). The broker comes from KAFKA_BROKERS, which
 * the project's global setup sets after starting (or reusing) the broker of scripts/kafka.mjs, or which the user
 * set to a cluster of their own. Every helper disconnects what it connects.
 */
import { Kafka, logLevel, Partitioners } from 'kafkajs';

/** The bootstrap brokers from KAFKA_BROKERS; throws when it is not set (the global setup sets it). */
export const brokers = (): string[] => {
  const list = (process.env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (list.length === 0) {
    throw new Error(
      'KAFKA_BROKERS is not set: run the Kafka tests through Jest (its global setup starts a broker), ' +
        'or set KAFKA_BROKERS=host:port yourself',
    );
  }
  return list;
};

/** True when the tests run against the single-node broker of scripts/kafka.mjs (not a cluster of the user's). */
export const ownBroker = (): boolean => process.env.STROM_KAFKA_OWN_BROKER === '1';

/**
 * A KafkaJS client for the test broker. Silent: the tests provoke rebalances, which KafkaJS logs as errors, and
 * whatever goes wrong reaches the tests as a typed error. `KAFKA_LOG=1` shows KafkaJS's own log (info and up).
 */
export const kafka = (clientId: string): Kafka =>
  new Kafka({
    clientId,
    brokers: brokers(),
    logLevel: process.env.KAFKA_LOG === '1' ? logLevel.INFO : logLevel.NOTHING,
    retry: { retries: 5 },
  });

let counter = 0;

/** A name no other run or test uses: prefix, time, a counter and random letters. */
export const uniqueName = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Creates a topic and waits until every partition has a leader. */
export const createTopic = async (name: string, partitions: number): Promise<void> => {
  const admin = kafka('strom-test-admin').admin();
  await admin.connect();
  try {
    const created = await admin.createTopics({
      topics: [{ topic: name, numPartitions: partitions }],
      waitForLeaders: true,
    });
    if (!created) throw new Error(`topic ${name} already exists`);
  } finally {
    await admin.disconnect();
  }
};

export interface Outgoing {
  key?: string;
  value: string;
  partition?: number;
}

/** Produces the messages in order through an idempotent producer (acks from all in-sync replicas). */
export const produceValues = async (topic: string, messages: Outgoing[]): Promise<void> => {
  const producer = kafka('strom-test-producer').producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: messages.map((m) => ({
        key: m.key ?? null,
        value: m.value,
        ...(m.partition === undefined ? {} : { partition: m.partition }),
      })),
    });
  } finally {
    await producer.disconnect();
  }
};

/** The group's committed offsets for the topic, by partition (`-1` where it has committed nothing). */
export const committedOffsets = async (groupId: string, topic: string): Promise<Map<number, string>> => {
  const admin = kafka('strom-test-admin').admin();
  await admin.connect();
  try {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map((entry?.partitions ?? []).map((p) => [p.partition, p.offset]));
  } finally {
    await admin.disconnect();
  }
};

/** The topic's end offsets (high watermarks), by partition. */
export const endOffsets = async (topic: string): Promise<Map<number, string>> => {
  const admin = kafka('strom-test-admin').admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, o.high]));
  } finally {
    await admin.disconnect();
  }
};

export interface Received {
  key: string | null;
  value: string | null;
  partition: number;
  offset: string;
}

/**
 * Reads the topic from the beginning with a throwaway consumer group until `expectedCount` messages arrived;
 * rejects after `timeoutMs` saying how many did.
 */
export const readAll = async (
  topic: string,
  expectedCount: number,
  timeoutMs = 30000,
): Promise<Received[]> => {
  const consumer = kafka('strom-test-reader').consumer({ groupId: uniqueName('strom-test-reader') });
  const received: Received[] = [];
  let timer: NodeJS.Timeout | undefined;
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `readAll(${topic}): ${received.length} of ${expectedCount} messages in ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
      if (expectedCount === 0) resolve();
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            received.push({
              key: message.key?.toString() ?? null,
              value: message.value?.toString() ?? null,
              partition,
              offset: message.offset,
            });
            if (received.length >= expectedCount) resolve();
          },
        })
        .catch(reject);
    });
    return received;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
};
