/**
 * The patterns of the Kafka integration guide, written with strom-rx's core on in-memory stand-ins: a topic is an
 * array of messages, a consumer polls it, a producer appends to arrays. `docs/patterns.md` walks through the same
 * code. Exactly-once (Kafka transactions) is left to the Kafka source and is not here.
 */
import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import * as RTE from 'fp-ts/ReaderTaskEither';
import * as TE from 'fp-ts/TaskEither';
import { map as rxMap, timer } from 'rxjs';
import {
  collect,
  concatMap,
  CreditStats,
  Defect,
  filter,
  fromArray,
  fromOm,
  grouped,
  groupedWithin,
  guard,
  map,
  mapM,
  mapParallel,
  mergeAll,
  Om,
  provide,
  rateLimit,
  repeatOm,
  runCollect,
  runDrain,
  runFold,
  Stream,
  take,
  takeWhile,
  tap,
  tapM,
  traverse_,
  unfoldOm,
} from '../../src/index';
import { recordTickets, TicketLog } from '../../src/testing/index';
import { flushPromises, sleep, testScheduler } from '../helpers';

// -------------------------------------------------------------------------------------------------------------
// in-memory stand-ins
// -------------------------------------------------------------------------------------------------------------

interface KafkaMessage {
  readonly key: string;
  readonly value: string;
  readonly partition: number;
  readonly offset: string;
}

/** A topic with one partition: message i has key `k<i>` and offset i. */
const makeTopic = (values: readonly string[]): KafkaMessage[] =>
  values.map((value, i) => ({ key: `k${i}`, value, partition: 0, offset: String(i) }));

const numbered = (count: number, prefix = 'v'): string[] =>
  Array.from({ length: count }, (_, i) => prefix + i);

/**
 * A consumer of an in-memory topic: each poll gives the next `maxPollRecords` messages, and an empty batch once
 * the topic is read to its end (a real poll that timed out). The polls numbered in `failing` reject instead.
 */
class FakeConsumer {
  polls = 0;
  private position = 0;
  constructor(
    private readonly topic: readonly KafkaMessage[],
    private readonly maxPollRecords = 2,
    private readonly failing: readonly number[] = [],
  ) {}

  poll(): Promise<KafkaMessage[]> {
    this.polls++;
    if (this.failing.includes(this.polls)) return Promise.reject(new Error('broker unavailable'));
    const batch = this.topic.slice(this.position, this.position + this.maxPollRecords);
    this.position += batch.length;
    return Promise.resolve(batch);
  }
}

/** A producer that appends what it sends; with `latencyMs`, each send takes that long (real time). */
class FakeProducer<M> {
  readonly sent: Array<{ topic: string; message: M }> = [];
  readonly batches: Array<{ topic: string; messages: M[] }> = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(private readonly latencyMs = 0) {}

  send(topic: string, message: M): Promise<void> {
    return this.io(() => this.sent.push({ topic, message }));
  }

  sendBatch(topic: string, messages: readonly M[]): Promise<void> {
    return this.io(() => this.batches.push({ topic, messages: [...messages] }));
  }

  private async io(write: () => void): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await sleep(this.latencyMs);
    write();
    this.inFlight--;
  }
}

/** One poll as an effect: a rejected poll is a Defect. */
const poll = (consumer: FakeConsumer): Om.Om<unknown, Defect, KafkaMessage[]> =>
  Om.fromPromise(() => consumer.poll());

/** The simple consumer: poll until a poll comes back empty, one batch per poll. */
const pollUntilEmpty = (consumer: FakeConsumer): Stream<KafkaMessage[], Defect> =>
  unfoldOm(
    () =>
      pipe(
        poll(consumer),
        RTE.map((batch) => (batch.length === 0 ? O.none : O.some([batch, undefined] as const))),
      ),
    undefined,
  );

/** The messages of a consumer, read to the end of its topic. */
const consume = (consumer: FakeConsumer): Stream<KafkaMessage, Defect> =>
  pollUntilEmpty(consumer).pipe(concatMap((batch) => fromArray(batch)));

/** The offsets whose ticket is resolved, in order. */
const resolvedOffsets = (log: TicketLog<KafkaMessage>): string[] =>
  log.entries.filter((e) => e.resolvedAt !== undefined).map((e) => e.value.offset);

/**
 * What a Kafka source would commit for the log's partition: the offset after the run of finished messages
 * that starts at the first one (Kafka's "next offset to read").
 */
const committable = (log: TicketLog<KafkaMessage>): string => {
  const firstOpen = log.entries.findIndex((e) => e.resolvedAt === undefined);
  return String(firstOpen === -1 ? log.entries.length : firstOpen);
};

// -------------------------------------------------------------------------------------------------------------
// consumer patterns
// -------------------------------------------------------------------------------------------------------------

