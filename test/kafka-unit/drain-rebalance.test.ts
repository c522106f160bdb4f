/**
 * a rebalance during the graceful drain. `assigned` returns early once the stream is `closed` (which is
 * already the case while draining, since `out.complete()` runs the teardown), so the old generation's ledger is
 * kept and the last commit sends it under the member's NEW membership: a partition that moved to another member is
 * committed by this one (owned: false), with offsets read before the rebalance. The same happens after an
 * unsubscription (take(n), a failure) when a rebalance completes before the last commit has gone out.
 */
import { traverse_ } from '../../src/index.js';
import type { KafkaRecord } from '../../src/kafka/index.js';
import { kafkaStream, KafkaStreamStats } from '../../src/kafka/index.js';
import { rootContext } from '../../src/stream/context.js';
import { InMemoryKafka } from '../../src/testing/index.js';
import { disconnectAfterEach, eventually, manualConsumer, produceNumbered } from './support';

disconnectAfterEach();

describe('rebalance while draining on the shutdown signal', () => {
  it('should not commit, after the drain, a partition the member lost during the drain', async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('t', 2);
    produceNumbered(kafka, 't', 10, 2); // 5 records per partition
    const stats = new KafkaStreamStats();
    const shutdown = new AbortController();
    const gates: Array<() => void> = [];
    const run = kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      stats,
      // nothing is committed before the end
      commit: { everyRecords: 1000, everyMs: 60_000 },
      shutdown: { signal: shutdown.signal, drainTimeoutMs: 5_000 },
    }).pipe(traverse_((_r: KafkaRecord) => new Promise<void>((resolve) => gates.push(resolve))))();

    // all 10 records (both partitions) are in flight, read under generation 1
    await eventually(() => stats.credit.pulled === 10, 'all records to be emitted');
    expect(kafka.generation('g')).toBe(1);

    shutdown.abort(); // graceful: drain, then commit
    await new Promise((r) => setTimeout(r, 5));

    // a second member joins while the first drains: partition 1 goes to it
    const other = manualConsumer(kafka, 'g', ['t'], { onBatch: () => 0 });
    void other.start();
    await eventually(() => kafka.generation('g') === 2, 'the rebalance to complete');
    const first = kafka.members('g')[0]!;
    expect(first.assignment).toEqual([{ topic: 't', partition: 0 }]);

    // the drain finishes: every record reaches the sink
    while (stats.credit.inFlight > 0) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 1));
    }
    expect((await run)._tag).toBe('Right');

    // the member committed partition 1, which it no longer owned, with records read before the rebalance
    expect(kafka.commitLog.filter((e) => !e.owned)).toEqual([]);
    expect(kafka.commitLog.filter((e) => e.generation > 1)).toEqual([]);
  });
});

describe('rebalance while the last commit of an unsubscribed stream is under way', () => {
  it('should not commit, after a rebalance, a partition the member lost', async () => {
    const kafka = new InMemoryKafka({ commitDelayMs: 20 });
    kafka.createTopic('t', 2);
    produceNumbered(kafka, 't', 10, 2);
    const stats = new KafkaStreamStats();
    const stream = kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      stats,
      commit: { everyRecords: 1000, everyMs: 60_000 },
    });
    const ctx = rootContext();
    // every record is finished as soon as it arrives
    const sub = stream.openTracked(ctx).subscribe((t) => t.ticket.resolve());
    await eventually(() => stats.credit.finished === 10, 'all records to be finished');

    const other = manualConsumer(kafka, 'g', ['t'], { onBatch: () => 0 });
    void other.start();
    // the second member has joined: the rebalance is under way (the REBALANCING commit, under generation 1, is on
    // its way), and the new assignment is made on a later turn
    while (kafka.members('g').length < 2) await Promise.resolve();
    sub.unsubscribe(); // e.g. take(n) reached n, or a failure downstream
    await ctx.finalizers.settled();

    expect(kafka.commitLog.filter((e) => !e.owned)).toEqual([]);
  });
});

describe('commits while draining on the shutdown signal', () => {
  it('should go on committing what finishes during the drain, not only at its end', async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('t', 1);
    produceNumbered(kafka, 't', 100, 1);
    const stats = new KafkaStreamStats();
    const shutdown = new AbortController();
    let resolved = false;
    const run = kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      stats,
      credit: { records: 60 },
      commit: { everyRecords: 10, everyMs: 60_000 },
      shutdown: { signal: shutdown.signal },
    }).pipe(traverse_(() => new Promise<void>((resolve) => setTimeout(resolve, 2))))();
    void run.then(() => (resolved = true));
    await eventually(() => stats.credit.pulled === 60, 'the credit to be spent');
    shutdown.abort();
    const atAbort = kafka.commitLog.length;
    await eventually(() => kafka.commitLog.length >= atAbort + 2, 'commits during the drain');
    expect(resolved).toBe(false);
    expect((await run)._tag).toBe('Right');
    expect(kafka.committed('g', 't').get(0)).toBe('60');
  });
});
