/**
 * Backpressure on the real broker: 100,000 records of 1 KiB wait in three partitions behind a slow sink. Records in
 * flight never exceed the credit (in total, and per partition as the pipeline itself counts them), partitions are
 * paused and resumed, memory stays far below the backlog, and the consumer keeps its group membership although a
 * run lasts longer than the session timeout.
 */
import { mapParallel, tap, traverse_ } from '../../src/index.js';
import { kafkaStream, KafkaStreamStats } from '../../src/kafka/index.js';
import { committedOffsets, createTopic, uniqueName } from './env';
import { client, eventually, produceNumbered, sleep } from './support';

const WAITING = 100_000;
const PARTITIONS = 3;
const VALUE_BYTES = 1024;
const TOTAL = 300;
const PER_PARTITION = 100;
const SESSION_TIMEOUT_MS = 6000;
const RUN_MS = 9000;

const memory = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

describe('kafkaStream behind a slow sink', () => {
  it('should keep records in flight within the credit, pause and resume partitions, and bound memory', async () => {
    const topic = uniqueName('backpressure-in');
    const groupId = uniqueName('backpressure-group');
    await createTopic(topic, PARTITIONS);
    await produceNumbered(topic, WAITING, PARTITIONS, (i) => `${i} `.padEnd(VALUE_BYTES, 'x'));

    const stats = new KafkaStreamStats();
    const shutdown = new AbortController();
    const inFlight = new Map<number, number>();
    let maxPerPartition = 0;
    let done = 0;

    const baseline = memory();
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, memory());
    }, 50);
    const started = Date.now();
    const run = kafkaStream({
      client: client('backpressure-test'),
      groupId,
      topics: [topic],
      fromBeginning: true,
      credit: { records: TOTAL, perPartition: { records: PER_PARTITION } },
      consumer: { sessionTimeoutMs: SESSION_TIMEOUT_MS, heartbeatIntervalMs: 1000 },
      commit: { everyRecords: 200, everyMs: 200 },
      stats,
      shutdown: { signal: shutdown.signal },
    }).pipe(
      // counted from the moment the source hands a record over until the sink has finished with it
      tap((r) => {
        const n = (inFlight.get(r.partition) ?? 0) + 1;
        inFlight.set(r.partition, n);
        maxPerPartition = Math.max(maxPerPartition, n);
      }),
      mapParallel(4, async (r) => {
        await sleep(5);
        return r;
      }),
      traverse_((r) => {
        inFlight.set(r.partition, inFlight.get(r.partition)! - 1);
        done++;
      }),
    )();
    // the consumer is slow on purpose; stop it gracefully once it has run past a session timeout
    await eventually(() => Date.now() - started >= RUN_MS, 'the run time', RUN_MS + 5000);
    shutdown.abort();
    const result = await run;
    clearInterval(sampler);

    expect(result._tag).toBe('Right');
    // it was slow: most of the backlog is still waiting, so the source did not read ahead of its credit
    expect(done).toBeGreaterThan(1000);
    expect(done).toBeLessThan(WAITING / 2);
    expect(stats.credit.maxInFlight).toBeLessThanOrEqual(TOTAL);
    expect(maxPerPartition).toBeLessThanOrEqual(PER_PARTITION);
    expect(maxPerPartition).toBeGreaterThan(PER_PARTITION / 2);
    expect(stats.pauses).toBeGreaterThan(0);
    expect(stats.resumes).toBeGreaterThan(0);
    // heartbeats went on while the sink was slow: one assignment for the whole run, longer than a session timeout
    expect(stats.assignments).toBe(1);
    // memory: the backlog is ~100 MiB; what the consumer holds is its credit plus one fetched batch per partition
    expect(peak - baseline).toBeLessThan(48 * 1024 * 1024);

    // everything that finished was committed, and nothing else
    expect(stats.credit.finished).toBe(done);
    const committed = await committedOffsets(groupId, topic);
    const committedCount = [...committed.values()].reduce((a, o) => a + Math.max(0, Number(o)), 0);
    expect(committedCount).toBe(done);
  });
});
