/**
 * One timed run of the Kafka benchmark, in its own process, as plain JavaScript on the built package
 * (dist/cjs). Prints one JSON line.
 *
 *   node bench/kafka.worker.cjs throughput strom-rx|kafkajs <brokers> <topic> <records>
 *   node bench/kafka.worker.cjs memory <brokers> <topic> <seconds>
 */
const { Kafka, logLevel } = require('kafkajs');
const { mapParallel, runDrain, take } = require('../dist/cjs/index.js');
const { fromKafkaJS, kafkaStream, KafkaStreamStats } = require('../dist/cjs/kafka/index.js');

const [mode, ...rest] = process.argv.slice(2);
const COMMIT_EVERY_RECORDS = 1000;
const COMMIT_EVERY_MS = 1000;

/** the per-record work: a checksum of the value, behind a Promise as an I/O step would be */
const work = (value) => {
  let h = 0;
  for (let i = 0; i < value.length; i += 64) h = (h * 31 + value[i]) | 0;
  return Promise.resolve(h);
};

const kafkaFor = (brokers) =>
  new Kafka({ clientId: `bench-${process.pid}`, brokers: brokers.split(','), logLevel: logLevel.NOTHING });

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const strom = async (brokers, topic, records) => {
  const client = fromKafkaJS(kafkaFor(brokers));
  const groupId = `bench-strom-${process.pid}-${Date.now()}`;
  const started = Date.now();
  const result = await runDrain(
    kafkaStream({
      client,
      groupId,
      topics: [topic],
      fromBeginning: true,
      commit: { everyRecords: COMMIT_EVERY_RECORDS, everyMs: COMMIT_EVERY_MS },
    }).pipe(
      mapParallel(16, (r) => work(r.value)),
      take(records),
    ),
  )();
  if (result._tag !== 'Right') throw result.left;
  return { ms: Date.now() - started, groupId };
};

const plain = async (brokers, topic, records) => {
  const kafka = kafkaFor(brokers);
  const groupId = `bench-kafkajs-${process.pid}-${Date.now()}`;
  const started = Date.now();
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let seen = 0;
  let sinceCommit = 0;
  let lastCommit = Date.now();
  const pending = new Map();
  const commit = async () => {
    const offsets = [...pending.values()];
    pending.clear();
    sinceCommit = 0;
    lastCommit = Date.now();
    if (offsets.length > 0) await consumer.commitOffsets(offsets);
  };
  await new Promise((resolve, reject) => {
    consumer
      .run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
          await Promise.all(batch.messages.map((m) => work(m.value)));
          for (const m of batch.messages) resolveOffset(m.offset);
          const last = batch.messages[batch.messages.length - 1];
          if (last === undefined) return;
          pending.set(`${batch.topic}/${batch.partition}`, {
            topic: batch.topic,
            partition: batch.partition,
            offset: (BigInt(last.offset) + 1n).toString(),
          });
          seen += batch.messages.length;
          sinceCommit += batch.messages.length;
          if (sinceCommit >= COMMIT_EVERY_RECORDS || Date.now() - lastCommit >= COMMIT_EVERY_MS)
            await commit();
          await heartbeat();
          if (seen >= records) resolve();
        },
      })
      .catch(reject);
  });
  await commit();
  await consumer.disconnect();
  return { ms: Date.now() - started, groupId };
};

/** memory: a slow sink behind the source, for a fixed time; the peak RSS says whether the backlog leaks in */
const memory = async (brokers, topic, seconds) => {
  const client = fromKafkaJS(kafkaFor(brokers));
  const stats = new KafkaStreamStats();
  const controller = new AbortController();
  setTimeout(() => controller.abort(), seconds * 1000);
  const result = await runDrain(
    kafkaStream({
      client,
      groupId: `bench-memory-${process.pid}-${Date.now()}`,
      topics: [topic],
      fromBeginning: true,
      stats,
      shutdown: { signal: controller.signal },
    }).pipe(mapParallel(4, (r) => new Promise((resolve) => setTimeout(() => resolve(r.offset), 2)))),
  )();
  if (result._tag !== 'Right') throw result.left;
  return {
    processed: stats.credit.finished,
    maxInFlight: stats.credit.maxInFlight,
    maxBytesInFlightMb: stats.credit.maxBytesInFlight / 2 ** 20,
    pauses: stats.pauses,
  };
};

const main = async () => {
  let out;
  if (mode === 'throughput') {
    const [impl, brokers, topic, records] = rest;
    out = await (impl === 'strom-rx' ? strom : plain)(brokers, topic, Number(records));
  } else if (mode === 'memory') {
    const [brokers, topic, seconds] = rest;
    out = await memory(brokers, topic, Number(seconds));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  process.stdout.write(`${JSON.stringify({ ...out, peakRssMb: peakRss / 2 ** 20 })}\n`);
  process.exit(0);
};

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
