/**
 * after a retriable crash KafkaJS restarts the consumer itself (consumer/index.js onCrash: `await
 * disconnect()` sets `consumerGroup = null`, then emits CRASH with `restart: true`, then `setTimeout(start,
 * retryTime)`). The adapter ignores such a CRASH ("KafkaJS restarts the consumer itself"), so kafkaStream goes on:
 * its commit timer and its everyRecords commits still call `consumer.commitOffsets`, which in that window throws
 * KafkaJSNonRetriableError('Consumer group was not initialized'). That is not a rebalance error, so kafkaStream
 * fails the whole pipeline with KafkaCommitError on an error KafkaJS was recovering from (a broker restart).
 *
 * No broker is needed: a KafkaJS consumer that has not run is in the same state (consumerGroup === null).
 */
import { Kafka, logLevel } from 'kafkajs';
import { traverse_ } from '../../src/index.js';
import type { ConsumerListener, ConsumerPort, FetchedBatch, KafkaClient } from '../../src/kafka/index.js';
import { CommitRefused, fromKafkaJS, KafkaCommitError, kafkaStream } from '../../src/kafka/index.js';
import { sleep } from './support';

describe('a commit while KafkaJS restarts after a retriable crash', () => {
  it('the adapter should report it as refused (not an error that fails the stream)', async () => {
    const kafka = new Kafka({
      clientId: 'restart-test',
      brokers: ['127.0.0.1:1'],
      logLevel: logLevel.NOTHING,
    });
    const real = fromKafkaJS(kafka).consumer({ groupId: 'g' });
    const failure = await real.commit([{ topic: 't', partition: 0, offset: '1' }]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(CommitRefused);
  });

  it('kafkaStream should keep running across the restart window', async () => {
    const kafka = new Kafka({
      clientId: 'restart-test',
      brokers: ['127.0.0.1:1'],
      logLevel: logLevel.NOTHING,
    });
    const real = fromKafkaJS(kafka).consumer({ groupId: 'g' });
    let onBatch: ((b: FetchedBatch) => void | Promise<void>) | undefined;
    let listener: ConsumerListener | undefined;
    // run/assignment driven by hand; commit goes to the real adapter over a KafkaJS consumer without a group
    const port: ConsumerPort = {
      connect: async () => undefined,
      subscribe: async () => undefined,
      run: async (h, l) => {
        onBatch = h;
        listener = l;
      },
      pause: () => undefined,
      resume: () => undefined,
      commit: (o) => real.commit(o),
      disconnect: async () => undefined,
    };
    const client: KafkaClient = {
      consumer: () => port,
      producer: () => {
        throw new Error('unused');
      },
      admin: () => {
        throw new Error('unused');
      },
    };
    const shutdown = new AbortController();
    const run = kafkaStream({
      client,
      groupId: 'g',
      topics: ['t'],
      commit: { everyRecords: 1 },
      shutdown: { signal: shutdown.signal },
    }).pipe(traverse_(() => undefined))();
    while (onBatch === undefined) await sleep(1);
    listener!.assigned([{ topic: 't', partition: 0 }]);
    // a record finishes while KafkaJS is between its crash and its restart
    await onBatch({
      topic: 't',
      partition: 0,
      records: [
        { topic: 't', partition: 0, offset: '0', key: null, value: null, headers: {}, timestamp: '0' },
      ],
      take: () => undefined,
    });
    await sleep(20);
    shutdown.abort();
    const result = await run;
    expect(
      result._tag === 'Left' && result.left instanceof KafkaCommitError ? result.left.message : 'ok',
    ).toBe('ok');
  });
});
