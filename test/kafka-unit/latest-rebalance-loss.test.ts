/**
 * with `fromBeginning: false` (the default), a partition without a committed offset starts from its end.
 * kafkaStream commits nothing for a partition until a record of it is finished, so a rebalance that comes before
 * the first finished record (slow first records, a deployment that adds members one by one) makes the next
 * assignment start again from the end: every record produced between the first assignment and the rebalance that
 * was not yet emitted (held back by credit or not fetched yet) is never read by anyone.
 */
import { traverse_ } from '../../src/index.js';
import type { KafkaRecord } from '../../src/kafka/index.js';
import { kafkaStream, KafkaStreamStats } from '../../src/kafka/index.js';
import { InMemoryKafka } from '../../src/testing/index.js';
import { eventually, produceNumbered, sleep } from './support';

describe('fromBeginning false and a rebalance before the first commit', () => {
  it('should read every record produced after the member joined', async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('t', 1);
    const stats = new KafkaStreamStats();
    const shutdown = new AbortController();
    const seen = new Set<number>();
    const gates: Array<() => void> = [];
    const run = kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['t'],
      // fromBeginning: false, the default
      stats,
      credit: { records: 5 },
      commit: { everyRecords: 1, everyMs: 5 },
      shutdown: { signal: shutdown.signal, drainTimeoutMs: 1000 },
    }).pipe(
      traverse_(
        (r: KafkaRecord) =>
          new Promise<void>((resolve) =>
            gates.push(() => {
              seen.add(Number(r.value!.toString()));
              resolve();
            }),
          ),
      ),
    )();

    await eventually(() => stats.assignments === 1, 'the first assignment');
    produceNumbered(kafka, 't', 20, 1); // produced after the member joined: it must read all 20
    await eventually(() => stats.credit.inFlight === 5, 'the credit to be spent');

    kafka.rebalance('g'); // before the first record finished: nothing is committed yet
    await eventually(() => stats.assignments === 2, 'the new assignment');

    // from now on the sink is fast
    const pump = setInterval(() => gates.splice(0).forEach((g) => g()), 1);
    await sleep(200);
    shutdown.abort();
    await run;
    clearInterval(pump);

    // only 0..4 (read before the rebalance) ever reach the sink; 5..19 are skipped for good
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
