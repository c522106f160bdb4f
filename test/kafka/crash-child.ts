/**
 * The consumer that test/kafka/crash.test.ts kills with SIGKILL: reads the topic in its group and appends, for
 * each record it finishes, `partition offset number` to a file (synchronously, before the record's ticket is
 * resolved, so the file holds at least everything that could have been committed).
 *
 *   node --import tsx test/kafka/crash-child.ts <topic> <groupId> <out-file>   (KAFKA_BROKERS in the environment)
 */
import { appendFileSync } from 'node:fs';
import { mapParallel, traverse_ } from '../../src/index.js';
import { kafkaStream } from '../../src/kafka/index.js';
import { CRASH_CREDIT, CRASH_EVERY_RECORDS } from './crash-settings';
import { client } from './support';

const [topic, groupId, file] = process.argv.slice(2) as [string, string, string];

void kafkaStream({
  client: client('crash-child'),
  groupId,
  topics: [topic],
  fromBeginning: true,
  credit: { records: CRASH_CREDIT },
  commit: { everyRecords: CRASH_EVERY_RECORDS, everyMs: 100 },
  // a member killed without leaving is dropped by the group after its session timeout
  consumer: { sessionTimeoutMs: 6000, heartbeatIntervalMs: 500, rebalanceTimeoutMs: 6000 },
}).pipe(
  mapParallel(8, async (r) => {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
    return r;
  }),
  traverse_((r) => {
    appendFileSync(file, `${r.partition} ${r.offset} ${r.value!.toString()}\n`);
  }),
)();
