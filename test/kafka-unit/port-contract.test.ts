/**
 * kafkaStream against a hand-driven consumer port that breaks the port's habits: a batch for a partition that the
 * source paused (a client that had fetched it already), and the same offsets fetched twice. The source must keep
 * each partition's order, emit every offset once, and never commit past an offset it has not emitted.
 */
import { Subject } from 'rxjs';
import { traverse_ } from '../../src/index.js';
import type {
  ConsumerListener,
  ConsumerPort,
  FetchedBatch,
  FetchedRecord,
  KafkaClient,
  KafkaRecord,
  OffsetToCommit,
} from '../../src/kafka/index.js';
import { kafkaStream } from '../../src/kafka/index.js';
import { sleep } from './support';

const record = (offset: number): FetchedRecord => ({
  topic: 't',
  partition: 0,
  offset: String(offset),
  key: null,
  value: Buffer.from(String(offset)),
  headers: {},
  timestamp: '0',
});

/** A port whose batches the test hands over itself. */
const handDriven = () => {
  let onBatch: ((b: FetchedBatch) => void | Promise<void>) | undefined;
  let listener: ConsumerListener | undefined;
  const commits: OffsetToCommit[][] = [];
  const paused = new Set<number>();
  const taken: string[] = [];
  const running = new Subject<void>();
  const port: ConsumerPort = {
    connect: async () => undefined,
    subscribe: async () => undefined,
    run: async (handler, l) => {
      onBatch = handler;
      listener = l;
      running.next();
    },
    pause: (tps) => tps.forEach((tp) => paused.add(tp.partition)),
    resume: (tps) => tps.forEach((tp) => paused.delete(tp.partition)),
    commit: async (offsets) => {
      commits.push([...offsets]);
    },
    disconnect: async () => undefined,
  };
  const client: KafkaClient = {
    consumer: () => port,
    producer: () => {
      throw new Error('not used');
    },
    admin: () => {
      throw new Error('not used');
    },
  };
  const deliver = (offsets: number[]): Promise<void> =>
    Promise.resolve(
      onBatch!({
        topic: 't',
        partition: 0,
        records: offsets.map(record),
        take: (o) => taken.push(o),
      }),
    );
  return {
    client,
    commits,
    paused,
    taken,
    deliver,
    assign: () => listener!.assigned([{ topic: 't', partition: 0 }]),
    rebalancing: () => listener!.rebalancing(),
    started: () => onBatch !== undefined,
  };
};

/**
 * kafkaStream on a hand-driven port with a credit of 2 records, into a sink that holds each record until the
 * test releases it; resolves once the stream has its first assignment.
 */
const heldRun = async () => {
  const port = handDriven();
  const shutdown = new AbortController();
  const seen: KafkaRecord[] = [];
  const release: Array<() => void> = [];
  const run = kafkaStream({
    client: port.client,
    groupId: 'g',
    topics: ['t'],
    credit: { records: 2 },
    commit: { everyRecords: 1, everyMs: 10 },
    shutdown: { signal: shutdown.signal },
  }).pipe(
    traverse_(
      (r) =>
        new Promise<void>((resolve) => {
          seen.push(r);
          release.push(resolve);
        }),
    ),
  )();
  while (!port.started()) await sleep(1);
  port.assign();
  return { port, shutdown, seen, release, run };
};

describe('kafkaStream on a port that delivers what it should not', () => {
  it('should keep order and lose nothing when a batch arrives for a partition it paused', async () => {
    const { port, shutdown, seen, release, run } = await heldRun();

    await port.deliver([0, 1, 2, 3, 4]);
    expect(port.paused.has(0)).toBe(true);
    // the client hands over the next batch although the partition is paused, and fetches 3 and 4 again
    await port.deliver([3, 4, 5, 6, 7]);
    // work through everything, one record at a time, until nothing more comes for 50 ms
    let quiet = 0;
    let redelivered = false;
    while (quiet < 50) {
      const next = release.shift();
      if (next === undefined) {
        // the source resumed the partition: the client fetches from after what was taken
        if (!port.paused.has(0) && !redelivered) {
          redelivered = true;
          const from = Number(port.taken[port.taken.length - 1]) + 1;
          await port.deliver([from, from + 1, from + 2].filter((o) => o <= 7));
        }
        quiet++;
        await sleep(1);
        continue;
      }
      quiet = 0;
      next();
      await sleep(1);
    }
    shutdown.abort();
    expect((await run)._tag).toBe('Right');

    expect(seen.map((r) => Number(r.offset))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const last = port.commits.flat().map((o) => Number(o.offset));
    // commits only move forward, and only over offsets that were emitted and finished
    expect(last).toEqual([...last].sort((a, b) => a - b));
    expect(Math.max(...last)).toBe(8);
  });

  it('should hand nothing out while the group rebalances: it could not commit, and would be read again', async () => {
    const { port, shutdown, seen, release, run } = await heldRun();
    await port.deliver([0, 1, 2, 3, 4]); // 0 and 1 go out; 2, 3, 4 are held
    await sleep(5);
    port.rebalancing();
    // credit comes back while the group rebalances: the held records stay where they are
    for (let i = 0; i < 10; i++) {
      release.splice(0).forEach((r) => r());
      await sleep(2);
    }
    expect(seen.map((s) => Number(s.offset))).toEqual([0, 1]);
    // the new assignment reads from the commit (2) again
    port.assign();
    // (a batch may wait inside the handler for the total's credit: the test does not wait for it)
    const delivered = port.deliver([2, 3, 4]);
    for (let i = 0; i < 50 && seen.length < 5; i++) {
      release.splice(0).forEach((r) => r());
      await sleep(2);
      if (seen.length === 4 && !port.paused.has(0)) await port.deliver([4]);
    }
    release.splice(0).forEach((r) => r());
    await delivered;
    await sleep(20);
    shutdown.abort();
    expect((await run)._tag).toBe('Right');
    // every offset once, and nothing of the first generation past what it finished
    expect(seen.map((s) => Number(s.offset))).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(seen.slice(2).map((s) => s.generation)).size).toBe(1);
    expect(seen[2]!.generation).toBeGreaterThan(seen[0]!.generation);
  });
});