describe('simple consumer (unfoldOm poll loop)', () => {
  it('should poll until a poll comes back empty and process every message in order', async () => {
    const consumer = new FakeConsumer(makeTopic(['a', 'b', 'c', 'd', 'e']), 2);
    const logged: string[] = [];
    const result = await pipe(
      pollUntilEmpty(consumer),
      concatMap((batch) => fromArray(batch)),
      mapM((msg) => Promise.resolve(`${msg.offset}:${msg.value.toUpperCase()}`)),
      traverse_((line) => {
        logged.push(line);
      }),
    )();
    expect(result).toEqual(E.right(undefined));
    expect(logged).toEqual(['0:A', '1:B', '2:C', '3:D', '4:E']);
    // [a, b], [c, d], [e], then the empty poll that ends the loop
    expect(consumer.polls).toBe(4);
  });

  it('should end after one poll on an empty topic', async () => {
    const consumer = new FakeConsumer([], 2);
    expect(await pipe(consume(consumer), runCollect)()).toEqual(E.right([]));
    expect(consumer.polls).toBe(1);
  });

  it('should emit each batch when its poll answers and end on the empty one (marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      // each poll takes 4 frames to answer
      const polls = [
        cold('----x|', { x: ['a', 'b'] }),
        cold('----x|', { x: ['c'] }),
        cold('----x|', { x: [] }),
      ];
      const messages = unfoldOm(
        (i: number) =>
          polls[i]!.pipe(
            rxMap((batch: string[]) => (batch.length === 0 ? O.none : O.some([batch, i + 1] as const))),
          ),
        0,
      ).pipe(concatMap((batch) => fromArray(batch)));
      expectObservable(messages).toBe('----(ab)c---|');
      expectSubscriptions(polls[0]!.subscriptions).toBe('^---!');
      expectSubscriptions(polls[1]!.subscriptions).toBe('----^---!');
      expectSubscriptions(polls[2]!.subscriptions).toBe('--------^---!');
    });
  });

  it('should fail with a Defect when a poll rejects, and poll no more', async () => {
    const consumer = new FakeConsumer(makeTopic(['a', 'b', 'c']), 1, [2]);
    const result = await pipe(consume(consumer), runCollect)();
    expect(result).toEqual(E.left(new Defect(new Error('broker unavailable'))));
    expect(E.isLeft(result) && result.left instanceof Defect && result.left.cause).toEqual(
      new Error('broker unavailable'),
    );
    expect(consumer.polls).toBe(2);
  });
});

