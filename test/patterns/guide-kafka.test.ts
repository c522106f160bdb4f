/**
 * The patterns of the Kafka integration guide, written with `strom-rx/kafka` and run against InMemoryKafka (the
 * same port as the KafkaJS client). `docs/patterns.md` shows the code between each `// doc:NAME` and
 * `// end:NAME` pair below, exactly; the last test checks that it does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import {
  collect,
  filter,
  groupedWithin,
  map,
  mapM,
  mapParallel,
  mapParallelUnordered,
  rateLimit,
  runDrain,
  tapM,
  traverse_,
} from '../../src/index.js';
import type { KafkaRecord, ProducerPort } from '../../src/kafka/index.js';
import {
  decodeJson,
  decodeJsonNow,
  KafkaDecodeError,
  kafkaStream,
  KafkaStreamStats,
  recordError,
  sendBatch,
  sendMessage,
} from '../../src/kafka/index.js';
import { InMemoryKafka } from '../../src/testing/index.js';

interface Event {
  readonly userId: string;
  readonly action: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** An InMemoryKafka with `events` (3 partitions) holding `count` JSON events, and a connected producer. */
const setup = async (count: number, topics: readonly string[] = ['events']) => {
  const client = new InMemoryKafka();
  for (const t of topics) {
    client.createTopic(t, 3);
    client.produce(
      t,
      Array.from({ length: count }, (_, i) => ({
        key: `user-${i % 7}`,
        partition: i % 3,
        value: JSON.stringify({ userId: `user-${i % 7}`, action: i % 5 === 0 ? '' : `${t}-${i}` }),
      })),
    );
  }
  const producer: ProducerPort = client.producer();
  await producer.connect();
  const committedToEnd = (groupId: string, topic = 'events'): boolean =>
    [...client.endOffsets(topic)].every(([p, end]) => client.committed(groupId, topic).get(p) === end);
  const values = (topic: string): string[] => client.records(topic).map((r) => r.value!.toString());
  return { client, producer, committedToEnd, values };
};

const isValidEvent = (e: Event): boolean => e.userId !== '' && e.action !== '';

