/**
 * InMemoryKafka on its own, through the Kafka port: what is written is read back with its key, headers and
 * offsets; keys land where KafkaJS's default partitioner puts them; groups rebalance, refuse stale commits and
 * read again from the last commit; pause and resume act on one partition.
 */
import { Partitioners } from 'kafkajs';
import { CommitRefused, isRebalanceError } from '../../src/kafka/index.js';
import { InMemoryKafka } from '../../src/testing/index.js';
import { disconnectAfterEach, eventually, manualConsumer, numbers, produceNumbered, sleep } from './support';

disconnectAfterEach();

describe('InMemoryKafka', () => {
  describe('producing and consuming', () => {
    it('should hand back what a producer wrote, with keys, headers, timestamps and offsets', async () => {
      const kafka = new InMemoryKafka({ now: () => 1_700_000_000_000 });
      kafka.createTopic('orders', 2);
      const producer = kafka.producer();
      await producer.connect();
      const acks = await producer.send('orders', [
        { key: 'k1', value: 'one', partition: 1, headers: { trace: 'abc', bin: Buffer.from([1, 2]) } },
        { key: null, value: Buffer.from('two'), partition: 1, timestamp: '42' },
        { value: null, partition: 0 },
      ]);
      expect(acks).toEqual([
        { topic: 'orders', partition: 1, baseOffset: '0' },
        { topic: 'orders', partition: 0, baseOffset: '0' },
      ]);
      const second = await producer.send('orders', [{ key: 'k2', value: 'three', partition: 1 }]);
      expect(second).toEqual([{ topic: 'orders', partition: 1, baseOffset: '2' }]);
      await producer.disconnect();
      await expect(producer.send('orders', [{ value: 'x' }])).rejects.toThrow(/disconnected/);

      const c = manualConsumer(kafka, 'g', ['orders']);
      await c.start();
      await eventually(() => c.records().length === 4, 'four records');
      await c.port.disconnect();

      const p1 = c.batches.filter((b) => b.partition === 1).flatMap((b) => b.records);
      expect(p1.map((r) => r.offset)).toEqual(['0', '1', '2']);
      expect(p1[0]).toEqual({
        topic: 'orders',
        partition: 1,
        offset: '0',
        key: Buffer.from('k1'),
        value: Buffer.from('one'),
        headers: { trace: Buffer.from('abc'), bin: Buffer.from([1, 2]) },
        timestamp: '1700000000000',
      });
      expect(p1[1]).toMatchObject({ key: null, value: Buffer.from('two'), headers: {}, timestamp: '42' });
      const p0 = c.batches.filter((b) => b.partition === 0).flatMap((b) => b.records);
      expect(p0).toEqual([expect.objectContaining({ offset: '0', key: null, value: null })]);
      expect(kafka.records('orders').map((r) => `${r.partition}@${r.offset}`)).toEqual([
        '0@0',
        '1@0',
        '1@1',
        '1@2',
      ]);
    });

    it('should put a keyed message on the partition KafkaJS’s default partitioner picks', () => {
      const kafka = new InMemoryKafka();
      kafka.createTopic('t', 7);
      const kafkajs = Partitioners.DefaultPartitioner();
      const metadata = Array.from({ length: 7 }, (_, partitionId) => ({
        partitionId,
        leader: 0,
        replicas: [0],
        isr: [0],
        partitionErrorCode: 0,
      }));
      const keys = [...Array.from({ length: 300 }, (_, i) => `key-${i}`), '', 'é€😀', 'abc', 'abcd', 'abcde'];
      const acks = keys.map((key) => kafka.produce('t', [{ key, value: 'v' }])[0]!.partition);
      const expected = keys.map((key) =>
        kafkajs({ topic: 't', partitionMetadata: metadata, message: { key, value: 'v' } }),
      );
      expect(acks).toEqual(expected);
      // deterministic, and spread over every partition
      expect(kafka.produce('t', [{ key: 'key-17', value: 'v' }])[0]!.partition).toBe(acks[17]);
      expect(new Set(acks).size).toBe(7);
    });

    it('should spread messages without a key round robin and honour an explicit partition', () => {
      const kafka = new InMemoryKafka();
      kafka.createTopic('t', 3);
      kafka.produce(
        't',
        Array.from({ length: 9 }, (_, i) => ({ value: String(i) })),
      );
      expect([...kafka.endOffsets('t').values()]).toEqual(['3', '3', '3']);
      expect(kafka.produce('t', [{ key: 'x', value: 'v', partition: 2 }])).toEqual([
        { topic: 't', partition: 2, baseOffset: '3' },
      ]);
      expect(() => kafka.produce('t', [{ value: 'v' }, { value: 'v', partition: 3 }])).toThrow(
        /no partition 3/,
      );
      // all or none: the first message of the refused send was not written
      expect([...kafka.endOffsets('t').values()]).toEqual(['3', '3', '4']);
      expect(() => kafka.produce('missing', [{ value: 'v' }])).toThrow(/does not exist/);
    });
  });

  describe('admin', () => {
    it('should create topics and report committed and end offsets', async () => {
      const kafka = new InMemoryKafka();
      const admin = kafka.admin();
      await expect(admin.createTopics([{ topic: 't', partitions: 2 }])).rejects.toThrow(/not connected/);
      await admin.connect();
      expect(await admin.createTopics([{ topic: 't', partitions: 2 }])).toBe(true);
      expect(await admin.createTopics([{ topic: 't', partitions: 5 }])).toBe(false);
      produceNumbered(kafka, 't', 5, 2);
      expect(await admin.endOffsets('t')).toEqual(
        new Map([
          [0, '3'],
          [1, '2'],
        ]),
      );
      expect(await admin.committedOffsets('g', 't')).toEqual(
        new Map([
          [0, '-1'],
          [1, '-1'],
        ]),
      );

      const c = manualConsumer(kafka, 'g', ['t']);
      await c.start();
      await c.port.commit([{ topic: 't', partition: 1, offset: '2' }]);
      expect(await admin.committedOffsets('g', 't')).toEqual(
        new Map([
          [0, '-1'],
          [1, '2'],
        ]),
      );
      expect(await admin.committedOffsets('other', 't')).toEqual(
        new Map([
          [0, '-1'],
          [1, '-1'],
        ]),
      );
      expect(kafka.committed('g', 't')).toEqual(
        new Map([
          [0, '-1'],
          [1, '2'],
        ]),
      );
      expect(kafka.commitLog).toEqual([
        expect.objectContaining({
          groupId: 'g',
          topic: 't',
          partition: 1,
          offset: '2',
          owned: true,
          generation: 1,
        }),
      ]);
      await c.port.disconnect();
      await admin.disconnect();
    });
  });

  describe('groups', () => {
    it('should deal partitions over the members on each join and leave, telling rebalancing before assigned', async () => {
      const kafka = new InMemoryKafka();
      kafka.createTopic('t', 4);
      const a = manualConsumer(kafka, 'g', ['t']);
      await a.start();
      expect(kafka.generation('g')).toBe(1);
      expect(a.events).toEqual([{ type: 'assigned', partitions: ['t/0', 't/1', 't/2', 't/3'] }]);

      const b = manualConsumer(kafka, 'g', ['t']);
      await b.start();
      expect(kafka.generation('g')).toBe(2);
      expect(a.events.slice(1)).toEqual([
        { type: 'rebalancing' },
        { type: 'assigned', partitions: ['t/0', 't/2'] },
      ]);
      expect(b.events).toEqual([{ type: 'assigned', partitions: ['t/1', 't/3'] }]);
      expect(kafka.members('g').map((m) => m.assignment.length)).toEqual([2, 2]);

      await a.port.disconnect();
      await eventually(() => kafka.generation('g') === 3, 'the rebalance after a leaves');
      expect(b.events.slice(1)).toEqual([
        { type: 'rebalancing' },
        { type: 'assigned', partitions: ['t/0', 't/1', 't/2', 't/3'] },
      ]);
      expect(a.events).toHaveLength(3);
      expect(kafka.members('g').map((m) => m.generation)).toEqual([3]);
      await b.port.disconnect();
      expect(kafka.members('g')).toEqual([]);
    });

    it('should read again from the last commit after a rebalance, forgetting what was taken', async () => {
      const kafka = new InMemoryKafka({ maxBatch: 10 });
      kafka.createTopic('t', 1);
      produceNumbered(kafka, 't', 30, 1);
      const c = manualConsumer(kafka, 'g', ['t']);
      await c.start();
      await eventually(() => c.records().length === 30, 'all 30 records');
      await c.port.commit([{ topic: 't', partition: 0, offset: '12' }]);
      kafka.rebalance('g');
      await eventually(() => c.records().length === 48, 'the 18 records after the commit, again');
      expect(numbers(c.records().slice(30))).toEqual(Array.from({ length: 18 }, (_, i) => 12 + i));
      expect(kafka.generation('g')).toBe(2);
      await c.port.disconnect();
    });

    it('should start a partition without a commit from its end unless fromBeginning', async () => {
      const kafka = new InMemoryKafka();
      kafka.createTopic('t', 1);
      produceNumbered(kafka, 't', 5, 1);
      const c = manualConsumer(kafka, 'g', ['t'], { fromBeginning: false });
      await c.start();
      produceNumbered(kafka, 't', 3, 1, 5);
      await eventually(() => c.records().length === 3, 'the records written after the assignment');
      await sleep(10);
      expect(numbers(c.records())).toEqual([5, 6, 7]);
      await c.port.disconnect();
    });

    it('should refuse a commit that a rebalance overtook, and count it', async () => {
      const kafka = new InMemoryKafka({ commitDelayMs: 20 });
      kafka.createTopic('t', 2);
      const a = manualConsumer(kafka, 'g', ['t']);
      await a.start();
      const late = a.port.commit([{ topic: 't', partition: 1, offset: '0' }]);
      const b = manualConsumer(kafka, 'g', ['t']);
      await b.start();
      // a is a member of the new generation, but its commit was sent under the old one
      const error = await late.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CommitRefused);
      expect(isRebalanceError((error as CommitRefused).cause)).toBe(true);
      expect(kafka.commitsRefused).toBe(1);
      expect(kafka.commitLog).toEqual([]);

      // a commit sent under the current generation is accepted, even for a partition a no longer owns
      await a.port.commit([{ topic: 't', partition: 1, offset: '0' }]);
      expect(kafka.commitLog).toEqual([
        expect.objectContaining({ memberId: kafka.members('g')[0]!.memberId, owned: false, generation: 2 }),
      ]);

      await a.port.disconnect();
      await expect(a.port.commit([{ topic: 't', partition: 0, offset: '0' }])).rejects.toBeInstanceOf(
        CommitRefused,
      );
      expect(kafka.commitsRefused).toBe(2);
      await b.port.disconnect();
    });

    it('should fail commits with the given error while failCommits is set', async () => {
      const kafka = new InMemoryKafka();
      kafka.createTopic('t', 1);
      const c = manualConsumer(kafka, 'g', ['t']);
      await c.start();
      const boom = new Error('coordinator not available');
      kafka.failCommits(boom);
      await expect(c.port.commit([{ topic: 't', partition: 0, offset: '0' }])).rejects.toBe(boom);
      kafka.failCommits();
      await c.port.commit([{ topic: 't', partition: 0, offset: '0' }]);
      expect(kafka.commitsRefused).toBe(0);
      expect(kafka.commitLog).toHaveLength(1);
      await c.port.disconnect();
    });

    it('should reject a batch’s heartbeat while the group rebalances, so that a waiting handler returns', async () => {
      const kafka = new InMemoryKafka();
      kafka.createTopic('t', 1);
      produceNumbered(kafka, 't', 1, 1);
      const beats: string[] = [];
      const c = manualConsumer(kafka, 'g', ['t'], {
        onBatch: async (batch) => {
          if (beats.length > 0) return;
          await batch.heartbeat!();
          beats.push('ok');
          kafka.rebalance('g');
          // the handler waits inside the batch, as kafkaStream does when the total credit is spent
          for (;;) {
            const beat = await batch.heartbeat!().then(
              () => 'ok',
              (e: unknown) => (isRebalanceError(e) ? 'rebalance' : String(e)),
            );
            beats.push(beat);
            if (beat !== 'ok') return 0;
            await sleep(2);
          }
        },
      });
      await c.start();
      await eventually(() => kafka.generation('g') === 2, 'the rebalance');
      expect(beats).toEqual(['ok', 'rebalance']);
      await c.port.disconnect();
    });

    it('should crash a consumer whose batch handler throws: it leaves the group and says why', async () => {
      const kafka = new InMemoryKafka();
      kafka.createTopic('t', 1);
      produceNumbered(kafka, 't', 1, 1);
      const boom = new Error('handler bug');
      const c = manualConsumer(kafka, 'g', ['t'], {
        onBatch: () => {
          throw boom;
        },
      });
      await c.start();
      await eventually(() => c.events.some((e) => e.type === 'crashed'), 'the crash');
      expect(c.events.at(-1)).toEqual({ type: 'crashed', error: boom });
      expect(kafka.members('g')).toEqual([]);
    });
  });

  describe('pause and resume', () => {
    it('should stop handing over a paused partition only, and hand it over again once resumed', async () => {
      const kafka = new InMemoryKafka({ maxBatch: 5 });
      kafka.createTopic('t', 2);
      produceNumbered(kafka, 't', 20, 2);
      const c = manualConsumer(kafka, 'g', ['t']);
      await c.start();
      c.port.pause([{ topic: 't', partition: 0 }]);
      c.port.pause([{ topic: 't', partition: 0 }]);
      await eventually(() => c.records().filter((r) => r.partition === 1).length === 10, 'partition 1');
      produceNumbered(kafka, 't', 20, 2, 20);
      await eventually(
        () => c.records().filter((r) => r.partition === 1).length === 20,
        'more of partition 1',
      );
      await sleep(10);
      const p0 = (): number[] => numbers(c.records().filter((r) => r.partition === 0));
      // at most the batch handed over before the pause
      expect(p0().length).toBeLessThanOrEqual(5);
      const before = p0().length;

      c.port.resume([{ topic: 't', partition: 0 }]);
      await eventually(() => p0().length === 20, 'partition 0 after resume');
      expect(p0()).toEqual(Array.from({ length: 20 }, (_, i) => 2 * i));
      expect(before).toBeLessThan(20);
      expect(kafka.pauses).toEqual(new Map([['t/0', 1]]));
      expect(kafka.resumes).toEqual(new Map([['t/0', 1]]));
      await c.port.disconnect();
    });

    it('should hand over again, from the first record not taken, what a handler left', async () => {
      const kafka = new InMemoryKafka({ maxBatch: 10 });
      kafka.createTopic('t', 1);
      produceNumbered(kafka, 't', 10, 1);
      let calls = 0;
      const c = manualConsumer(kafka, 'g', ['t'], { onBatch: () => (++calls === 1 ? 4 : undefined) });
      await c.start();
      await eventually(() => c.records().length === 10, 'all 10 records');
      expect(c.batches.map((b) => numbers(b.records))).toEqual([
        [0, 1, 2, 3],
        [4, 5, 6, 7, 8, 9],
      ]);
      await c.port.disconnect();
    });
  });
});