describe('continuous consumer with backpressure (repeatOm + concatMap + mapM + grouped + traverse_)', () => {
  it('should turn an endless poll loop into messages, processed one by one and handled in groups of 100', async () => {
    const topic = makeTopic(numbered(250));
    const consumer = new FakeConsumer(topic, 30);
    const handled: string[][] = [];
    const result = await pipe(
      repeatOm(poll(consumer)),
      concatMap((batch) => fromArray(batch)),
      take(250),
      mapM((msg) => Promise.resolve(msg.value.toUpperCase())),
      grouped(100),
      traverse_((batch) => {
        handled.push(batch);
      }),
    )();
    expect(result).toEqual(E.right(undefined));
    expect(handled.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(handled.flat()).toEqual(topic.map((m) => m.value.toUpperCase()));
    // take ended the loop: no poll runs after the result
    const polls = consumer.polls;
    await flushPromises();
    expect(consumer.polls).toBe(polls);
  });

  it('should end the loop with takeWhile at the first empty poll', async () => {
    const consumer = new FakeConsumer(makeTopic(['a', 'b', 'c', 'd', 'e']), 2);
    const result = await pipe(
      repeatOm(poll(consumer)),
      takeWhile((batch) => batch.length > 0),
      concatMap((batch) => fromArray(batch)),
      mapM((msg) => Promise.resolve(msg.value.toUpperCase())),
      grouped(2),
      runCollect,
    )();
    expect(result).toEqual(E.right([['A', 'B'], ['C', 'D'], ['E']]));
    // [a, b], [c, d], [e], [] and then no more. (One more poll can start while takeWhile's completion runs
    // down the pipeline and finishes [e]: its result is thrown away. Reported; the exact count is not asserted.)
    expect(consumer.polls).toBeGreaterThanOrEqual(4);
    const polls = consumer.polls;
    await flushPromises();
    expect(consumer.polls).toBe(polls);
  });

  it('should stop polling while the sink is stuck, and go on when it is free', async () => {
    // an endless topic: every poll brings 10 new messages
    let polls = 0;
    const endlessPoll = Om.fromPromise(() => {
      const first = polls++ * 10;
      return Promise.resolve(makeTopic(numbered(first + 10)).slice(first));
    });
    const stats = new CreditStats();
    let release: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const handled: number[] = [];
    const run = pipe(
      repeatOm(endlessPoll, { credit: 1, stats }),
      concatMap((batch) => fromArray(batch)),
      take(2000),
      mapM((msg) => Promise.resolve(Number(msg.offset))),
      grouped(100),
      traverse_((batch) => {
        handled.push(batch.length);
        return handled.length === 1 ? stuck : undefined;
      }),
    )();
    for (let i = 0; i < 20; i++) await flushPromises();
    const pollsWhileStuck = polls;
    for (let i = 0; i < 20; i++) await flushPromises();
    // the loop is waiting for credit, not spinning: not one more poll while the sink holds the first group
    expect(polls).toBe(pollsWhileStuck);
    expect(handled).toEqual([100]);
    // the loop holds all its credit: 1 asked for, raised to what the stages below need to make progress
    // (grouped(100) needs 100, mapM 1 more, concatMap 1 more), counted in polls since the source emits polls
    expect(stats.limit).toBe(102);
    expect(stats.inFlight).toBe(102);
    expect(pollsWhileStuck).toBe(102);
    release();
    expect(await run).toEqual(E.right(undefined));
    expect(handled).toEqual(Array.from({ length: 20 }, () => 100));
  });
});

interface PollError {
  readonly _tag: 'PollError';
  readonly reason: string;
}

/** One poll whose rejection is a typed PollError. */
const typedPoll = (consumer: FakeConsumer): Om.Om<unknown, PollError, KafkaMessage[]> =>
  Om.tryPromise(
    () => consumer.poll(),
    (reason): PollError => ({ _tag: 'PollError', reason: (reason as Error).message }),
  );

const isValidMessage = (msg: KafkaMessage): boolean => msg.value !== '' && msg.key !== '';

describe('consumer with error handling (Om.catchAll + guard)', () => {
  const topic: KafkaMessage[] = [
    { key: 'k0', value: 'a', partition: 0, offset: '0' },
    { key: 'k1', value: '', partition: 0, offset: '1' },
    { key: 'k2', value: 'c', partition: 0, offset: '2' },
    { key: '', value: 'd', partition: 0, offset: '3' },
    { key: 'k4', value: 'e', partition: 0, offset: '4' },
    { key: 'k5', value: 'f', partition: 0, offset: '5' },
  ];

  it('should recover a failed poll to an empty batch, keep consuming and drop invalid messages', async () => {
    const consumer = new FakeConsumer(topic, 2, [2]);
    const pollErrors: PollError[] = [];
    const safePoll = pipe(
      typedPoll(consumer),
      Om.catchAll((err: PollError) => {
        pollErrors.push(err);
        return Om.succeed<KafkaMessage[]>([]);
      }),
    );
    const result = await pipe(
      repeatOm(safePoll),
      take(4),
      concatMap((batch) => fromArray(batch)),
      concatMap((msg) => guard(isValidMessage(msg)).pipe(map(() => msg))),
      map((msg) => msg.value),
      runCollect,
    )();
    expect(result).toEqual(E.right(['a', 'c', 'e', 'f']));
    expect(pollErrors).toEqual([{ _tag: 'PollError', reason: 'broker unavailable' }]);
    // take(4) let four polls through (a fifth may start and be thrown away as take completes: reported)
    expect(consumer.polls).toBeGreaterThanOrEqual(4);
  });

  it('should resolve the tickets of the messages guard dropped', async () => {
    const { stream, log } = recordTickets(fromArray(topic));
    const result = await pipe(
      stream,
      concatMap((msg) => guard(isValidMessage(msg)).pipe(map(() => msg.offset))),
      runCollect,
    )();
    expect(result).toEqual(E.right(['0', '2', '4', '5']));
    expect(log.open()).toBe(0);
  });

  it('should end with the typed PollError (not a Defect) when nothing recovers it', async () => {
    const consumer = new FakeConsumer(topic, 2, [2]);
    const result = await pipe(
      repeatOm(typedPoll(consumer)),
      concatMap((batch) => fromArray(batch)),
      map((msg) => msg.value),
      runCollect,
    )();
    expect(result).toEqual(E.left({ _tag: 'PollError', reason: 'broker unavailable' }));
  });

  it('should not swallow a defect: a throwing validity check fails the stream', async () => {
    const boom = new Error('validator bug');
    const result = await pipe(
      fromArray(topic),
      concatMap((msg) => {
        if (msg.offset === '2') throw boom;
        return guard(isValidMessage(msg)).pipe(map(() => msg.value));
      }),
      runCollect,
    )();
    expect(result).toEqual(E.left(new Defect(boom, 'concatMap')));
  });
});

describe('parallel processing (mapParallel(10) + runDrain)', () => {
  it('should process up to 10 messages at once and drain them all', async () => {
    const topic = makeTopic(numbered(25));
    let running = 0;
    let maxRunning = 0;
    const done: string[] = [];
    const processMessage = (msg: KafkaMessage) =>
      Om.fromPromise(async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await sleep(Number(msg.offset) % 3);
        running--;
        done.push(msg.value);
      });
    const result = await pipe(fromArray(topic), mapParallel(10, processMessage), runDrain)();
    expect(result).toEqual(E.right(undefined));
    expect(maxRunning).toBe(10);
    expect([...done].sort()).toEqual(numbered(25).sort());
  });

  it('should keep the input order of the results, whatever order they finish in (marble)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const took: Record<string, number> = { a: 5, b: 1, c: 3 };
      const messages = cold('(abc)|');
      const processed = messages.pipe(
        mapParallel(10, (m: string) => timer(took[m]!).pipe(rxMap(() => m.toUpperCase()))),
      );
      expectObservable(processed).toBe('-----(ABC|)');
    });
  });

  it('should stop at the first typed failure and start nothing after it', async () => {
    const started: string[] = [];
    const result = await pipe(
      fromArray(makeTopic(numbered(30))),
      mapParallel(10, (msg: KafkaMessage) => {
        started.push(msg.value);
        return msg.value === 'v3' ? TE.left('cannot process v3' as const) : TE.right(msg.value);
      }),
      runDrain,
    )();
    expect(result).toEqual(E.left('cannot process v3'));
    // v0..v9 started at once; v0, v1 and v2 finished first and let v10, v11 and v12 start; then v3 failed
    expect(started).toEqual(numbered(13));
    await flushPromises();
    expect(started).toEqual(numbered(13));
  });
});

interface SinkError {
  readonly _tag: 'SinkError';
  readonly offset: string;
}

