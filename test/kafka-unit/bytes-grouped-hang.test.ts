/**
 * the stages below raise the source's RECORD credit to what they must hold at once (ctx.demand, e.g.
 * grouped(n) needs n), but not its BYTE credit. When n records do not fit in credit.bytes (default 64 MiB: e.g.
 * grouped(500) of 200 KB records), grouped holds what it got, the source cannot issue more (bytes spent), and the
 * pipeline stops for good: no group is ever emitted, no commit, and a graceful shutdown is the only way out.
 */
import { grouped, traverse_ } from '../../src/index.js';
import type { KafkaRecord } from '../../src/kafka/index.js';
import { kafkaStream, KafkaStreamStats } from '../../src/kafka/index.js';
import { InMemoryKafka } from '../../src/testing/index.js';
import { sleep } from './support';

describe('byte credit and grouped(n)', () => {
  it('should let grouped(n) fill a group even when n records exceed credit.bytes', async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('t', 1);
    // 20 records of 10 bytes (value) each
    kafka.produce(
      't',
      Array.from({ length: 20 }, (_, i) => ({ value: `v${String(i).padStart(9, '0')}`, partition: 0 })),
    );
    const stats = new KafkaStreamStats();
    const shutdown = new AbortController();
    const groups: number[] = [];
    const run = kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      stats,
      credit: { bytes: 50 }, // 5 records' worth
      shutdown: { signal: shutdown.signal, drainTimeoutMs: 100 },
    }).pipe(
      grouped(10),
      traverse_((batch: readonly KafkaRecord[]) => {
        groups.push(batch.length);
      }),
    )();
    await sleep(1500);
    const snapshot = { groups: [...groups], pulled: stats.credit.pulled, inFlight: stats.credit.inFlight };
    shutdown.abort();
    await run;
    // 20 records, groups of 10: two full groups within 1.5 s
    expect(snapshot).toEqual({ groups: [10, 10], pulled: 20, inFlight: 0 });
  });
});
