/**
 * kafkaStream's overdue report: a record whose step never finishes is reported with its topic, partition, offset
 * and generation, and its partition's commit stays below it.
 */
import { mapParallelUnordered, traverse_ } from '../../src/index.js';
import type { Ticket } from '../../src/index.js';
import { kafkaStream } from '../../src/kafka/index.js';
import { InMemoryKafka } from '../../src/testing/index.js';
import { eventually, produceNumbered } from './support';

describe('kafkaStream overdue', () => {
  it('should report a record stuck in a step with its coordinates, and commit nothing from it on', async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('in', 2);
    produceNumbered(kafka, 'in', 40, 2); // number n at partition n % 2, offset n / 2
    const reports: Ticket[][] = [];
    const shutdown = new AbortController();
    let done = 0;
    let unstick: (r: unknown) => void = () => undefined;
    const stuck = new Promise((resolve) => (unstick = resolve));

    const run = kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['in'],
      fromBeginning: true,
      commit: { everyRecords: 1, everyMs: 10 },
      overdue: { afterMs: 40, report: (tickets) => reports.push([...tickets]) },
      shutdown: { signal: shutdown.signal, drainTimeoutMs: 50 },
    }).pipe(
      // number 11 (partition 1, offset 5) is stuck until the test lets it go
      mapParallelUnordered(4, (r) =>
        r.value!.toString() === '11' ? stuck.then(() => r) : Promise.resolve(r),
      ),
      traverse_(() => {
        done++;
      }),
    )();

    await eventually(() => reports.length > 0 && done === 39, 'the overdue report');
    // the commit waits below the stuck record
    await eventually(() => kafka.committed('g', 'in').get(0) === '20', 'the commit of partition 0');
    expect(kafka.committed('g', 'in').get(1)).toBe('5');
    // stopped gracefully, the source waits 50 ms for it, then commits and leaves; it finishes later, uncommitted
    shutdown.abort();
    setTimeout(() => unstick(undefined), 150);
    expect((await run)._tag).toBe('Right');
    expect(done).toBe(40);

    const reported = reports.flat().map((t) => t.coordinates);
    expect(reported).toEqual([{ topic: 'in', partition: 1, offset: '5', generation: expect.any(Number) }]);
    expect(kafka.committed('g', 'in').get(0)).toBe('20');
    expect(kafka.committed('g', 'in').get(1)).toBe('5');
  });
});
