/**
 * `shutdown.afterIdleMs`: a source that ends once it has caught up (the guide's "poll until empty"), gracefully —
 * what is in flight finishes and is committed — and never while credit holds records back.
 */
import { mapParallel, traverse_ } from '../../src/index.js';
import { kafkaStream, KafkaStreamStats } from '../../src/kafka/index.js';
import { InMemoryKafka } from '../../src/testing/index.js';
import { numbers, offsets, produceNumbered, sleep } from './support';

describe('kafkaStream with shutdown.afterIdleMs', () => {
  it('should end once the topic is read, with every record finished and committed', async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('in', 3);
    produceNumbered(kafka, 'in', 600, 3);
    const seen: number[] = [];

    const result = await kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['in'],
      fromBeginning: true,
      shutdown: { afterIdleMs: 50 },
    }).pipe(
      mapParallel(4, async (r) => {
        await sleep(0);
        return r;
      }),
      traverse_((r) => {
        seen.push(...numbers([r]));
      }),
    )();

    expect(result._tag).toBe('Right');
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 600 }, (_, i) => i));
    expect(offsets(kafka.committed('g', 'in'))).toEqual(offsets(kafka.endOffsets('in')));
    expect(kafka.members('g')).toEqual([]);
  });

  it('should not take a sink slower than the idle time for a caught-up consumer', async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('in', 2);
    produceNumbered(kafka, 'in', 300, 2);
    const stats = new KafkaStreamStats();
    let done = 0;

    const result = await kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['in'],
      fromBeginning: true,
      credit: { records: 10 },
      stats,
      shutdown: { afterIdleMs: 20 },
    }).pipe(
      traverse_(async () => {
        // every 100th record stalls the sink for three idle times, while the credit holds the rest back
        await sleep(done % 100 === 50 ? 60 : 0);
        done++;
      }),
    )();

    expect(result._tag).toBe('Right');
    expect(done).toBe(300);
    expect(stats.credit.maxInFlight).toBeLessThanOrEqual(10);
    expect(stats.pauses).toBeGreaterThan(0);
    expect(offsets(kafka.committed('g', 'in'))).toEqual(offsets(kafka.endOffsets('in')));
  });

  it('should wait for the first assignment before it counts idle time, and end on an empty topic', async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('empty', 1);
    const stats = new KafkaStreamStats();
    const started = Date.now();

    const result = await kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['empty'],
      stats,
      shutdown: { afterIdleMs: 30 },
    }).pipe(traverse_(() => undefined))();

    expect(result._tag).toBe('Right');
    expect(stats.assignments).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(30);
  });

  it('should refuse an idle time that is not positive', () => {
    const kafka = new InMemoryKafka();
    expect(() =>
      kafkaStream({ client: kafka, groupId: 'g', topics: ['t'], shutdown: { afterIdleMs: 0 } }),
    ).toThrow(/shutdown.afterIdleMs must be positive/);
  });
});
