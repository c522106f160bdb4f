/**
 * The worked example of docs/kafka-testing.md: it runs here, and the doc must show exactly this code (with the
 * package's import paths).
 */
// example:start
import { groupedWithin, mapParallelUnordered, traverse_ } from '../../src/index.js';
import { kafkaStream, KafkaStreamStats, sendBatch } from '../../src/kafka/index.js';
import type { KafkaClient, KafkaRecord, ProducerMessage, ProducerPort } from '../../src/kafka/index.js';
import { InMemoryKafka } from '../../src/testing/index.js';

// The pipeline under test takes its client, so that a test can hand it an InMemoryKafka.
const enrichEvents = (
  client: KafkaClient,
  producer: ProducerPort,
  signal: AbortSignal,
  stats?: KafkaStreamStats,
) =>
  kafkaStream({
    client,
    groupId: 'enricher',
    topics: ['events'],
    fromBeginning: true,
    commit: { everyRecords: 100, everyMs: 20 },
    shutdown: { signal },
    stats,
  }).pipe(
    mapParallelUnordered(8, async (r: KafkaRecord): Promise<ProducerMessage> => {
      const event = JSON.parse(r.value!.toString()) as { id: number };
      // where the output came from, so that the test can match outputs to inputs
      return {
        key: r.key,
        value: JSON.stringify({ ...event, enriched: true }),
        headers: { source: `${r.partition}/${r.offset}` },
      };
    }),
    // a batch goes out when full or 20 ms after its first record: a live topic never ends, so a plain
    // grouped(50) would keep a last partial batch (and its commit) waiting for records that may never come
    groupedWithin(50, 20),
    traverse_(sendBatch(producer, 'enriched')),
  );

describe('enrichEvents', () => {
  const setup = async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('events', 4);
    kafka.createTopic('enriched', 4);
    kafka.produce(
      'events',
      Array.from({ length: 1000 }, (_, i) => ({ key: `user-${i % 50}`, value: JSON.stringify({ id: i }) })),
    );
    const producer = kafka.producer();
    await producer.connect();
    const written = () => kafka.records('enriched').map((r) => String(r.headers.source));
    const allCommitted = () =>
      [...kafka.endOffsets('events')].every(
        ([p, end]) => kafka.committed('enricher', 'events').get(p) === end,
      );
    // at every commit the group accepts: each input below the committed offset has its output written
    const problems: string[] = [];
    kafka.onCommit(({ partition, offset }) => {
      const done = new Set(written());
      for (let o = 0; o < Number(offset); o++) {
        if (!done.has(`${partition}/${o}`))
          problems.push(`committed ${partition}@${offset}, ${o} not written`);
      }
    });
    return { kafka, producer, written, allCommitted, problems };
  };

  it('should write every event once and commit only what was written', async () => {
    const { kafka, producer, written, allCommitted, problems } = await setup();
    const shutdown = new AbortController();
    kafka.onCommit(() => {
      if (allCommitted()) shutdown.abort();
    });
    const stats = new KafkaStreamStats();

    const result = await enrichEvents(kafka, producer, shutdown.signal, stats)();

    expect(result._tag).toBe('Right');
    expect(problems).toEqual([]);
    expect(written()).toHaveLength(1000);
    expect(new Set(written()).size).toBe(1000);
    expect(kafka.committed('enricher', 'events')).toEqual(kafka.endOffsets('events'));
    expect(stats.credit.inFlight).toBe(0);
  });

  it('should lose nothing when a second instance joins the group mid-run', async () => {
    const { kafka, producer, written, allCommitted, problems } = await setup();
    kafka.sendDelayMs = 5; // a slow broker, so that the second instance joins while the first is busy
    const shutdown = new AbortController();
    kafka.onCommit(() => {
      if (allCommitted()) shutdown.abort();
    });

    const first = enrichEvents(kafka, producer, shutdown.signal)();
    while (written().length < 300) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = enrichEvents(kafka, producer, shutdown.signal)();
    const results = await Promise.all([first, second]);

    expect(results.map((r) => r._tag)).toEqual(['Right', 'Right']);
    expect(kafka.generation('enricher')).toBeGreaterThanOrEqual(2);
    expect(problems).toEqual([]);
    // at least once: every event written, some maybe twice (what was in flight when the partitions moved)
    expect(new Set(written()).size).toBe(1000);
    // no member ever committed a partition it did not own at that moment
    expect(kafka.commitLog.filter((e) => !e.owned)).toEqual([]);
    expect(kafka.committed('enricher', 'events')).toEqual(kafka.endOffsets('events'));
  });
});
// example:end

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('docs/kafka-testing.md', () => {
  it('should show the worked example as it runs here', () => {
    const here = readFileSync(__filename, 'utf8');
    const example = here
      .slice(here.indexOf('// example:start\n') + '// example:start\n'.length, here.indexOf('// example:end'))
      .replace(/'\.\.\/\.\.\/src\/index\.js'/g, "'strom-rx'")
      .replace(/'\.\.\/\.\.\/src\/(kafka|testing)\/index\.js'/g, "'strom-rx/$1'");
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'kafka-testing.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBe(example);
  });
});
