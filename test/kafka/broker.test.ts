/**
 * The broker is a real Kafka: topics with partitions, idempotent produce, a consumer group that commits by hand,
 * and the committed offsets read back with the admin API.
 */
import {
  brokers,
  committedOffsets,
  createTopic,
  endOffsets,
  kafka,
  ownBroker,
  produceValues,
  uniqueName,
} from './env';

const PARTITIONS = 3;
const COUNT = 300;

const sum = (offsets: Map<number, string>): number =>
  [...offsets.values()].reduce((total, offset) => total + Number(offset), 0);

describe('the test broker', () => {
  it('should describe the cluster at the address in KAFKA_BROKERS', async () => {
    const [host, port] = brokers()[0]!.split(':');
    const admin = kafka('strom-test-broker').admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      if (ownBroker()) {
        expect(cluster.brokers).toEqual([expect.objectContaining({ nodeId: 1, host, port: Number(port) })]);
      } else {
        expect(cluster.brokers).toContainEqual(expect.objectContaining({ host, port: Number(port) }));
      }
      expect(cluster.clusterId).toMatch(/\S/);
    } finally {
      await admin.disconnect();
    }
  });

  it('should commit by hand what a consumer group read, up to the end of every partition', async () => {
    const topic = uniqueName('strom-broker');
    const groupId = uniqueName('strom-broker-group');
    await createTopic(topic, PARTITIONS);

    const sent = Array.from({ length: COUNT }, (_, i) => ({
      key: `k${i}`,
      value: `v${i}`,
      partition: i % PARTITIONS,
    }));
    await produceValues(topic, sent);

    const ends = await endOffsets(topic);
    expect(Object.fromEntries(ends)).toEqual({ 0: '100', 1: '100', 2: '100' });

    const consumer = kafka('strom-test-broker').consumer({ groupId });
    const received: Array<{ key: string; value: string; partition: number; offset: string }> = [];
    const committed = new Map<number, string>();
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${received.length} of ${COUNT} consumed`)),
          60000,
        );
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch, heartbeat }) => {
              for (const message of batch.messages) {
                received.push({
                  key: message.key!.toString(),
                  value: message.value!.toString(),
                  partition: batch.partition,
                  offset: message.offset,
                });
              }
              const next = (BigInt(batch.lastOffset()) + 1n).toString();
              await consumer.commitOffsets([{ topic, partition: batch.partition, offset: next }]);
              committed.set(batch.partition, next);
              await heartbeat();
              if ([...committed.values()].reduce((n, o) => n + Number(o), 0) >= COUNT) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }

    // Every message arrived once, on the partition it was sent to, in order within its partition.
    expect(received).toHaveLength(COUNT);
    expect(new Set(received.map((m) => m.value)).size).toBe(COUNT);
    for (const m of received) {
      expect(m.partition).toBe(Number(m.key.slice(1)) % PARTITIONS);
      expect(m.value).toBe(`v${m.key.slice(1)}`);
    }
    for (let p = 0; p < PARTITIONS; p++) {
      const offsets = received.filter((m) => m.partition === p).map((m) => Number(m.offset));
      expect(offsets).toEqual(Array.from({ length: COUNT / PARTITIONS }, (_, i) => i));
    }

    // What the broker keeps for the group is what we committed: the end of every partition.
    const fromBroker = await committedOffsets(groupId, topic);
    expect(fromBroker).toEqual(ends);
    expect(fromBroker).toEqual(committed);
    expect(sum(fromBroker)).toBe(COUNT);
    expect(sum(ends)).toBe(COUNT);
  });
});
