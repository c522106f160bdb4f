/**
 * What the pipeline tests share: a strom-rx client for the test broker, a client wrapper that records each
 * member's assignments and commits, and bulk producing.
 */
import { Partitioners } from 'kafkajs';
import type {
  ConsumerListener,
  ConsumerPort,
  FetchedBatch,
  KafkaClient,
  OffsetToCommit,
  TopicPartition,
} from '../../src/kafka/index.js';
import { fromKafkaJS } from '../../src/kafka/index.js';
import { kafka } from './env';

/** A strom-rx client on the test broker. */
export const client = (clientId: string): KafkaClient => fromKafkaJS(kafka(clientId));

/** One commit as a member made it, with what the member owned at that moment. */
export interface CommitSeen {
  readonly member: number;
  readonly offsets: readonly OffsetToCommit[];
  readonly owned: ReadonlySet<string>;
}

/**
 * Wraps a client so that every consumer it makes records its assignments and its commits: a test can then check
 * that no member committed a partition it did not own at that moment.
 */
export const recording = (
  inner: KafkaClient,
): {
  client: KafkaClient;
  commits: CommitSeen[];
  assignments: Array<{ member: number; partitions: string[] }>;
} => {
  const commits: CommitSeen[] = [];
  const assignments: Array<{ member: number; partitions: string[] }> = [];
  let members = 0;
  const wrapped: KafkaClient = {
    producer: (s) => inner.producer(s),
    admin: () => inner.admin(),
    consumer: (settings) => {
      const member = members++;
      const port = inner.consumer(settings);
      let owned = new Set<string>();
      const consumer: ConsumerPort = {
        connect: () => port.connect(),
        subscribe: (topics, fromBeginning) => port.subscribe(topics, fromBeginning),
        run: (onBatch: (b: FetchedBatch) => void | Promise<void>, listener: ConsumerListener) =>
          port.run(onBatch, {
            assigned: (a: readonly TopicPartition[]) => {
              owned = new Set(a.map((tp) => `${tp.topic}/${tp.partition}`));
              assignments.push({ member, partitions: [...owned] });
              listener.assigned(a);
            },
            rebalancing: () => listener.rebalancing(),
            crashed: (e) => listener.crashed(e),
          }),
        pause: (p) => port.pause(p),
        resume: (p) => port.resume(p),
        commit: async (offsets) => {
          commits.push({ member, offsets, owned: new Set(owned) });
          await port.commit(offsets);
        },
        disconnect: () => port.disconnect(),
      };
      return consumer;
    },
  };
  return { client: wrapped, commits, assignments };
};

/**
 * Produces `count` records numbered from 0, `key` = `value` = the number as text, record i to partition
 * i % partitions, in chunks (one idempotent producer).
 */
export const produceNumbered = async (
  topic: string,
  count: number,
  partitions: number,
  value: (i: number) => string = String,
): Promise<void> => {
  const producer = kafka('strom-test-bulk').producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    for (let i = 0; i < count; i += 2000) {
      const messages = [];
      for (let j = i; j < Math.min(count, i + 2000); j++) {
        messages.push({ key: String(j), value: value(j), partition: j % partitions });
      }
      await producer.send({ topic, acks: -1, messages });
    }
  } finally {
    await producer.disconnect();
  }
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds, checking every 20 ms; fails after `timeoutMs` with `what`. */
export const eventually = async (
  condition: () => boolean,
  what: string,
  timeoutMs = 60000,
): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
};
