/**
 * `assigned` makes a fresh per-partition CreditPool for every partition of the new assignment, kept
 * partitions included, while the records of the old generation of that same partition are still in flight (they
 * "run to their end"). The old pool's records are not counted by the new one, so after a rebalance a partition can
 * have perPartition (new) + perPartition (old) records in flight; after k rebalances, (k + 1) × perPartition.
 */
import { mapParallelUnordered, runDrain } from '../../src/index.js';
import type { KafkaRecord } from '../../src/kafka/index.js';
import { kafkaStream, KafkaStreamStats } from '../../src/kafka/index.js';
import { InMemoryKafka } from '../../src/testing/index.js';
import { eventually, produceNumbered, sleep } from './support';

describe('per-partition credit across a rebalance', () => {
  it('should never have more than credit.perPartition.records records of one partition in flight', async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('t', 1);
    produceNumbered(kafka, 't', 20, 1);
    const stats = new KafkaStreamStats();
    const shutdown = new AbortController();
    const gates: Array<() => void> = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const seen: string[] = [];
    const run = kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      stats,
      credit: { perPartition: { records: 2 } },
      commit: { everyRecords: 1000, everyMs: 60_000 },
      shutdown: { signal: shutdown.signal, drainTimeoutMs: 1000 },
    }).pipe(
      // unbounded concurrency asks the source for no extra credit: the source's own credit is the only bound
      mapParallelUnordered(Infinity, (r: KafkaRecord) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        seen.push(`${r.offset}@gen${r.generation}`);
        return new Promise<KafkaRecord>((resolve) =>
          gates.push(() => {
            inFlight--;
            resolve(r);
          }),
        );
      }),
      runDrain,
    )();

    await eventually(() => inFlight === 2, 'two records in flight');
    await sleep(20);
    expect(inFlight).toBe(2); // the partition is paused on its credit of 2

    kafka.rebalance('g'); // the member keeps partition 0, in a new generation
    await eventually(() => stats.assignments === 2, 'the new assignment');
    await sleep(20);

    shutdown.abort();
    for (const g of gates.splice(0)) g();
    await sleep(5);
    for (const g of gates.splice(0)) g();
    await run;

    // records 0 and 1 are in flight twice, once per generation: 4 records of partition 0 at once
    expect({ maxInFlight, seen }).toEqual({ maxInFlight: 2, seen: expect.anything() });
  });
});
