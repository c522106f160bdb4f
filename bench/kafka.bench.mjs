/**
 * The Kafka benchmark, on a local broker (the project's own, started here unless KAFKA_BROKERS names one).
 *
 * Throughput: 200,000 records of 1 KiB over 6 partitions, consumed with commits, by
 *   - strom-rx: kafkaStream → mapParallel(16, work) → runDrain (take(N) ends the run, which commits and leaves), and
 *   - KafkaJS:  a plain eachBatch loop doing the same work and committing the same way (every 1,000 records or 1 s,
 *               explicit commitOffsets, autoCommit off),
 * each in a fresh process and a fresh consumer group, alternating, several rounds. Prints medians and the ratio.
 *
 * Memory: the peak RSS of a process running kafkaStream behind a slow sink (4 in flight, 2 ms each) for a fixed
 * time, with 100,000 and with 1,000,000 records of 1 KiB waiting in the topic.
 *
 * Usage: npm run bench:kafka -- [--runs 5] [--records 200000] [--memory-seconds 10] [--skip-memory]
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';
import { startBroker, stopBroker } from '../scripts/kafka.mjs';

const { Kafka, logLevel } = kafkajs;
const here = dirname(fileURLToPath(import.meta.url));
const worker = join(here, 'kafka.worker.cjs');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const runs = Number(opt('runs', '5'));
const records = Number(opt('records', '200000'));
const memorySeconds = Number(opt('memory-seconds', '10'));
const skipMemory = args.includes('--skip-memory');
const PARTITIONS = 6;
const VALUE = Buffer.alloc(1024, 'x');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const log = (line) => process.stderr.write(`${line}\n`);

let startedHere = false;
let brokers = process.env.KAFKA_BROKERS;
if (brokers === undefined) {
  const started = await startBroker({ log });
  brokers = started.brokers;
  startedHere = started.started;
}

const kafka = new Kafka({ clientId: 'bench-setup', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const admin = kafka.admin();
await admin.connect();
const producer = kafka.producer();
await producer.connect();

const fill = async (topic, count) => {
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
  });
  const started = Date.now();
  const batch = 1000;
  const inFlight = [];
  for (let i = 0; i < count; i += batch) {
    const messages = [];
    for (let j = i; j < Math.min(count, i + batch); j++) {
      messages.push({ key: String(j), value: VALUE, partition: j % PARTITIONS });
    }
    inFlight.push(producer.send({ topic, acks: 1, messages }));
    if (inFlight.length >= 8) await inFlight.shift();
  }
  await Promise.all(inFlight);
  log(`filled ${topic}: ${count.toLocaleString('en-US')} records in ${Date.now() - started} ms`);
};

const runWorker = (argv) =>
  JSON.parse(
    execFileSync(process.execPath, [worker, ...argv], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop(),
  );

const stamp = Date.now();
const lines = [];
try {
  const topic = `bench-throughput-${stamp}`;
  await fill(topic, records);
  const times = { 'strom-rx': [], kafkajs: [] };
  const rss = { 'strom-rx': [], kafkajs: [] };
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? ['strom-rx', 'kafkajs'] : ['kafkajs', 'strom-rx'];
    for (const impl of order) {
      const out = runWorker(['throughput', impl, brokers, topic, String(records)]);
      times[impl].push(out.ms);
      rss[impl].push(out.peakRssMb);
      log(`${impl} run ${r + 1}/${runs}: ${out.ms} ms, peak RSS ${out.peakRssMb.toFixed(0)} MiB`);
    }
  }
  const rate = (impl) => records / (median(times[impl]) / 1000);
  lines.push(
    `Throughput: ${records.toLocaleString('en-US')} records of 1 KiB, ${PARTITIONS} partitions, node ${process.version}, ${runs} runs each (median)`,
  );
  lines.push('');
  lines.push('| consumer | median wall time (ms) | records/s | peak RSS (MiB) |');
  lines.push('|---|---|---|---|');
  for (const impl of ['strom-rx', 'kafkajs']) {
    const name =
      impl === 'strom-rx' ? 'strom-rx kafkaStream → mapParallel(16) → runDrain' : 'KafkaJS eachBatch loop';
    lines.push(
      `| ${name} | ${median(times[impl]).toFixed(0)} | ${rate(impl).toFixed(0)} | ${median(rss[impl]).toFixed(0)} |`,
    );
  }
  lines.push('');
  lines.push(`strom-rx / KafkaJS throughput: ${(rate('strom-rx') / rate('kafkajs')).toFixed(2)}`);

  if (!skipMemory) {
    lines.push('');
    lines.push(
      `Memory: kafkaStream (default credit) → mapParallel(4, 2 ms) → runDrain for ${memorySeconds} s, records of 1 KiB waiting`,
    );
    lines.push('');
    lines.push(
      '| records waiting | peak RSS (MiB) | processed | max in flight | max bytes in flight (MiB) | pauses |',
    );
    lines.push('|---|---|---|---|---|---|');
    for (const waiting of [100_000, 1_000_000]) {
      const topic = `bench-memory-${waiting}-${stamp}`;
      await fill(topic, waiting);
      const out = runWorker(['memory', brokers, topic, String(memorySeconds)]);
      log(`memory with ${waiting} waiting: peak RSS ${out.peakRssMb.toFixed(0)} MiB`);
      lines.push(
        `| ${waiting.toLocaleString('en-US')} | ${out.peakRssMb.toFixed(0)} | ${out.processed} | ${out.maxInFlight} | ${out.maxBytesInFlightMb.toFixed(1)} | ${out.pauses} |`,
      );
    }
  }
} finally {
  await producer.disconnect();
  await admin.disconnect();
  if (startedHere) await stopBroker({ log });
}
process.stdout.write(`${lines.join('\n')}\n`);
