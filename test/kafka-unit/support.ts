/**
 * What the InMemoryKafka tests share: producing numbered records, a consumer port driven by hand, and waiting.
 */
import type { ConsumerPort, FetchedBatch, FetchedRecord, TopicPartition } from '../../src/kafka/index.js';
import { InMemoryKafka } from '../../src/testing/index.js';

const open = new Set<ConsumerPort>();

/**
 * Disconnects, after each test, the consumers `manualConsumer` made and the test left running (a failed test
 * would otherwise leave a fetch loop that keeps Jest from exiting).
 */
export const disconnectAfterEach = (): void => {
  afterEach(async () => {
    const ports = [...open];
    open.clear();
    await Promise.all(ports.map((p) => p.disconnect()));
  });
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds, looking every 2 ms; fails after `timeoutMs` with `what`. */
export const eventually = async (condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
};

/** Writes records numbered `from`, `from + 1`, … (`key` = `value` = the number), number i to partition i % partitions. */
export const produceNumbered = (
  kafka: InMemoryKafka,
  topic: string,
  count: number,
  partitions: number,
  from = 0,
): void => {
  kafka.produce(
    topic,
    Array.from({ length: count }, (_, j) => ({
      key: String(from + j),
      value: String(from + j),
      partition: (from + j) % partitions,
    })),
  );
};

/** The numbers a list of records carries, as values. */
export const numbers = (records: readonly { value: Buffer | null }[]): number[] =>
  records.map((r) => Number(r.value!.toString()));

/** `committed` and `endOffsets` as plain objects, for readable failures. */
export const offsets = (m: ReadonlyMap<number, string>): Record<number, string> => Object.fromEntries(m);

export type ListenerEvent =
  | { readonly type: 'assigned'; readonly partitions: string[] }
  | { readonly type: 'rebalancing' }
  | { readonly type: 'crashed'; readonly error: unknown };

/**
 * A consumer port driven by hand: it records every batch and listener call, and `take`s each batch whole unless
 * `onBatch` says otherwise (by returning how many records of the batch to take).
 */
export const manualConsumer = (
  kafka: InMemoryKafka,
  groupId: string,
  topics: readonly string[],
  options: {
    fromBeginning?: boolean;
    onBatch?: (batch: FetchedBatch) => number | void | Promise<number | void>;
  } = {},
) => {
  const port: ConsumerPort = kafka.consumer({ groupId });
  open.add(port);
  const batches: Array<{ topic: string; partition: number; records: FetchedRecord[] }> = [];
  const events: ListenerEvent[] = [];
  const records = (): FetchedRecord[] => batches.flatMap((b) => b.records);
  const start = async (): Promise<void> => {
    await port.connect();
    await port.subscribe(topics, options.fromBeginning ?? true);
    await port.run(
      async (batch) => {
        const taken = (await options.onBatch?.(batch)) ?? batch.records.length;
        const kept = batch.records.slice(0, taken);
        batches.push({ topic: batch.topic, partition: batch.partition, records: kept });
        if (kept.length > 0) batch.take(kept[kept.length - 1]!.offset);
      },
      {
        assigned: (a: readonly TopicPartition[]) =>
          events.push({ type: 'assigned', partitions: a.map((tp) => `${tp.topic}/${tp.partition}`) }),
        rebalancing: () => events.push({ type: 'rebalancing' }),
        crashed: (error) => events.push({ type: 'crashed', error }),
      },
    );
  };
  return { port, batches, events, records, start };
};
