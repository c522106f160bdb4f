/**
 * KafkaJS 2.2.4 ends a crashed consumer in this order (node_modules/kafkajs/src/consumer/index.js):
 *   onCrash -> await disconnect() -> stop(): runner.stop(); consumerGroup = null; emit STOP
 *           -> await cluster.disconnect()
 *           -> emit CRASH { restart }
 * From `consumerGroup = null` on, consumer.commitOffsets / pause / resume throw KafkaJSNonRetriableError('Consumer
 * group was not initialized'). So the adapter (src/kafka/kafkajs.ts) must:
 *   1. refuse a commit made between STOP and CRASH (CommitRefused, not a failure of the stream: KafkaJS is about
 *      to restart), and not throw from pause or resume then (resume runs inside a ticket's resolve);
 *   2. on a final crash, let kafkaStream's teardown (which pauses every partition) run to its end, so that the
 *      last commit and the disconnect are registered and the run ends;
 *   3. report a restart as a rebalance under way, not a settled group, so that afterIdleMs does not end a job
 *      while KafkaJS is still restarting.
 *
 * No broker: the cluster's network calls are stubbed, and a join is simulated by emitting KafkaJS's own GROUP_JOIN
 * event from ConsumerGroup.joinAndSync; everything else (run, runner, crash handling, commit/pause/resume) is KafkaJS.
 */
import { Kafka, logLevel } from 'kafkajs';
import { traverse_ } from '../../src/index.js';
import type { ConsumerListener } from '../../src/kafka/index.js';
import { CommitRefused, fromKafkaJS, kafkaStream } from '../../src/kafka/index.js';
import { eventually, sleep } from './support';

/* eslint-disable @typescript-eslint/no-require-imports */
const Cluster = require('kafkajs/src/cluster');
const ConsumerGroup = require('kafkajs/src/consumer/consumerGroup');
const { events: consumerEvents } = require('kafkajs/src/consumer/instrumentationEvents');

beforeEach(() => {
  jest.spyOn(Cluster.prototype, 'connect').mockResolvedValue(undefined);
  jest.spyOn(Cluster.prototype, 'addMultipleTargetTopics').mockResolvedValue(undefined);
  jest.spyOn(Cluster.prototype, 'refreshMetadataIfNecessary').mockResolvedValue(undefined);
  // no broker to fetch from: the fetch manager fails with KafkaJSNoBrokerAvailableError, the runner crashes
  jest.spyOn(Cluster.prototype, 'getNodeIds').mockReturnValue([]);
  // a join that succeeds: KafkaJS's own GROUP_JOIN event, with partition t/0
  jest.spyOn(ConsumerGroup.prototype, 'joinAndSync').mockImplementation(async function (this: any) {
    this.instrumentationEmitter.emit(consumerEvents.GROUP_JOIN, {
      groupId: this.groupId,
      memberId: 'm',
      leaderId: 'm',
      isLeader: true,
      memberAssignment: { t: [0] },
      groupProtocol: 'RoundRobinAssigner',
      duration: 0,
    });
  });
  jest.spyOn(ConsumerGroup.prototype, 'leave').mockResolvedValue(undefined);
});
afterEach(() => jest.restoreAllMocks());

const kafkaWith = (restart: boolean) =>
  new Kafka({
    clientId: 'stop-window',
    brokers: ['127.0.0.1:1'],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0, initialRetryTime: 60_000, restartOnFailure: async () => restart },
  });

/** fromKafkaJS, keeping hold of the KafkaJS consumer it makes */
const adapterOver = (kafka: Kafka) => {
  const made: any[] = [];
  const client = fromKafkaJS({
    consumer: (cfg: any) => {
      const c = kafka.consumer(cfg);
      made.push(c);
      return c;
    },
  } as unknown as Kafka);
  return { client, made };
};

