/**
 * Restart on the real broker: a pipeline stopped half-way (unsubscribed by `take`, not gracefully) and a new one in
 * the same group. The new one starts each partition at the offset the first one committed; between them every
 * record is processed, and the records processed twice are no more than the first one had in flight.
 */
import { mapParallel, take, traverse_ } from '../../src/index.js';
import { kafkaStream, KafkaStreamStats } from '../../src/kafka/index.js';
import { committedOffsets, createTopic, endOffsets, uniqueName } from './env';
import { client, produceNumbered, sleep } from './support';

const COUNT = 20_000;
const PARTITIONS = 3;
const CREDIT = 500;
const FIRST_RUN = 8_000;

interface Seen {
  readonly n: number;
  readonly partition: number;
  readonly offset: string;
}

describe('a pipeline stopped half-way and started again in the same group', () => {
  it('should resume from the committed offsets, lose nothing, and repeat at most what was in flight', async () => {
    const topic = uniqueName('restart-in');
    const groupId = uniqueName('restart-group');
    await createTopic(topic, PARTITIONS);
    await produceNumbered(topic, COUNT, PARTITIONS);

    const run = (seen: Seen[], stats: KafkaStreamStats, stop: { signal?: AbortSignal; after?: number }) =>
      kafkaStream({
        client: client('restart-test'),
        groupId,
        topics: [topic],
        fromBeginning: true,
        credit: { records: CREDIT, perPartition: { records: 200 } },
        commit: { everyRecords: 100, everyMs: 100 },
        stats,
        ...(stop.signal === undefined ? {} : { shutdown: { signal: stop.signal } }),
      }).pipe(
        mapParallel(8, async (r) => {
          await sleep(Math.random());
          return r;
        }),
        take(stop.after ?? Infinity),
        traverse_((r) => {
          seen.push({ n: Number(r.value!.toString()), partition: r.partition, offset: r.offset });
        }),
      );

    // the first run: stopped by `take` after FIRST_RUN records reached the sink (the rest in flight is dropped)
    const first: Seen[] = [];
    const firstStats = new KafkaStreamStats();
    const firstResult = await run(first, firstStats, { after: FIRST_RUN })();
    expect(firstResult._tag).toBe('Right');
    expect(first.length).toBe(FIRST_RUN);
    const afterFirst = await committedOffsets(groupId, topic);
    const committedFirst = [...afterFirst.values()].reduce((a, o) => a + Math.max(0, Number(o)), 0);
    expect(committedFirst).toBeGreaterThan(0);
    expect(committedFirst).toBeLessThanOrEqual(first.length);

    // the second run, same group: ends itself once every record has been seen by one run or the other
    const second: Seen[] = [];
    const secondStats = new KafkaStreamStats();
    const shutdown = new AbortController();
    const union = new Set(first.map((s) => s.n));
    const secondRun = run(second, secondStats, { signal: shutdown.signal });
    const collected: Seen[] = [];
    const watch = setInterval(() => {
      for (const s of second.splice(0)) {
        union.add(s.n);
        collected.push(s);
      }
      if (union.size === COUNT) shutdown.abort();
    }, 20);
    const secondResult = await secondRun();
    clearInterval(watch);
    collected.push(...second);
    expect(secondResult._tag).toBe('Right');

    // it started each partition where the first run's commit left it (a partition read to its end gave it nothing)
    const end = await endOffsets(topic);
    for (let p = 0; p < PARTITIONS; p++) {
      const resumedAt = collected.find((s) => s.partition === p)?.offset;
      const expected = afterFirst.get(p) === end.get(p) ? undefined : afterFirst.get(p);
      expect({ partition: p, resumedAt }).toEqual({ partition: p, resumedAt: expected });
    }
    // nothing lost
    const all = new Set([...first, ...collected].map((s) => s.n));
    expect(all.size).toBe(COUNT);
    // processed twice: only what the first run had processed but not committed, at most its credit
    const duplicates = first.length + collected.length - COUNT;
    expect(duplicates).toBe(first.length - committedFirst);
    expect(duplicates).toBeLessThanOrEqual(CREDIT);
    // and the second run committed to the end
    expect(await committedOffsets(groupId, topic)).toEqual(end);
  });
});