describe('offset management (tickets resolved after the sink succeeded)', () => {
  it("should resolve each message's ticket only once the sink's effect has succeeded", async () => {
    let clock = 0;
    const { stream, log } = recordTickets(fromArray(makeTopic(['a', 'b', 'c', 'd'])), () => clock);
    const resolvedWhenSaving: string[][] = [];
    const saved: string[] = [];
    const result = await pipe(
      stream,
      traverse_((msg: KafkaMessage) =>
        sleep(1).then(() => {
          resolvedWhenSaving.push(resolvedOffsets(log));
          saved.push(msg.value);
          clock++;
        }),
      ),
    )();
    expect(result).toEqual(E.right(undefined));
    expect(saved).toEqual(['a', 'b', 'c', 'd']);
    // while message k was being saved, only the messages before it were finished
    expect(resolvedWhenSaving).toEqual([[], ['0'], ['0', '1'], ['0', '1', '2']]);
    // message k was resolved right after its save (which moved the clock to k + 1)
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([1, 2, 3, 4]);
    expect(committable(log)).toBe('4');
  });

  it('should resolve no ticket of a message whose sink failed (typed), nor of any after it', async () => {
    const { stream, log } = recordTickets(fromArray(makeTopic(['a', 'b', 'c', 'd'])));
    const saved: string[] = [];
    const result = await pipe(
      stream,
      traverse_((msg: KafkaMessage) => {
        if (msg.offset === '2') return TE.left<SinkError, void>({ _tag: 'SinkError', offset: msg.offset });
        saved.push(msg.value);
        return TE.right<SinkError, void>(undefined);
      }),
    )();
    expect(result).toEqual(E.left({ _tag: 'SinkError', offset: '2' }));
    expect(saved).toEqual(['a', 'b']);
    expect(resolvedOffsets(log)).toEqual(['0', '1']);
    expect(committable(log)).toBe('2');
  });

  it('should resolve none at all when the sink fails on the first message (a defect)', async () => {
    const { stream, log } = recordTickets(fromArray(makeTopic(['a', 'b'])));
    const boom = new Error('disk full');
    const result = await pipe(
      stream,
      traverse_(() => Promise.reject(boom)),
    )();
    expect(result).toEqual(E.left(new Defect(boom, 'traverse_')));
    expect(resolvedOffsets(log)).toEqual([]);
    expect(committable(log)).toBe('0');
  });

  it("should resolve a batch's tickets together, after its batch sink succeeded", async () => {
    let clock = 0;
    const { stream, log } = recordTickets(fromArray(makeTopic(['a', 'b', 'c', 'd', 'e'])), () => clock);
    const result = await pipe(
      stream,
      grouped(2),
      traverse_((batch: KafkaMessage[]) => {
        if (batch[0]!.offset === '4') return TE.left<SinkError, void>({ _tag: 'SinkError', offset: '4' });
        clock++;
        return TE.right<SinkError, void>(undefined);
      }),
    )();
    expect(result).toEqual(E.left({ _tag: 'SinkError', offset: '4' }));
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([1, 1, 2, 2, undefined]);
    expect(committable(log)).toBe('4');
  });

  it('should keep the tickets of messages still in flight open, even when later ones finished first', async () => {
    // mapParallel finishes 1 before 0, but the sink sees them in order: nothing past a gap is resolved
    const { stream, log } = recordTickets(fromArray(makeTopic(['slow', 'fast'])));
    const seen: Array<{ value: string; resolved: string[] }> = [];
    const result = await pipe(
      stream,
      mapParallel(2, (msg: KafkaMessage) => sleep(msg.value === 'slow' ? 20 : 1).then(() => msg)),
      traverse_((msg) => {
        seen.push({ value: msg.value, resolved: resolvedOffsets(log) });
      }),
    )();
    expect(result).toEqual(E.right(undefined));
    expect(seen).toEqual([
      { value: 'slow', resolved: [] },
      { value: 'fast', resolved: ['0'] },
    ]);
  });
});

// -------------------------------------------------------------------------------------------------------------
// producer patterns
// -------------------------------------------------------------------------------------------------------------

describe('simple producer (traverse_(send))', () => {
  it('should send every message, one at a time and in order', async () => {
    const topic = makeTopic(['a', 'b', 'c']);
    const producer = new FakeProducer<KafkaMessage>(2);
    const result = await pipe(
      fromArray(topic),
      traverse_((msg) => Om.fromPromise(() => producer.send('out', msg))),
    )();
    expect(result).toEqual(E.right(undefined));
    expect(producer.sent).toEqual(topic.map((message) => ({ topic: 'out', message })));
    expect(producer.maxInFlight).toBe(1);
  });

  it('should stop at a send that fails and send nothing after it', async () => {
    const topic = makeTopic(['a', 'b', 'c']);
    const producer = new FakeProducer<KafkaMessage>();
    const broken = new Error('not leader for partition');
    const result = await pipe(
      fromArray(topic),
      traverse_((msg) =>
        Om.fromPromise(() => (msg.value === 'b' ? Promise.reject(broken) : producer.send('out', msg))),
      ),
    )();
    expect(result).toEqual(E.left(new Defect(broken)));
    expect(producer.sent.map((s) => s.message.value)).toEqual(['a']);
  });
});

describe('batch producer (grouped(100) + traverse_(sendBatch))', () => {
  it('should send groups of 100 and the last, shorter group', async () => {
    const topic = makeTopic(numbered(250));
    const producer = new FakeProducer<KafkaMessage>();
    const result = await pipe(
      fromArray(topic),
      grouped(100),
      traverse_((batch) => Om.fromPromise(() => producer.sendBatch('out', batch))),
    )();
    expect(result).toEqual(E.right(undefined));
    expect(producer.batches.map((b) => [b.topic, b.messages.length])).toEqual([
      ['out', 100],
      ['out', 100],
      ['out', 50],
    ]);
    expect(producer.batches.flatMap((b) => b.messages)).toEqual(topic);
  });

  it('should send no batch at all for an empty stream', async () => {
    const producer = new FakeProducer<KafkaMessage>();
    const result = await pipe(
      fromArray<KafkaMessage>([]),
      grouped(100),
      traverse_((batch) => Om.fromPromise(() => producer.sendBatch('out', batch))),
    )();
    expect(result).toEqual(E.right(undefined));
    expect(producer.batches).toEqual([]);
  });
});

// -------------------------------------------------------------------------------------------------------------
// the complete pipeline
// -------------------------------------------------------------------------------------------------------------

interface Event {
  readonly userId: string;
  readonly action: string;
  readonly timestamp: string;
}

interface EnrichedEvent extends Event {
  readonly userName: string;
  readonly category: string;
}

