/**
 * Two pipelines in one group over six partitions on the real broker; one leaves half-way. Nothing is lost, the
 * one that stays ends up with every partition and commits them to the end, and no member ever commits a
 * partition it does not own at that moment.
 */
import { mapParallel, traverse_ } from '../../src/index.js';
import { kafkaStream, KafkaStreamStats } from '../../src/kafka/index.js';
import { committedOffsets, createTopic, endOffsets, uniqueName } from './env';
import { client, eventually, produceNumbered, recording, sleep } from './support';

const COUNT = 30_000;
const PARTITIONS = 6;

describe('two pipelines in one group, one leaving half-way', () => {
  it('should lose nothing and never commit a partition the committing member does not own', async () => {
    const topic = uniqueName('rebalance-in');
    const groupId = uniqueName('rebalance-group');
    await createTopic(topic, PARTITIONS);
    await produceNumbered(topic, COUNT, PARTITIONS);

    const { client: recorded, commits, assignments } = recording(client('rebalance-test'));
    const seen = new Set<number>();
    let processed = 0;
    const pipeline = (stats: KafkaStreamStats, signal: AbortSignal) =>
      kafkaStream({
        client: recorded,
        groupId,
        topics: [topic],
        fromBeginning: true,
        credit: { records: 300, perPartition: { records: 100 } },
        commit: { everyRecords: 100, everyMs: 100 },
        consumer: { sessionTimeoutMs: 10000, heartbeatIntervalMs: 500 },
        stats,
        shutdown: { signal },
      }).pipe(
        mapParallel(4, async (r) => {
          // slow enough that the first one is still busy when the second one joins
          await sleep(1);
          return r;
        }),
        traverse_((r) => {
          seen.add(Number(r.value!.toString()));
          processed++;
        }),
      )();

    const leaving = new AbortController();
    const staying = new AbortController();
    const leavingStats = new KafkaStreamStats();
    const stayingStats = new KafkaStreamStats();
    const first = pipeline(leavingStats, leaving.signal);
    await eventually(() => processed > 1000, 'the first pipeline to start');
    const second = pipeline(stayingStats, staying.signal);
    // both own partitions: the group rebalanced
    await eventually(
      () => leavingStats.assignments >= 2 && stayingStats.assigned > 0,
      'the rebalance on join',
    );
    await eventually(() => processed > COUNT / 2, 'half of the records');
    expect(leavingStats.assigned).toBeGreaterThan(0);
    expect(leavingStats.assigned).toBeLessThan(PARTITIONS);

    leaving.abort();
    expect((await first)._tag).toBe('Right');
    await eventually(
      () => stayingStats.assigned === PARTITIONS,
      'the staying pipeline to take every partition',
    );
    await eventually(() => seen.size === COUNT, 'every record to be processed');
    staying.abort();
    expect((await second)._tag).toBe('Right');

    // nothing lost, and the group committed every partition to its end
    expect(seen.size).toBe(COUNT);
    expect(await committedOffsets(groupId, topic)).toEqual(await endOffsets(topic));
    // every commit named only partitions its member owned when it was made
    expect(commits.length).toBeGreaterThan(0);
    const strays = commits.flatMap((c) =>
      c.offsets
        .filter((o) => !c.owned.has(`${o.topic}/${o.partition}`))
        .map((o) => ({ member: c.member, partition: o.partition, offset: o.offset })),
    );
    expect(strays).toEqual([]);
    // both members committed, and the one that stayed committed partitions the other had owned
    const members = new Set(commits.map((c) => c.member));
    expect(members.size).toBe(2);
    expect(assignments.filter((a) => a.member === 1).length).toBeGreaterThanOrEqual(2);
  });
});
