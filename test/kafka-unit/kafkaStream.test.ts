/**
 * kafkaStream over InMemoryKafka: the source's delivery guarantees without a broker. Commits never pass a record
 * the sink has not finished, whatever order records finish in; per-partition credit pauses only the partition
 * that spent it; a member joining mid-run never commits what it does not own and nothing is lost; a failing sink
 * commits nothing past its record; a graceful shutdown commits exactly what finished.
 */
import { of, timer } from 'rxjs';
import { map as rxMap } from 'rxjs/operators';
import {
  groupedWithin,
  mapParallel,
  mapParallelUnordered,
  runDrain,
  tap,
  traverse_,
} from '../../src/index.js';
import type { KafkaRecord } from '../../src/kafka/index.js';
import {
  KafkaCommitError,
  KafkaProduceError,
  kafkaStream,
  KafkaStreamStats,
  sendBatch,
} from '../../src/kafka/index.js';
import type { CommitLogEntry } from '../../src/testing/index.js';
import { InMemoryKafka } from '../../src/testing/index.js';
import { eventually, offsets, produceNumbered, sleep } from './support';

const value = (r: KafkaRecord): number => Number(r.value!.toString());

/** Offsets whose sink finished, per partition; and, at each commit the group accepts, a check against them. */
const finishedLog = (kafka: InMemoryKafka) => {
  const finished = new Map<number, Set<number>>();
  const violations: string[] = [];
  const commits: CommitLogEntry[] = [];
  /** commits that stopped below a record finished already: the run of finished offsets had a gap there */
  let stoppedAtGap = 0;
  const stop = kafka.onCommit((e) => {
    commits.push(e);
    const done = finished.get(e.partition) ?? new Set<number>();
    const upTo = Number(e.offset);
    for (let o = 0; o < upTo; o++) {
      if (!done.has(o)) {
        violations.push(`committed ${e.partition}@${upTo} with offset ${o} unfinished`);
        break;
      }
    }
    if ([...done].some((o) => o > upTo)) stoppedAtGap++;
  });
  return {
    finished,
    violations,
    commits,
    stop,
    stoppedAtGap: () => stoppedAtGap,
    finish: (r: KafkaRecord): void => {
      let done = finished.get(r.partition);
      if (done === undefined) finished.set(r.partition, (done = new Set()));
      done.add(Number(r.offset));
    },
    count: (): number => [...finished.values()].reduce((n, s) => n + s.size, 0),
  };
};