interface ParseError {
  readonly _tag: 'ParseError';
  readonly offset: string;
}

const users: Record<string, { name: string; category: string }> = {
  u0: { name: 'Ada', category: 'gold' },
  u1: { name: 'Bob', category: 'silver' },
  u2: { name: 'Cy', category: 'bronze' },
};

const parseEvent = (msg: KafkaMessage): Om.Om<unknown, ParseError, Event> => {
  try {
    return Om.succeed(JSON.parse(msg.value) as Event);
  } catch {
    return Om.fail({ _tag: 'ParseError', offset: msg.offset });
  }
};

const isValidEvent = (event: Event): boolean => event.userId !== '' && event.action !== '';

const fetchUser = (id: string): Om.Om<unknown, Defect, { name: string; category: string }> =>
  Om.fromPromise(() => sleep(id === 'u0' ? 3 : 1).then(() => users[id]!));

const enrichEvent = (event: Event): Om.Om<unknown, Defect, EnrichedEvent> =>
  pipe(
    fetchUser(event.userId),
    RTE.map((user) => ({ ...event, userName: user.name, category: user.category })),
  );

const eventJson = (i: number): string =>
  JSON.stringify({ userId: `u${i % 3}`, action: i % 7 === 6 ? '' : `act${i}`, timestamp: `t${i}` });

describe('complete example: consume → parse → filter → mapParallel(5, enrich) → grouped(50) → sendBatch', () => {
  const kafkaPipeline = (consumer: FakeConsumer, producer: FakeProducer<EnrichedEvent>) =>
    pipe(
      consume(consumer),
      mapM(parseEvent),
      filter(isValidEvent),
      mapParallel(5, enrichEvent),
      grouped(50),
      traverse_((batch) => Om.fromPromise(() => producer.sendBatch('enriched-events', batch))),
    );

  it('should send the valid events, enriched and in order, in batches of 50', async () => {
    const consumer = new FakeConsumer(makeTopic(Array.from({ length: 120 }, (_, i) => eventJson(i))), 16);
    const producer = new FakeProducer<EnrichedEvent>();
    const result = await kafkaPipeline(consumer, producer)();
    expect(result).toEqual(E.right(undefined));
    // 120 events, of which the 17 with i % 7 === 6 have no action
    expect(producer.batches.map((b) => [b.topic, b.messages.length])).toEqual([
      ['enriched-events', 50],
      ['enriched-events', 50],
      ['enriched-events', 3],
    ]);
    const sent = producer.batches.flatMap((b) => b.messages);
    expect(sent.slice(0, 3)).toEqual([
      { userId: 'u0', action: 'act0', timestamp: 't0', userName: 'Ada', category: 'gold' },
      { userId: 'u1', action: 'act1', timestamp: 't1', userName: 'Bob', category: 'silver' },
      { userId: 'u2', action: 'act2', timestamp: 't2', userName: 'Cy', category: 'bronze' },
    ]);
    expect(sent.map((e) => e.timestamp)).toEqual(
      Array.from({ length: 120 }, (_, i) => i)
        .filter((i) => i % 7 !== 6)
        .map((i) => `t${i}`),
    );
  });

  it('should fail with the typed ParseError of a message that is not JSON, and send no partial batch', async () => {
    const consumer = new FakeConsumer(makeTopic([eventJson(0), '{not json', eventJson(2)]), 16);
    const producer = new FakeProducer<EnrichedEvent>();
    const result = await kafkaPipeline(consumer, producer)();
    expect(result).toEqual(E.left({ _tag: 'ParseError', offset: '1' }));
    expect(producer.batches).toEqual([]);
  });
});

// -------------------------------------------------------------------------------------------------------------
// more patterns
// -------------------------------------------------------------------------------------------------------------

describe('multi-topic consumer (mergeAll)', () => {
  it('should consume several topics at once and process every message of each, in its order', async () => {
    const topics: Record<string, string[]> = {
      events: ['e0', 'e1', 'e2'],
      logs: ['l0', 'l1'],
      metrics: ['m0', 'm1', 'm2', 'm3'],
    };
    const consumers = Object.values(topics).map((values) => new FakeConsumer(makeTopic(values), 2));
    let pollsAtFirstMessage: number[] = [];
    const result = await pipe(
      mergeAll(consumers.map((c) => consume(c))),
      mapM((msg, i) => {
        if (i === 0) pollsAtFirstMessage = consumers.map((c) => c.polls);
        return Promise.resolve(msg.value.toUpperCase());
      }),
      runCollect,
    )();
    expect(E.isRight(result)).toBe(true);
    const out = E.isRight(result) ? result.right : [];
    expect([...out].sort()).toEqual(['E0', 'E1', 'E2', 'L0', 'L1', 'M0', 'M1', 'M2', 'M3']);
    expect(out.filter((v) => v.startsWith('E'))).toEqual(['E0', 'E1', 'E2']);
    expect(out.filter((v) => v.startsWith('L'))).toEqual(['L0', 'L1']);
    expect(out.filter((v) => v.startsWith('M'))).toEqual(['M0', 'M1', 'M2', 'M3']);
    // the three topics are polled at once: each had been polled before the first message was processed
    expect(pollsAtFirstMessage.every((n) => n >= 1)).toBe(true);
    expect(consumers.map((c) => c.polls)).toEqual([3, 2, 3]);
  });

  it('should interleave the topics as their polls answer (marble)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const events = cold('-x-------y|', { x: ['e0', 'e1'], y: ['e2'] });
      const logs = cold('------x|', { x: ['l0'] });
      const metrics = cold('-------x--|', { x: ['m0'] });
      const merged = mergeAll(
        [events, logs, metrics].map((polls) => polls.pipe(concatMap((batch: string[]) => fromArray(batch)))),
      );
      expectObservable(merged).toBe('-(ab)-cd-e|', {
        a: 'e0',
        b: 'e1',
        c: 'l0',
        d: 'm0',
        e: 'e2',
      });
    });
  });

  it('should fail as soon as one topic fails', async () => {
    const good = new FakeConsumer(makeTopic(['a']), 2);
    const bad = new FakeConsumer(makeTopic(['b']), 2, [1]);
    const result = await pipe(mergeAll([consume(good), consume(bad)]), runCollect)();
    expect(result).toEqual(E.left(new Defect(new Error('broker unavailable'))));
  });
});

