/**
 * A job that reads what a topic holds and ends (the guide's "poll until empty"), on the real broker:
 * `shutdown.afterIdleMs` ends the run once the consumer has caught up — not while it is still joining the group —
 * with every record processed and committed.
 */
import { mapParallel, traverse_ } from '../../src/index.js';
import { kafkaStream, KafkaStreamStats } from '../../src/kafka/index.js';
import { committedOffsets, createTopic, endOffsets, uniqueName } from './env';
import { client, produceNumbered } from './support';

const COUNT = 5_000;

describe('kafkaStream with shutdown.afterIdleMs on the real broker', () => {
  it('should read the whole topic, commit it to the end and stop by itself', async () => {
    const topic = uniqueName('caught-up-in');
    const groupId = uniqueName('caught-up-group');
    await createTopic(topic, 2);
    await produceNumbered(topic, COUNT, 2);

    const stats = new KafkaStreamStats();
    const seen = new Set<number>();
    const result = await kafkaStream({
      client: client('caught-up-test'),
      groupId,
      topics: [topic],
      fromBeginning: true,
      credit: { records: 200 },
      stats,
      shutdown: { afterIdleMs: 1000 },
    }).pipe(
      mapParallel(8, async (r) => Number(r.value!.toString())),
      traverse_((n) => {
        seen.add(n);
      }),
    )();

    expect(result._tag).toBe('Right');
    expect(seen.size).toBe(COUNT);
    expect(stats.credit.finished).toBe(COUNT);
    expect(stats.pauses).toBeGreaterThan(0);
    expect(await committedOffsets(groupId, topic)).toEqual(await endOffsets(topic));
  });
});
