/**
 * Kafka → filter → mapParallelUnordered(16) → grouped(50) → Kafka, on the real broker: every record processed, the
 * output topic holds exactly the expected records, and the committed offsets are the end offsets.
 */
import { filter, grouped, map, mapParallelUnordered, traverse_ } from '../../src/index.js';
import { kafkaStream, KafkaStreamStats, ProducerMessage, sendBatch } from '../../src/kafka/index.js';
import { committedOffsets, createTopic, endOffsets, readAll, uniqueName } from './env';
import { client, produceNumbered, sleep } from './support';

const COUNT = 10_000;
const PARTITIONS = 3;

describe('kafkaStream → filter → mapParallelUnordered(16) → grouped(50) → sendBatch', () => {
  it('should write exactly the expected records and commit to the end offsets', async () => {
    const input = uniqueName('pipeline-in');
    const output = uniqueName('pipeline-out');
    const groupId = uniqueName('pipeline-group');
    await createTopic(input, PARTITIONS);
    await createTopic(output, PARTITIONS);
    await produceNumbered(input, COUNT, PARTITIONS);

    const kafka = client('pipeline-test');
    const producer = kafka.producer();
    await producer.connect();
    const stats = new KafkaStreamStats();
    const shutdown = new AbortController();
    const keep = (n: number): boolean => n % 3 !== 0;
    const expected = Array.from({ length: COUNT }, (_, i) => i).filter(keep);
    // grouped(50) emits its last, partial batch when the source completes: end the run (gracefully, as on a
    // signal) once the source has handed over every input record
    let seen = 0;
    try {
      const result = await kafkaStream({
        client: kafka,
        groupId,
        topics: [input],
        fromBeginning: true,
        stats,
        commit: { everyRecords: 500, everyMs: 200 },
        shutdown: { signal: shutdown.signal },
      }).pipe(
        map((r) => {
          if (++seen === COUNT) shutdown.abort();
          return r;
        }),
        filter((r) => keep(Number(r.value!.toString()))),
        mapParallelUnordered(16, async (r): Promise<ProducerMessage> => {
          await sleep(Math.random() * 2);
          return { key: r.key, value: `out-${r.value!.toString()}` };
        }),
        grouped(50),
        traverse_(sendBatch(producer, output)),
      )();
      expect(result._tag).toBe('Right');
    } finally {
      await producer.disconnect();
    }

    expect(stats.credit.pulled).toBe(COUNT);
    expect(stats.credit.finished).toBe(COUNT);
    expect(stats.credit.inFlight).toBe(0);

    const written = await readAll(output, expected.length);
    const values = written.map((m) => m.value).sort();
    expect(values).toEqual(expected.map((n) => `out-${n}`).sort());
    const outEnd = await endOffsets(output);
    expect([...outEnd.values()].reduce((a, b) => a + Number(b), 0)).toBe(expected.length);

    const end = await endOffsets(input);
    const committed = await committedOffsets(groupId, input);
    expect(committed).toEqual(end);
  });
});