describe('kafkaStream over InMemoryKafka', () => {
  it('should commit only the contiguous run of finished records when they finish out of order', async () => {
    const kafka = new InMemoryKafka({ maxBatch: 50 });
    kafka.createTopic('t', 3);
    produceNumbered(kafka, 't', 900, 3);
    const log = finishedLog(kafka);
    const stats = new KafkaStreamStats();
    const shutdown = new AbortController();
    let outOfOrder = 0;

    const result = await kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      stats,
      commit: { everyRecords: 20, everyMs: 5 },
      shutdown: { signal: shutdown.signal },
    }).pipe(
      mapParallelUnordered(16, (r: KafkaRecord) => sleep(Math.random() * 3).then(() => r)),
      traverse_((r: KafkaRecord) => {
        const done = log.finished.get(r.partition);
        if (Number(r.offset) > 0 && !done?.has(Number(r.offset) - 1)) outOfOrder++;
        log.finish(r);
        if (log.count() === 900) shutdown.abort();
      }),
    )();
    log.stop();

    expect(result).toEqual({ _tag: 'Right', right: undefined });
    expect(log.violations).toEqual([]);
    expect(outOfOrder).toBeGreaterThan(0);
    expect(log.stoppedAtGap()).toBeGreaterThan(0);
    expect(offsets(kafka.committed('g', 't'))).toEqual(offsets(kafka.endOffsets('t')));
    expect(new Map([...stats.committed].map(([k, o]) => [Number(k.split('/')[1]), o]))).toEqual(
      kafka.endOffsets('t'),
    );
    expect(stats.credit.pulled).toBe(900);
    expect(stats.credit.inFlight).toBe(0);
    expect(stats.commits).toBeGreaterThan(3);
    expect(kafka.members('g')).toEqual([]);
  });

  it('should hold each partition to its own credit, pausing only the partition that spent it', async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('t', 3);
    produceNumbered(kafka, 't', 600, 3);
    const stats = new KafkaStreamStats();
    const shutdown = new AbortController();
    const emitted = [0, 0, 0];
    const done = [0, 0, 0];
    const maxInFlight = [0, 0, 0];
    let pausesAtEnd: ReadonlyMap<string, number> | undefined;
    let resumesAtEnd: ReadonlyMap<string, number> | undefined;
    let maxPausedAtEnd = 0;

    const result = await runDrain(
      kafkaStream({
        client: kafka,
        groupId: 'g',
        topics: ['t'],
        fromBeginning: true,
        stats,
        credit: { records: 300, perPartition: { records: 20 } },
        commit: { everyMs: 10 },
        shutdown: { signal: shutdown.signal },
      }).pipe(
        tap((r: KafkaRecord) => {
          // counted as the source emits it; `done` counts up just before its ticket is resolved, so this is at
          // most the partition's true in-flight count
          const p = r.partition;
          emitted[p]!++;
          maxInFlight[p] = Math.max(maxInFlight[p]!, emitted[p]! - done[p]!);
        }),
        // partition 0 is slow; the others finish as they arrive
        mapParallelUnordered(Infinity, (r: KafkaRecord) =>
          r.partition === 0 ? timer(3).pipe(rxMap(() => r)) : of(r),
        ),
        tap((r: KafkaRecord) => {
          done[r.partition]!++;
          if (done.every((n) => n === 200)) {
            pausesAtEnd = new Map(kafka.pauses);
            resumesAtEnd = new Map(kafka.resumes);
            maxPausedAtEnd = stats.maxPaused;
            shutdown.abort();
          }
        }),
      ),
    )();

    expect(result._tag).toBe('Right');
    expect(maxInFlight[0]).toBe(20);
    expect(Math.max(...maxInFlight)).toBeLessThanOrEqual(20);
    expect(stats.credit.maxInFlight).toBeLessThanOrEqual(300);
    // only partition 0 was paused (and resumed) while records flowed
    expect([...pausesAtEnd!.keys()]).toEqual(['t/0']);
    expect(pausesAtEnd!.get('t/0')).toBeGreaterThan(0);
    expect(resumesAtEnd!.get('t/0')).toBeGreaterThan(0);
    expect(stats.pauses).toBeGreaterThan(0);
    expect(stats.resumes).toBeGreaterThan(0);
    expect(stats.held).toBeGreaterThan(0);
    expect(maxPausedAtEnd).toBe(1);
    expect(offsets(kafka.committed('g', 't'))).toEqual(offsets(kafka.endOffsets('t')));
  });

  it('should never commit a partition it does not own, nor lose a record, when a second member joins', async () => {
    const kafka = new InMemoryKafka({ maxBatch: 20, commitDelayMs: 2 });
    kafka.createTopic('t', 4);
    produceNumbered(kafka, 't', 800, 4);
    const processed = [new Set<number>(), new Set<number>()];
    const stats = [new KafkaStreamStats(), new KafkaStreamStats()];
    const shutdown = [new AbortController(), new AbortController()];
    const member = (i: number) =>
      kafkaStream({
        client: kafka,
        groupId: 'g',
        topics: ['t'],
        fromBeginning: true,
        stats: stats[i],
        credit: { records: 40 },
        commit: { everyRecords: 10, everyMs: 5 },
        shutdown: { signal: shutdown[i]!.signal },
      }).pipe(
        mapParallel(4, (r: KafkaRecord) => sleep(Math.random() * 2).then(() => r)),
        traverse_((r: KafkaRecord) => {
          processed[i]!.add(value(r));
        }),
      )();

    const first = member(0);
    let second: ReturnType<typeof member> | undefined;
    try {
      await eventually(() => processed[0]!.size >= 150, 'the first member to be under way');
      second = member(1);
      await eventually(() => processed[1]!.size > 0, 'the second member to process records');
      await eventually(
        () => [...kafka.committed('g', 't').values()].join() === [...kafka.endOffsets('t').values()].join(),
        'committed offsets to reach the end',
        5000,
      );
    } finally {
      shutdown.forEach((s) => s.abort());
    }
    const results = await Promise.all([first, second!]);

    expect(results.map((r) => r._tag)).toEqual(['Right', 'Right']);
    expect(processed[0]!.size).toBeLessThan(800);
    expect(stats[0]!.assignments).toBeGreaterThanOrEqual(2);
    expect(kafka.commitLog.filter((e) => !e.owned)).toEqual([]);
    // a commit under an old generation never lands: each partition's committed offset only moves forward
    for (let p = 0; p < 4; p++) {
      const moves = kafka.commitLog.filter((e) => e.partition === p).map((e) => Number(e.offset));
      expect(moves).toEqual([...moves].sort((a, b) => a - b));
    }
    const union = new Set([...processed[0]!, ...processed[1]!]);
    expect(union.size).toBe(800);
    expect(offsets(kafka.committed('g', 't'))).toEqual(offsets(kafka.endOffsets('t')));
    expect(kafka.members('g')).toEqual([]);
  });

  it('should fail the run with the sink’s error and commit nothing past the failed record', async () => {
    const kafka = new InMemoryKafka({ maxBatch: 30 });
    kafka.createTopic('t', 3);
    produceNumbered(kafka, 't', 600, 3);
    const FAILED = 301; // partition 1, offset 100
    const boom = new Error('the database said no');
    const log = finishedLog(kafka);

    const result = await kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      commit: { everyRecords: 10, everyMs: 5 },
    }).pipe(
      mapParallelUnordered(8, (r: KafkaRecord) => sleep(Math.random() * 2).then(() => r)),
      traverse_((r: KafkaRecord) => () => {
        if (value(r) === FAILED) return Promise.resolve({ _tag: 'Left' as const, left: boom });
        log.finish(r);
        return Promise.resolve({ _tag: 'Right' as const, right: undefined });
      }),
    )();
    log.stop();

    expect(result).toEqual({ _tag: 'Left', left: boom });
    expect(log.violations).toEqual([]);
    expect(Number(kafka.committed('g', 't').get(1))).toBeLessThanOrEqual(100);
    expect(log.commits.filter((e) => e.partition === 1 && Number(e.offset) > 100)).toEqual([]);
    // what finished before the failure was committed when the run stopped
    expect(log.commits.length).toBeGreaterThan(0);
    expect(kafka.members('g')).toEqual([]);

    // the next run of the group reads partition 1 again from its commit, the failed record included
    const committed = Number(kafka.committed('g', 't').get(1));
    const shutdown = new AbortController();
    const again: number[] = [];
    const rerun = await kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      shutdown: { signal: shutdown.signal },
    }).pipe(
      traverse_((r: KafkaRecord) => {
        if (r.partition === 1) again.push(Number(r.offset));
        if (value(r) === FAILED) shutdown.abort();
      }),
    )();
    expect(rerun._tag).toBe('Right');
    expect(again[0]).toBe(committed);
    expect(again).toContain(100);
  });

  it('should stop on the shutdown signal, commit exactly what finished and leave the group', async () => {
    const kafka = new InMemoryKafka({ maxBatch: 25 });
    kafka.createTopic('t', 2);
    produceNumbered(kafka, 't', 600, 2);
    const log = finishedLog(kafka);
    const stats = new KafkaStreamStats();
    const shutdown = new AbortController();
    let afterAbort = 0;

    const result = await kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      stats,
      // no commit before the end: the last one must carry everything
      commit: { everyRecords: 10_000, everyMs: 60_000 },
      credit: { records: 32 },
      shutdown: { signal: shutdown.signal },
    }).pipe(
      mapParallel(8, (r: KafkaRecord) => sleep(1 + Math.random() * 2).then(() => r)),
      traverse_((r: KafkaRecord) => {
        log.finish(r);
        if (shutdown.signal.aborted) afterAbort++;
        if (log.count() === 100) shutdown.abort();
      }),
    )();
    log.stop();

    expect(result._tag).toBe('Right');
    // the records in flight when the signal came finished their way through the pipeline
    expect(afterAbort).toBeGreaterThan(0);
    expect(log.count()).toBeLessThan(600);
    expect(stats.credit.inFlight).toBe(0);
    expect(log.violations).toEqual([]);
    // one commit, at the end, of exactly what finished: a contiguous run from 0 in each partition
    expect(log.commits.map((e) => e.partition).sort()).toEqual([0, 1]);
    for (const p of [0, 1]) {
      const done = [...(log.finished.get(p) ?? [])].sort((a, b) => a - b);
      expect(done).toEqual(done.map((_, i) => i));
      expect(kafka.committed('g', 't').get(p)).toBe(String(done.length));
    }
    expect(kafka.members('g')).toEqual([]);

    // the next member reads exactly the rest: nothing twice, nothing lost
    const rest = new Set<string>();
    const next = new AbortController();
    const resumed = await kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      shutdown: { signal: next.signal },
    }).pipe(
      traverse_((r: KafkaRecord) => {
        const at = `${r.partition}/${r.offset}`;
        expect(log.finished.get(r.partition)?.has(Number(r.offset)) ?? false).toBe(false);
        rest.add(at);
        if (rest.size + log.count() === 600) next.abort();
      }),
    )();
    expect(resumed._tag).toBe('Right');
    expect(offsets(kafka.committed('g', 't'))).toEqual(offsets(kafka.endOffsets('t')));
  });

  it('should let a rebalance through while a batch waits for the total credit', async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('t', 2);
    produceNumbered(kafka, 't', 40, 2);
    const stats = new KafkaStreamStats();
    const shutdown = new AbortController();
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const seen = new Set<string>();

    const run = kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      stats,
      // the first partition's records spend the total; the second's batch then waits for it
      credit: { records: 10 },
      commit: { everyMs: 5 },
      shutdown: { signal: shutdown.signal },
    }).pipe(
      mapParallelUnordered(Infinity, (r: KafkaRecord) => gate.then(() => r)),
      traverse_((r: KafkaRecord) => {
        seen.add(`${r.partition}/${r.offset}`);
      }),
    )();
    try {
      await eventually(() => stats.waits > 0, 'a batch to wait for the total credit');
      kafka.rebalance('g');
      // the waiting batch returns when its heartbeat is refused (kafkaStream heartbeats every 500 ms)
      await eventually(() => kafka.generation('g') === 2, 'the rebalance', 2000);
      expect(seen.size).toBe(0);
      open();
      await eventually(
        () => [...kafka.committed('g', 't').values()].join() === '20,20',
        'committed offsets to reach the end',
      );
    } finally {
      open();
      shutdown.abort();
    }
    expect((await run)._tag).toBe('Right');
    // what was read before the rebalance finished after it, so it was read again and committed then
    expect(stats.staleResolutions).toBe(10);
    expect(stats.assignments).toBe(2);
    expect(seen.size).toBe(40);
  });

  it('should never commit a record read before a rebalance, even when it finishes after it', async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('t', 1);
    produceNumbered(kafka, 't', 10, 1);
    const stats = new KafkaStreamStats();
    const shutdown = new AbortController();
    const gates = new Map<number, { promise: Promise<void>; open: () => void }>();
    const gate = (generation: number) => {
      let g = gates.get(generation);
      if (g === undefined) {
        let open: () => void = () => undefined;
        const promise = new Promise<void>((resolve) => (open = resolve));
        gates.set(generation, (g = { promise, open }));
      }
      return g;
    };
    const read: string[] = [];

    const run = kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      stats,
      commit: { everyRecords: 1, everyMs: 5 },
      shutdown: { signal: shutdown.signal },
    }).pipe(
      tap((r: KafkaRecord) => read.push(`${r.offset}@${r.generation}`)),
      // each generation's records wait at their own gate
      mapParallelUnordered(Infinity, (r: KafkaRecord) => gate(r.generation).promise.then(() => r)),
      traverse_(() => undefined),
    )();
    try {
      await eventually(() => read.length === 10, 'the first generation’s records');
      kafka.rebalance('g');
      await eventually(() => read.length === 20, 'the same records, read again under the next generation');
      expect(read.slice(10)).toEqual(read.slice(0, 10).map((r) => r.replace(/@\d+$/, '@2')));
      gate(1).open();
      await eventually(() => stats.staleResolutions === 10, 'the first generation to finish');
      await sleep(20);
      // the same offsets are still in flight under generation 2: nothing may be committed yet
      expect(kafka.commitLog).toEqual([]);
      gate(2).open();
      await eventually(() => kafka.committed('g', 't').get(0) === '10', 'the commit of generation 2');
    } finally {
      gates.forEach((g) => g.open());
      shutdown.abort();
    }
    expect((await run)._tag).toBe('Right');
    expect(kafka.commitLog.every((e) => e.generation === 2)).toBe(true);
  });

  it('should commit what is finished as soon as the group starts to rebalance', async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('t', 2);
    produceNumbered(kafka, 't', 50, 2);
    const stats = new KafkaStreamStats();
    const shutdown = new AbortController();
    let finished = 0;

    const run = kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      stats,
      // no commit on a count or a timer: only the rebalance may commit
      commit: { everyRecords: 10_000, everyMs: 60_000 },
      shutdown: { signal: shutdown.signal },
    }).pipe(
      traverse_(() => {
        finished++;
      }),
    )();
    try {
      await eventually(() => finished === 50, 'every record to finish');
      expect(kafka.commitLog).toEqual([]);
      kafka.rebalance('g');
      await eventually(() => kafka.generation('g') === 2, 'the rebalance');
      expect(kafka.commitLog.map((e) => [e.partition, e.offset, e.generation])).toEqual([
        [0, '25', 1],
        [1, '25', 1],
      ]);
      // nothing to read again: the new generation starts from that commit
      await sleep(20);
      expect(finished).toBe(50);
    } finally {
      shutdown.abort();
    }
    expect((await run)._tag).toBe('Right');
    expect(stats.commitsRefused).toBe(0);
  });

  it('should fail with KafkaProduceError when the broker stops acknowledging, committing only what was written', async () => {
    const kafka = new InMemoryKafka({ maxBatch: 20 });
    kafka.createTopic('in', 2);
    kafka.createTopic('out', 2);
    produceNumbered(kafka, 'in', 400, 2);
    const producer = kafka.producer();
    await producer.connect();
    const down = new Error('broker down');
    const problems: string[] = [];
    kafka.onCommit(({ topic, partition, offset }) => {
      if (topic !== 'in') return;
      const written = new Set(kafka.records('out').map((r) => String(r.headers.source)));
      for (let o = 0; o < Number(offset); o++) {
        if (!written.has(`${partition}/${o}`))
          problems.push(`committed ${partition}@${offset}, ${o} not written`);
      }
    });

    const result = await kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['in'],
      fromBeginning: true,
      commit: { everyRecords: 10, everyMs: 5 },
    }).pipe(
      mapParallelUnordered(4, (r: KafkaRecord) =>
        sleep(Math.random()).then(() => ({
          key: r.key,
          value: r.value,
          headers: { source: `${r.partition}/${r.offset}` },
        })),
      ),
      groupedWithin(10, 5),
      tap(() => {
        if (kafka.sends === 8) kafka.failSends(down);
      }),
      traverse_(sendBatch(producer, 'out')),
    )();

    expect(result._tag).toBe('Left');
    const error = (result as { left: unknown }).left;
    expect(error).toBeInstanceOf(KafkaProduceError);
    expect(error).toMatchObject({ topic: 'out', cause: down });
    const written = kafka.records('out').length;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(400);
    expect(problems).toEqual([]);
    const committed = [...kafka.committed('g', 'in').values()].reduce(
      (n, o) => n + Math.max(0, Number(o)),
      0,
    );
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThanOrEqual(written);
    expect(kafka.members('g')).toEqual([]);
  });

  it('should fail with KafkaCommitError when a commit fails for another reason than a rebalance', async () => {
    const kafka = new InMemoryKafka();
    kafka.createTopic('t', 1);
    produceNumbered(kafka, 't', 100, 1);
    const refused = new Error('coordinator not available');
    let seen = 0;

    const result = await kafkaStream({
      client: kafka,
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      commit: { everyRecords: 10, everyMs: 5 },
    }).pipe(
      traverse_(() => {
        if (++seen === 30) kafka.failCommits(refused);
      }),
    )();

    expect(result._tag).toBe('Left');
    const error = (result as { left: unknown }).left;
    expect(error).toBeInstanceOf(KafkaCommitError);
    expect(error).toMatchObject({ groupId: 'g', cause: refused });
    expect(kafka.commitsRefused).toBe(0);
    expect(Number(kafka.committed('g', 't').get(0))).toBeLessThanOrEqual(30);
  });
});