describe('the KafkaJS adapter between STOP and CRASH (a restart)', () => {
  it('should refuse a commit and ignore pause/resume once KafkaJS has dropped its consumer group', async () => {
    const { client, made } = adapterOver(kafkaWith(true));
    const port = client.consumer({ groupId: 'g' });
    const seen: { commit?: unknown; resume?: unknown; crashed?: unknown } = {};
    const assignments: string[] = [];
    const listener: ConsumerListener = {
      assigned: (a) => assignments.push(JSON.stringify(a)),
      rebalancing: () => undefined,
      crashed: (e) => (seen.crashed = e),
    };
    await port.connect();
    await port.subscribe(['t'], true);
    void port.run(() => undefined, listener);
    // (after run: kafkaStream's calls come from timers and credit, never from inside KafkaJS's STOP emit)
    const kjs = made[0];
    kjs.on(kjs.events.STOP, () => {
      // what kafkaStream does at any time: its commit timer, a finished record, credit coming back
      seen.commit = port.commit([{ topic: 't', partition: 0, offset: '1' }]).then(
        () => 'committed',
        (e: unknown) => e,
      );
      try {
        port.resume([{ topic: 't', partition: 0 }]);
        seen.resume = 'ok';
      } catch (e) {
        seen.resume = e;
      }
    });
    await eventually(() => assignments.length >= 2, 'the join, then the restart');
    expect(assignments).toEqual(['[{"topic":"t","partition":0}]', '[]']);
    const commit = await seen.commit;
    await port.disconnect();
    expect({
      commitRefused: commit instanceof CommitRefused,
      commit: String(commit),
      resume: String(seen.resume),
    }).toEqual({
      commitRefused: true,
      commit: expect.stringMatching(/^CommitRefused/),
      resume: 'ok',
    });
  });
});

describe('kafkaStream on KafkaJS, a final crash', () => {
  it('should end with the crash, tear down completely, and throw nothing into KafkaJS', async () => {
    const rejections: unknown[] = [];
    const onRejection = (e: unknown): void => {
      rejections.push(e);
    };
    process.on('unhandledRejection', onRejection);
    try {
      const { client } = adapterOver(kafkaWith(false));
      let disconnects = 0;
      const counting = {
        ...client,
        consumer: (s: any) => {
          const p = client.consumer(s);
          const disconnect = p.disconnect.bind(p);
          p.disconnect = () => {
            disconnects++;
            return disconnect();
          };
          return p;
        },
      };
      const running = kafkaStream({
        client: counting,
        groupId: 'g',
        topics: ['t'],
        fromBeginning: true,
        overdue: { afterMs: 60_000, report: () => undefined },
      }).pipe(traverse_(() => undefined))();
      // the crash comes at once (no broker to fetch from): give the run 2 s to end
      const result = await Promise.race([
        running,
        sleep(2000).then(() => 'still running after 2 s' as const),
      ]);
      await sleep(50);
      expect({
        result:
          typeof result === 'string'
            ? result
            : result._tag === 'Left'
              ? result.left.constructor.name
              : 'Right',
        disconnects,
        rejections: rejections.map((e) => String(e).slice(0, 200)),
      }).toEqual({ result: 'KafkaConsumerError', disconnects: 1, rejections: [] });
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});

describe('kafkaStream on KafkaJS, shutdown.afterIdleMs and a restart', () => {
  it('should not end the job as caught up while KafkaJS restarts the consumer', async () => {
    // the restart comes 400 ms after the crash; afterIdleMs is 100
    const kafka = new Kafka({
      clientId: 'stop-window',
      brokers: ['127.0.0.1:1'],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0, initialRetryTime: 400, restartOnFailure: async () => true },
    });
    const { client } = adapterOver(kafka);
    let ended = false;
    const shutdown = new AbortController();
    const run = kafkaStream({
      client,
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      shutdown: { afterIdleMs: 100, signal: shutdown.signal },
    }).pipe(traverse_(() => undefined))();
    void run.then(() => (ended = true));
    await sleep(300); // joined, crashed (no broker to fetch from), waiting for the restart
    const endedBeforeRestart = ended;
    shutdown.abort();
    await Promise.race([run, sleep(2000)]);
    expect(endedBeforeRestart).toBe(false);
  });
});
