/**
 * Kafka → process → Kafka, against a real broker: the integration guide's complete example in strom-rx.
 *
 * Reads JSON events from `user-events`, decodes them (a value that is not an event fails the run with a typed
 * error naming its topic, partition and offset), drops the invalid ones (their offsets still commit), enriches
 * five at a time with a lookup, batches them by 50 and sends each batch to `enriched-events`. A record's offset is
 * committed only after the batch it went into was acknowledged by the broker.
 *
 * Run: npm run demo:kafka            (options: --events N; Ctrl-C stops it gracefully: drain, commit, leave)
 *
 * Without KAFKA_BROKERS it starts the project's own broker (scripts/kafka.mjs, needs Java 17 and Maven) and stops
 * it at the end; with KAFKA_BROKERS=host:port it uses that cluster.
 */
import { Kafka, logLevel } from 'kafkajs';
import { filter, groupedWithin, map, mapM, mapParallel, traverse_ } from '../src/index';
import {
  decodeJson,
  fromKafkaJS,
  kafkaStream,
  KafkaStreamStats,
  ProducerMessage,
  sendBatch,
} from '../src/kafka/index';
import * as E from '../src/om/either';

interface Event {
  readonly userId: string;
  readonly action: string;
  readonly timestamp: string;
}

interface EnrichedEvent extends Event {
  readonly userName: string;
  readonly category: string;
}

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const events = arg('events', 20_000);
const INPUT = 'user-events';
const OUTPUT = 'enriched-events';

/** checks that a decoded JSON value has the shape of an event */
const parseEvent = (u: unknown) => {
  const o = u as Partial<Event> | null;
  return typeof o === 'object' &&
    o !== null &&
    typeof o.userId === 'string' &&
    typeof o.action === 'string' &&
    typeof o.timestamp === 'string'
    ? E.right<string, Event>(o as Event)
    : E.left<string, Event>('not an event: needs userId, action and timestamp strings');
};

const isValidEvent = (e: Event): boolean => e.userId !== '' && e.action !== '';

/** a lookup that takes about a millisecond, as a call to a user service would */
const enrichEvent = (e: Event): Promise<EnrichedEvent> =>
  new Promise((resolve) =>
    setTimeout(
      () =>
        resolve({
          ...e,
          userName: `user ${e.userId}`,
          category: Number(e.userId) % 2 === 0 ? 'even' : 'odd',
        }),
      1,
    ),
  );

const toMessage = (e: EnrichedEvent): ProducerMessage => ({ key: e.userId, value: JSON.stringify(e) });

const main = async (): Promise<void> => {
  const broker = await import('../scripts/kafka.mjs');
  const log = (line: string): void => console.error(line);
  let started = false;
  let brokers = process.env.KAFKA_BROKERS;
  if (brokers === undefined || brokers === '') {
    const b = await broker.startBroker({ log });
    brokers = b.brokers;
    started = b.started;
  }
  const client = fromKafkaJS(
    new Kafka({ clientId: 'strom-rx-demo', brokers: brokers.split(','), logLevel: logLevel.NOTHING }),
  );
  const admin = client.admin();
  await admin.connect();
  const stamp = Date.now();
  const input = `${INPUT}-${stamp}`;
  const output = `${OUTPUT}-${stamp}`;
  const groupId = `enricher-${stamp}`;
  await admin.createTopics([
    { topic: input, partitions: 3 },
    { topic: output, partitions: 3 },
  ]);
  const producer = client.producer();
  await producer.connect();

  // the input: events, one in ten with an empty userId (invalid: filtered out, and still committed)
  for (let i = 0; i < events; i += 1000) {
    const chunk: ProducerMessage[] = [];
    for (let j = i; j < Math.min(events, i + 1000); j++) {
      const userId = j % 10 === 0 ? '' : String(j % 500);
      chunk.push({
        key: String(j),
        value: JSON.stringify({ userId, action: 'click', timestamp: String(stamp + j) }),
      });
    }
    await producer.send(input, chunk);
  }
  const expected = events - Math.ceil(events / 10);
  console.log(`produced ${events} events to ${input}; ${expected} are valid`);

  const stats = new KafkaStreamStats();
  const shutdown = new AbortController();
  process.once('SIGINT', () => shutdown.abort());
  process.once('SIGTERM', () => shutdown.abort());
  let sent = 0;
  const t0 = Date.now();
  const timer = setInterval(() => {
    const c = stats.credit;
    console.log(
      `${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s  read ${c.pulled}  finished ${c.finished}  in flight ${c.inFlight} (max ${c.maxInFlight})  sent ${sent}  commits ${stats.commits}  paused ${stats.paused}`,
    );
  }, 500);

  const run = kafkaStream({
    client,
    groupId,
    topics: [input],
    fromBeginning: true,
    credit: { records: 512 },
    stats,
    shutdown: { signal: shutdown.signal },
  }).pipe(
    mapM(decodeJson(parseEvent)),
    filter(isValidEvent),
    mapParallel(5, enrichEvent),
    map(toMessage),
    // up to 50 per batch, and never more than 200 ms of waiting: on an endless topic, grouped(50) would hold a
    // partial batch (and its offsets) until the next records come
    groupedWithin(50, 200),
    traverse_((batch: readonly ProducerMessage[]) => async () => {
      const acked = await sendBatch(producer, output)(batch)();
      if (E.isRight(acked)) {
        sent += batch.length;
        // the demo ends itself once every valid event went out: a graceful shutdown, as on Ctrl-C
        if (sent >= expected) shutdown.abort();
      }
      return acked;
    }),
  );
  const result = await run();
  clearInterval(timer);

  const committed = await admin.committedOffsets(groupId, input);
  const end = await admin.endOffsets(input);
  const written = [...(await admin.endOffsets(output)).values()].reduce((a, b) => a + Number(b), 0);
  console.log('');
  console.log(`result: ${result._tag === 'Right' ? 'Right' : `Left(${String(result.left)})`}`);
  for (const [p, e] of [...end].sort((a, b) => a[0] - b[0])) {
    console.log(`  ${input}[${p}]  end ${e}  committed ${committed.get(p) ?? '-'}`);
  }
  console.log(`  ${output}: ${written} records; in flight at most ${stats.credit.maxInFlight}`);
  const ok =
    result._tag === 'Right' &&
    written === expected &&
    [...end].every(([p, e]) => committed.get(p) === e) &&
    stats.credit.maxInFlight <= 512;
  console.log(ok ? 'OK: every event processed once, offsets committed to the end.' : 'FAILED');
  if (!ok) process.exitCode = 1;

  await producer.disconnect();
  await admin.disconnect();
  if (started) await broker.stopBroker({ log });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