describe('fan-out (three pipelines on one cold source)', () => {
  const topic = makeTopic(['analytics:click', 'log:start', 'alert:disk', 'analytics:view', 'log:stop']);
  const kind = (prefix: string) => (msg: KafkaMessage) => msg.value.startsWith(prefix + ':');

  it('should give each pipeline every message, through a consumer of its own', async () => {
    let opened = 0;
    // the consumer is created when a pipeline starts: each run of the cold source reads the topic anew
    const source = fromOm(
      Om.fromPromise(() => {
        opened++;
        return Promise.resolve(new FakeConsumer(topic, 2));
      }),
    ).pipe(concatMap((consumer) => consume(consumer)));
    const analytics: string[] = [];
    const logs: string[] = [];
    const alerts: string[] = [];
    const results = await Promise.all([
      pipe(
        source,
        filter(kind('analytics')),
        mapM((msg) => analytics.push(msg.value)),
        runDrain,
      )(),
      pipe(
        source,
        filter(kind('log')),
        mapM((msg) => logs.push(msg.value)),
        runDrain,
      )(),
      pipe(
        source,
        filter(kind('alert')),
        mapM((msg) => alerts.push(msg.value)),
        runDrain,
      )(),
    ]);
    expect(results).toEqual([E.right(undefined), E.right(undefined), E.right(undefined)]);
    expect(analytics).toEqual(['analytics:click', 'analytics:view']);
    expect(logs).toEqual(['log:start', 'log:stop']);
    expect(alerts).toEqual(['alert:disk']);
    expect(opened).toBe(3);
  });

  it('should subscribe the cold source once per pipeline (marble)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-l-x-|');
      expectObservable(source.pipe(filter((m: string) => m === 'a'))).toBe('-a-----|');
      expectObservable(source.pipe(filter((m: string) => m === 'l'))).toBe('---l---|');
      expectObservable(source.pipe(filter((m: string) => m === 'x'))).toBe('-----x-|');
      expectSubscriptions(source.subscriptions).toBe(['^------!', '^------!', '^------!']);
    });
  });
});

interface ProcessError {
  readonly _tag: 'ProcessError';
  readonly reason: string;
}

const processOrder = (msg: KafkaMessage): Om.Om<unknown, ProcessError, string> =>
  msg.value.startsWith('bad')
    ? Om.fail({ _tag: 'ProcessError', reason: `cannot process ${msg.value}` })
    : Om.succeed(msg.value.toUpperCase());

describe('dead-letter queue (Om.catchAll + collect)', () => {
  const topic = makeTopic(['a', 'bad-1', 'c', 'bad-2', 'e']);

  const withDeadLetters =
    (dlq: FakeProducer<{ message: KafkaMessage; reason: string }>, process = processOrder) =>
    (msg: KafkaMessage) =>
      pipe(
        process(msg),
        RTE.map(O.some),
        Om.catchAll((err: ProcessError) =>
          pipe(
            Om.fromPromise(() => dlq.send('orders-dlq', { message: msg, reason: err.reason })),
            RTE.map((): O.Option<string> => O.none),
          ),
        ),
      );

  it('should send the failures to the DLQ with their reason and go on with the rest', async () => {
    const dlq = new FakeProducer<{ message: KafkaMessage; reason: string }>();
    const { stream, log } = recordTickets(fromArray(topic));
    const result = await pipe(
      stream,
      mapM(withDeadLetters(dlq)),
      collect((o) => o),
      runCollect,
    )();
    expect(result).toEqual(E.right(['A', 'C', 'E']));
    expect(dlq.sent).toEqual([
      { topic: 'orders-dlq', message: { message: topic[1], reason: 'cannot process bad-1' } },
      { topic: 'orders-dlq', message: { message: topic[3], reason: 'cannot process bad-2' } },
    ]);
    // a message sent to the DLQ is finished too: every offset may be committed
    expect(log.open()).toBe(0);
  });

  it('should not route a defect to the DLQ: a throw in the processing fails the stream', async () => {
    const dlq = new FakeProducer<{ message: KafkaMessage; reason: string }>();
    const bug = new Error('null pointer');
    const buggy = (msg: KafkaMessage): Om.Om<unknown, ProcessError, string> =>
      msg.value === 'c'
        ? pipe(
            Om.succeed(msg.value),
            RTE.map((): string => {
              throw bug;
            }),
          )
        : processOrder(msg);
    const result = await pipe(
      fromArray(topic),
      mapM(withDeadLetters(dlq, buggy)),
      collect((o) => o),
      runCollect,
    )();
    expect(result).toEqual(E.left(new Defect(bug, 'mapM')));
    expect(dlq.sent.map((s) => s.message.reason)).toEqual(['cannot process bad-1']);
  });
});