describe('the Kafka guide with strom-rx/kafka', () => {
  it('simple consumer: reads what the topic holds and ends', async () => {
    const { client, committedToEnd } = await setup(300);
    const log: string[] = [];
    // doc:read-to-end
    const result = await kafkaStream({
      client,
      groupId: 'reporter',
      topics: ['events'],
      fromBeginning: true,
      shutdown: { afterIdleMs: 500 }, // caught up: nothing read for 500 ms
    }).pipe(
      mapM(decodeJson<Event>()),
      traverse_((event) => {
        log.push(event.action);
      }),
    )();
    // end:read-to-end
    expect(result._tag).toBe('Right');
    expect(log).toHaveLength(300);
    expect(committedToEnd('reporter')).toBe(true);
  });

  it('continuous consumer with backpressure: in flight stays within the credit, batches by size or time', async () => {
    const { client, committedToEnd } = await setup(2000);
    const shutdown = new AbortController();
    let indexed = 0;
    const index = async (batch: readonly Event[]): Promise<void> => {
      await sleep(5);
      indexed += batch.length;
      if (indexed === 2000) shutdown.abort();
    };
    // doc:continuous
    const stats = new KafkaStreamStats();
    const indexer = kafkaStream({
      client,
      groupId: 'indexer',
      topics: ['events'],
      fromBeginning: true,
      credit: { records: 300, perPartition: { records: 100 } },
      shutdown: { signal: shutdown.signal }, // e.g. process.once('SIGTERM', () => shutdown.abort())
      stats,
    }).pipe(
      mapM(decodeJson<Event>()),
      groupedWithin(100, 1000), // a batch of 100, or what came within a second
      traverse_(index),
    );
    // end:continuous
    const result = await indexer();
    expect(result._tag).toBe('Right');
    expect(indexed).toBe(2000);
    expect(stats.credit.maxInFlight).toBeLessThanOrEqual(300);
    expect(stats.pauses).toBeGreaterThan(0);
    expect(committedToEnd('indexer')).toBe(true);
  });

  it('error handling: invalid records are dropped and still commit; a record that does not decode stops the run at its offset', async () => {
    const { client } = await setup(0);
    client.produce('events', [
      { key: 'a', value: JSON.stringify({ userId: 'u1', action: 'click' }), partition: 0 },
      { key: 'b', value: JSON.stringify({ userId: '', action: 'click' }), partition: 0 },
      { key: 'c', value: '{oops', partition: 0 },
      { key: 'd', value: JSON.stringify({ userId: 'u2', action: 'view' }), partition: 0 },
    ]);
    const handled: string[] = [];
    const handle = (e: Event): void => {
      handled.push(e.userId);
    };
    // doc:errors
    const result = await kafkaStream({
      client,
      groupId: 'validator',
      topics: ['events'],
      fromBeginning: true,
    }).pipe(
      mapM(decodeJson<Event>()), // Left(KafkaDecodeError): topic, partition, offset and why
      filter(isValidEvent), // dropped on purpose: the offset commits
      traverse_(handle),
    )();
    // result: Left(KafkaDecodeError: "… at topic events, partition 0, offset 2: not JSON …")
    // end:errors
    expect(handled).toEqual(['u1']);
    expect(result._tag).toBe('Left');
    const error = (result as { left: unknown }).left;
    expect(error).toBeInstanceOf(KafkaDecodeError);
    expect(error).toMatchObject({ topic: 'events', partition: 0, offset: '2' });
    // the valid record and the dropped one are finished; the bad one is not, so the commit stops before it
    expect(client.committed('validator', 'events').get(0)).toBe('2');
  });

  it('parallel processing and offset management: commits never pass a record that is not finished', async () => {
    const { client, committedToEnd } = await setup(1000);
    const processed = new Map<number, Set<number>>();
    const problems: string[] = [];
    client.onCommit(({ partition, offset }) => {
      for (let o = 0; o < Number(offset); o++) {
        if (!processed.get(partition)?.has(o)) problems.push(`${partition}@${offset} before ${o}`);
      }
    });
    const processMessage = async (r: KafkaRecord): Promise<void> => {
      await sleep(Math.random() * 3);
      if (!processed.has(r.partition)) processed.set(r.partition, new Set());
      processed.get(r.partition)!.add(Number(r.offset));
    };
    // doc:parallel
    const inOrder = kafkaStream({
      client,
      groupId: 'workers',
      topics: ['events'],
      fromBeginning: true,
      shutdown: { afterIdleMs: 500 },
    }).pipe(mapParallel(10, processMessage), runDrain);

    // or as they complete: the commit still waits for the slowest record of each partition
    const asCompleted = kafkaStream({
      client,
      groupId: 'workers',
      topics: ['events'],
      fromBeginning: true,
      shutdown: { afterIdleMs: 500 },
    }).pipe(mapParallelUnordered(10, processMessage), runDrain);
    // end:parallel
    expect((await asCompleted())._tag).toBe('Right');
    expect(problems).toEqual([]);
    expect(committedToEnd('workers')).toBe(true);
    // a second run of the same group starts after the commit: nothing left to do
    processed.clear();
    expect((await inOrder())._tag).toBe('Right');
    expect(processed.size).toBe(0);
  });

  it('producers: one at a time, and batched', async () => {
    const { client, producer, values, committedToEnd } = await setup(250);
    client.createTopic('audit', 1);
    client.createTopic('enriched-events', 3);
    const toMessage = (r: KafkaRecord) => ({ key: r.key, value: `seen ${r.partition}/${r.offset}` });
    const source = (groupId: string) =>
      kafkaStream({
        client,
        groupId,
        topics: ['events'],
        fromBeginning: true,
        shutdown: { afterIdleMs: 500 },
      });
    // doc:producers
    // one at a time: a record is finished once its message is acknowledged
    const audit = source('audit').pipe(map(toMessage), traverse_(sendMessage(producer, 'audit')));
    // batched: up to 100 messages a request, at most 200 ms after the first; each record commits with its batch
    const enrich = source('enricher').pipe(
      map(toMessage),
      groupedWithin(100, 200),
      traverse_(sendBatch(producer, 'enriched-events')),
    );
    // end:producers
    const results = await Promise.all([audit(), enrich()]);
    expect(results.map((r) => r._tag)).toEqual(['Right', 'Right']);
    expect(values('audit')).toHaveLength(250);
    expect(new Set(values('enriched-events')).size).toBe(250);
    expect(committedToEnd('audit')).toBe(true);
    expect(committedToEnd('enricher')).toBe(true);
  });

  it('the complete pipeline: consume → decode → filter → enrich 5 at a time → batch → produce', async () => {
    const { client, producer, values, committedToEnd } = await setup(500);
    client.createTopic('enriched-events', 3);
    const fetchUser = async (id: string) => {
      await sleep(1);
      return { name: id.toUpperCase(), category: id.length % 2 === 0 ? 'even' : 'odd' };
    };
    // doc:complete
    const enrichEvent = (event: Event) =>
      TE.tryCatch(
        async () => ({ ...event, ...(await fetchUser(event.userId)) }),
        (cause) => ({ _tag: 'EnrichError' as const, cause }),
      );

    const kafkaPipeline = kafkaStream({
      client,
      groupId: 'enricher',
      topics: ['events'],
      fromBeginning: true,
      shutdown: { afterIdleMs: 500 },
    }).pipe(
      mapM(decodeJson<Event>()),
      filter(isValidEvent),
      mapParallel(5, enrichEvent),
      map((e) => ({ key: e.userId, value: JSON.stringify(e) })),
      groupedWithin(50, 200),
      traverse_(sendBatch(producer, 'enriched-events')),
    );
    // Either<KafkaDecodeError | { _tag: 'EnrichError' } | KafkaProduceError | KafkaConsumerError | …, void>
    const result = await kafkaPipeline();
    // end:complete
    expect(result._tag).toBe('Right');
    expect(values('enriched-events')).toHaveLength(400); // every fifth event has no action
    expect(committedToEnd('enricher')).toBe(true);
  });

  it('multi-topic consumer: one stream over every partition of several topics', async () => {
    const { client, committedToEnd } = await setup(60, ['events', 'logs', 'metrics']);
    const seen: string[] = [];
    const processAnyMessage = (r: KafkaRecord): void => {
      seen.push(r.topic);
    };
    // doc:multi-topic
    const all = kafkaStream({
      client,
      groupId: 'archiver',
      topics: ['events', 'logs', 'metrics'],
      fromBeginning: true,
      shutdown: { afterIdleMs: 500 },
    }).pipe(traverse_(processAnyMessage));
    // end:multi-topic
    expect((await all())._tag).toBe('Right');
    expect(seen.filter((t) => t === 'logs')).toHaveLength(60);
    expect(seen).toHaveLength(180);
    for (const t of ['events', 'logs', 'metrics']) expect(committedToEnd('archiver', t)).toBe(true);
  });

  it('fan-out: one consumer group per processor, each reading every record', async () => {
    const { client, committedToEnd } = await setup(200);
    const counts = { analytics: 0, log: 0, alert: 0 };
    const kind = (k: keyof typeof counts) => (e: Event) =>
      e.action.length % 3 === Object.keys(counts).indexOf(k);
    const count = (k: keyof typeof counts) => async () => {
      counts[k]++;
    };
    // doc:fan-out
    const events = (groupId: string) =>
      kafkaStream({
        client,
        groupId,
        topics: ['events'],
        fromBeginning: true,
        shutdown: { afterIdleMs: 500 },
      }).pipe(mapM(decodeJson<Event>()));

    const results = await Promise.all([
      events('analytics').pipe(filter(kind('analytics')), traverse_(count('analytics')))(),
      events('log-writer').pipe(filter(kind('log')), traverse_(count('log')))(),
      events('alerter').pipe(filter(kind('alert')), traverse_(count('alert')))(),
    ]);
    // end:fan-out
    expect(results.map((r) => r._tag)).toEqual(['Right', 'Right', 'Right']);
    expect(counts.analytics + counts.log + counts.alert).toBe(200);
    for (const g of ['analytics', 'log-writer', 'alerter']) expect(committedToEnd(g)).toBe(true);
  });

  it('dead-letter queue: a record that fails goes to a DLQ topic with where it came from, and its offset commits', async () => {
    const { client, producer, values, committedToEnd } = await setup(100);
    client.createTopic('events-dlq', 1);
    const saved: string[] = [];
    const save = (e: Event): void => {
      saved.push(e.action);
    };
    // doc:dead-letter
    const toDeadLetters = sendMessage(producer, 'events-dlq');
    const processEvent = (r: KafkaRecord) =>
      pipe(
        TE.fromEither(decodeJsonNow<Event>(r)),
        TE.filterOrElseW(isValidEvent, () => recordError(r, 'an event needs a user and an action')),
      );

    const withDeadLetters = (r: KafkaRecord) =>
      pipe(
        processEvent(r),
        TE.map(O.some),
        TE.orElse((error) =>
          pipe(
            toDeadLetters({
              key: r.key,
              value: r.value,
              headers: { 'dlq-source': `${r.topic}/${r.partition}/${r.offset}`, 'dlq-reason': error.message },
            }),
            TE.map((): O.Option<Event> => O.none),
          ),
        ),
      );

    const run = kafkaStream({
      client,
      groupId: 'saver',
      topics: ['events'],
      fromBeginning: true,
      shutdown: { afterIdleMs: 500 },
    }).pipe(
      mapM(withDeadLetters),
      collect((o: O.Option<Event>) => o), // what went to the DLQ is finished here
      traverse_(save),
    );
    // end:dead-letter
    expect((await run())._tag).toBe('Right');
    expect(saved).toHaveLength(80);
    expect(values('events-dlq')).toHaveLength(20);
    const dead = client.records('events-dlq')[0]!;
    expect(String(dead.headers['dlq-source'])).toMatch(/^events\/\d\/\d+$/);
    expect(String(dead.headers['dlq-reason'])).toContain('an event needs a user and an action');
    expect(committedToEnd('saver')).toBe(true);
  });

  it('rate limiting: at most n records per period, none dropped', async () => {
    const { client, committedToEnd } = await setup(60);
    let handled = 0;
    const handle = async (): Promise<void> => {
      handled++;
    };
    const started = Date.now();
    // doc:rate-limit
    const limited = kafkaStream({
      client,
      groupId: 'limited',
      topics: ['events'],
      fromBeginning: true,
      shutdown: { afterIdleMs: 500 },
    }).pipe(
      rateLimit(20, 100), // 20 records per 100 ms; the rest wait in the source's credit, then in Kafka
      traverse_(handle),
    );
    // end:rate-limit
    expect((await limited())._tag).toBe('Right');
    expect(handled).toBe(60);
    // 60 records at 20 per 100 ms: the last ones pass no sooner than 200 ms in
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(committedToEnd('limited')).toBe(true);
  });

  it('windowing and monitoring: windows by size or time, counters from the source', async () => {
    const { client, committedToEnd } = await setup(2500);
    const windows: number[] = [];
    const logWindowStats = async (w: { count: number }): Promise<void> => {
      windows.push(w.count);
    };
    // doc:windows
    const stats = new KafkaStreamStats();
    const windowed = kafkaStream({
      client,
      groupId: 'windows',
      topics: ['events'],
      fromBeginning: true,
      shutdown: { afterIdleMs: 500 },
      stats,
    }).pipe(
      groupedWithin(1000, 5000), // 1,000 records or 5 s, whichever comes first
      map((window) => ({ count: window.length, users: new Set(window.map((r) => r.key?.toString())).size })),
      tapM(logWindowStats),
      runDrain,
    );
    // read while it runs: stats.credit.inFlight, stats.credit.finished, stats.paused, stats.committed, …
    // end:windows
    expect((await windowed())._tag).toBe('Right');
    expect(windows.every((n) => n <= 1000)).toBe(true);
    expect(windows.reduce((a, b) => a + b, 0)).toBe(2500);
    expect(stats.credit.finished).toBe(2500);
    expect(stats.commits).toBeGreaterThan(0);
    expect(committedToEnd('windows')).toBe(true);
  });

  it('docs/patterns.md shows each snippet as it runs here', () => {
    const here = readFileSync(__filename, 'utf8');
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'patterns.md'), 'utf8');
    const names = [...here.matchAll(/^\s*\/\/ doc:([a-z-]+)$/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const name of names) {
      const start = here.indexOf(`// doc:${name}\n`);
      const body = here.slice(here.indexOf('\n', start) + 1, here.indexOf(`// end:${name}`));
      const lines = body.replace(/\s+$/, '').split('\n');
      const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
      const snippet = lines.map((l) => l.slice(indent)).join('\n');
      expect({ name, inDoc: doc.includes(`\`\`\`ts\n${snippet}\n\`\`\``) }).toEqual({ name, inDoc: true });
    }
  });
});