describe('rate limiting (rateLimit and per-batch delays)', () => {
  it('should let one message through every 100 ms (virtual time)', () => {
    testScheduler().run(({ expectObservable }) => {
      const messages = fromArray(['a', 'b', 'c', 'd']).pipe(rateLimit(1, 100));
      expectObservable(messages).toBe('a 99ms b 99ms c 99ms (d|)');
    });
  });

  it('should let bursts of 2 through per 100 ms and keep a slow stream as it is (virtual time)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('(abcde)|').pipe(rateLimit(2, 100))).toBe('(ab) 46ms c 49ms d 49ms (e|)');
      expectObservable(cold('a 99ms b 99ms c|').pipe(rateLimit(2, 100))).toBe('a 99ms b 99ms c|');
    });
  });

  it('should wait before each batch of 3, then emit its messages (virtual time)', () => {
    testScheduler().run(({ expectObservable }) => {
      const messages = fromArray(['a', 'b', 'c', 'd', 'e', 'f', 'g']).pipe(
        grouped(3),
        concatMap((batch) => timer(1000).pipe(concatMap(() => fromArray(batch)))),
      );
      expectObservable(messages).toBe('1000ms (abc) 995ms (def) 995ms (g|)');
    });
  });

  it('should pace batches with rateLimit on the batches (virtual time)', () => {
    testScheduler().run(({ expectObservable }) => {
      const messages = fromArray(['a', 'b', 'c', 'd', 'e']).pipe(
        grouped(2),
        rateLimit(1, 1000),
        concatMap((batch) => fromArray(batch)),
      );
      expectObservable(messages).toBe('(ab) 996ms (cd) 996ms (e|)');
    });
  });

  it('should delay each batch with Om.delay (real time)', async () => {
    const start = Date.now();
    const arrivals: Array<[string, number]> = [];
    const result = await pipe(
      fromArray(makeTopic(['a', 'b', 'c', 'd', 'e'])),
      grouped(2),
      mapM((batch) =>
        pipe(
          Om.delay(20),
          RTE.map(() => batch),
        ),
      ),
      concatMap((batch) => fromArray(batch)),
      traverse_((msg) => {
        arrivals.push([msg.value, Date.now() - start]);
      }),
    )();
    expect(result).toEqual(E.right(undefined));
    expect(arrivals.map(([v]) => v)).toEqual(['a', 'b', 'c', 'd', 'e']);
    const times = arrivals.map(([, t]) => t);
    // three batches, each after a delay of 20 ms (a timer may fire a millisecond early)
    expect(times[0]).toBeGreaterThanOrEqual(19);
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(19);
    expect(times[4]! - times[2]!).toBeGreaterThanOrEqual(19);
  });
});

describe('windowing (grouped by size, groupedWithin by time)', () => {
  it('should summarize windows of 1000 messages, and the last shorter one', async () => {
    const topic = makeTopic(numbered(2500));
    const summaries = await pipe(
      fromArray(topic),
      grouped(1000),
      mapM((window) =>
        Promise.resolve({
          count: window.length,
          from: window[0]!.offset,
          to: window[window.length - 1]!.offset,
        }),
      ),
      runCollect,
    )();
    expect(summaries).toEqual(
      E.right([
        { count: 1000, from: '0', to: '999' },
        { count: 1000, from: '1000', to: '1999' },
        { count: 500, from: '2000', to: '2499' },
      ]),
    );
  });

  it('should close a window 100 ms after its first message (virtual time)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const messages = cold('a 9ms b 9ms c 200ms d 9ms e 500ms |');
      expectObservable(messages.pipe(groupedWithin(1000, 100))).toBe('100ms x 220ms y 410ms |', {
        x: ['a', 'b', 'c'],
        y: ['d', 'e'],
      });
    });
  });

  it('should close a window early when it is full (virtual time)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const messages = cold('(abcd) 200ms |');
      expectObservable(messages.pipe(groupedWithin(3, 100))).toBe('x 99ms y 105ms |', {
        x: ['a', 'b', 'c'],
        y: ['d'],
      });
    });
  });
});

// -------------------------------------------------------------------------------------------------------------
// the ETL example, with a context
// -------------------------------------------------------------------------------------------------------------

interface Order {
  readonly userId: string;
  readonly productId: string;
  readonly quantity: number;
}

interface EnrichedOrder extends Order {
  readonly userName: string;
  readonly productName: string;
}

interface EtlContext {
  readonly logger: { info(line: string): void };
  readonly database: { saveBatch(rows: readonly EnrichedOrder[]): Promise<void> };
  readonly catalog: {
    user(id: string): Promise<{ name: string }>;
    product(id: string): Promise<{ name: string }>;
  };
}

const logLine = (line: string): Om.Om<EtlContext, never, void> =>
  Om.asks((ctx: EtlContext) => ctx.logger.info(line));

const parseAndValidate = (msg: KafkaMessage): Om.Om<EtlContext, never, O.Option<Order>> => {
  let order: Order;
  try {
    order = JSON.parse(msg.value) as Order;
  } catch {
    return Om.succeed(O.none);
  }
  return Om.succeed(order.userId !== '' && order.quantity > 0 ? O.some(order) : O.none);
};

const enrichData = (order: Order): Om.Om<EtlContext, Defect, EnrichedOrder> =>
  pipe(
    Om.asks((ctx: EtlContext) => ctx.catalog),
    RTE.flatMap((catalog) =>
      Om.fromPromise(() => Promise.all([catalog.user(order.userId), catalog.product(order.productId)])),
    ),
    RTE.map(([user, product]) => ({ ...order, userName: user.name, productName: product.name })),
  );

const orderJson = (i: number): string =>
  i % 10 === 9
    ? 'garbage'
    : JSON.stringify({
        userId: i % 11 === 3 ? '' : `u${i % 2}`,
        productId: `p${i % 3}`,
        quantity: 1 + (i % 4),
      });

describe('ETL example (tap log → parse → collect → mapParallel(10) → grouped(100) → tapM log → save and send)', () => {
  const makeContext = (failSave = false) => {
    const lines: string[] = [];
    const rows: EnrichedOrder[][] = [];
    const ctx: EtlContext = {
      logger: { info: (line) => lines.push(line) },
      database: {
        saveBatch: (batch) => {
          if (failSave) return Promise.reject(new Error('database down'));
          rows.push([...batch]);
          return sleep(1);
        },
      },
      catalog: {
        user: (id) => sleep(id === 'u0' ? 2 : 1).then(() => ({ name: id === 'u0' ? 'Ada' : 'Bob' })),
        product: (id) => Promise.resolve({ name: `product ${id}` }),
      },
    };
    return { ctx, lines, rows };
  };

  /** The pipeline is an Om: it reads the context once for the sync logging tap, and provides it to the rest. */
  const kafkaEtlPipeline = (
    consumer: FakeConsumer,
    producer: FakeProducer<EnrichedOrder>,
  ): Om.Om<EtlContext, Defect, void> =>
    pipe(
      Om.ask<EtlContext>(),
      RTE.flatMapTaskEither((ctx) =>
        pipe(
          consume(consumer),
          tap((msg) => ctx.logger.info(`Received: ${msg.key}`)),
          mapM(parseAndValidate),
          collect((o) => o),
          mapParallel(10, enrichData),
          grouped(100),
          tapM((batch) => logLine(`Processing batch of ${batch.length}`)),
          tapM((batch) =>
            pipe(
              Om.asks((c: EtlContext) => c.database),
              RTE.flatMap((db) => Om.fromPromise(() => db.saveBatch(batch))),
              RTE.flatMap(() => Om.fromPromise(() => producer.sendBatch('processed', batch))),
            ),
          ),
          provide(ctx),
          runDrain,
        ),
      ),
    );

  const expectedOrders = (count: number): EnrichedOrder[] =>
    Array.from({ length: count }, (_, i) => i)
      .filter((i) => i % 10 !== 9 && i % 11 !== 3)
      .map((i) => ({
        userId: `u${i % 2}`,
        productId: `p${i % 3}`,
        quantity: 1 + (i % 4),
        userName: i % 2 === 0 ? 'Ada' : 'Bob',
        productName: `product p${i % 3}`,
      }));

  it('should log, drop the invalid, enrich, and save and send batches of 100', async () => {
    const { ctx, lines, rows } = makeContext();
    const consumer = new FakeConsumer(makeTopic(Array.from({ length: 250 }, (_, i) => orderJson(i))), 40);
    const producer = new FakeProducer<EnrichedOrder>();
    const result = await Om.run(kafkaEtlPipeline(consumer, producer), ctx);
    expect(result).toEqual(E.right(undefined));
    // 250 messages: 25 are not JSON, 21 more have no user
    expect(rows.map((b) => b.length)).toEqual([100, 100, 4]);
    expect(rows.flat()).toEqual(expectedOrders(250));
    expect(producer.batches).toEqual(rows.map((messages) => ({ topic: 'processed', messages })));
    expect(lines.filter((l) => l.startsWith('Received'))).toEqual(numbered(250, 'Received: k'));
    expect(lines.filter((l) => l.startsWith('Processing'))).toEqual([
      'Processing batch of 100',
      'Processing batch of 100',
      'Processing batch of 4',
    ]);
  });

  it('should fail with the Defect of a failed save, and send nothing for that batch', async () => {
    const { ctx, rows } = makeContext(true);
    const consumer = new FakeConsumer(makeTopic(Array.from({ length: 20 }, (_, i) => orderJson(i))), 40);
    const producer = new FakeProducer<EnrichedOrder>();
    const result = await Om.run(kafkaEtlPipeline(consumer, producer), ctx);
    expect(result).toEqual(E.left(new Defect(new Error('database down'))));
    expect(rows).toEqual([]);
    expect(producer.batches).toEqual([]);
  });

  it('should not run without its context (a type error)', () => {
    const needsContext = fromArray(makeTopic([orderJson(0)])).pipe(mapM(parseAndValidate));
    // @ts-expect-error the context has not been provided
    const refused = runDrain(needsContext);
    expect(typeof refused).toBe('function');
  });
});

describe('monitoring (counting with tapM and Om.catchAll)', () => {
  const topic = makeTopic(['a', 'b', 'bad-1', 'd', 'bad-2', 'f']);

  it('should count the processed and the failed messages and go on', async () => {
    let processed = 0;
    let failed = 0;
    const result = await pipe(
      fromArray(topic),
      mapM((msg) =>
        pipe(
          processOrder(msg),
          RTE.map(O.some),
          Om.catchAll(() => {
            failed++;
            return Om.succeed(O.none);
          }),
        ),
      ),
      collect((o: O.Option<string>) => o),
      tapM(() => {
        processed++;
      }),
      runFold(0, (n) => n + 1),
    )();
    expect(result).toEqual(E.right(4));
    expect(`Processed: ${processed}, Errors: ${failed}`).toBe('Processed: 4, Errors: 2');
  });

  it('should count up to the first failure and fail with it, as the guide does', async () => {
    let processed = 0;
    let failed = 0;
    const result = await pipe(
      fromArray(topic),
      mapM((msg) =>
        pipe(
          processOrder(msg),
          Om.catchAll((err: ProcessError) => {
            failed++;
            return Om.fail(err);
          }),
        ),
      ),
      tapM(() => {
        processed++;
      }),
      runDrain,
    )();
    expect(result).toEqual(E.left({ _tag: 'ProcessError', reason: 'cannot process bad-1' }));
    expect(`Processed: ${processed}, Errors: ${failed}`).toBe('Processed: 2, Errors: 1');
  });
});
