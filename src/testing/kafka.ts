/**
 * `InMemoryKafka`: a Kafka broker in memory that implements the Kafka port, so that a pipeline's delivery
 * guarantees (what is read, what is committed, when) can be tested without a broker.
 *
 * It follows the port's contract as the KafkaJS adapter gives it: consumer groups that rebalance on every join and
 * leave, fetches that restart from the committed offset after each rebalance, commits refused once the group has
 * moved on, per-partition pause and resume, and KafkaJS's default partitioner.
 *
 * @since 0.2.0
 */
import { CommitRefused } from '../kafka/errors.js';
import type {
  AdminPort,
  ConsumerListener,
  ConsumerPort,
  ConsumerSettings,
  FetchedBatch,
  FetchedRecord,
  KafkaClient,
  KafkaHeaders,
  OffsetToCommit,
  ProducerMessage,
  ProducerPort,
  ProducerSettings,
  RecordAck,
  TopicPartition,
  TopicSpec,
} from '../kafka/port.js';

/**
 * Options of {@link InMemoryKafka}.
 *
 * @category testing
 * @since 0.2.0
 */
export interface InMemoryKafkaOptions {
  /** the most records a consumer hands over in one batch (default 100) */
  readonly maxBatch?: number;
  /** how long a producer's send takes before it is written and acknowledged (milliseconds, default 0) */
  readonly sendDelayMs?: number;
  /** how long a commit takes to reach the group (milliseconds, default 0); a rebalance may overtake it */
  readonly commitDelayMs?: number;
  /** how long a consumer with nothing to fetch waits before it looks again (milliseconds, default 2) */
  readonly idleFetchMs?: number;
  /** the clock that stamps produced records without a timestamp (default `Date.now`) */
  readonly now?: () => number;
}

/**
 * One offset a consumer group accepted, as {@link InMemoryKafka.commitLog} keeps it.
 *
 * @category testing
 * @since 0.2.0
 */
export interface CommitLogEntry {
  readonly groupId: string;
  /** the member that committed */
  readonly memberId: string;
  readonly topic: string;
  readonly partition: number;
  /** the committed offset: the next record to read */
  readonly offset: string;
  /** whether the member owned the partition when the commit arrived */
  readonly owned: boolean;
  /** the group's generation the commit was made under */
  readonly generation: number;
}

/**
 * A member of a consumer group, as {@link InMemoryKafka.members} shows it.
 *
 * @category testing
 * @since 0.2.0
 */
export interface GroupMember {
  readonly memberId: string;
  /** the topics it subscribed to */
  readonly topics: readonly string[];
  /** the partitions it owns now (empty until its first assignment) */
  readonly assignment: readonly TopicPartition[];
  /** the group generation of its assignment; undefined until its first assignment */
  readonly generation: number | undefined;
}

const key = (tp: TopicPartition): string => `${tp.topic}/${tp.partition}`;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Rethrows outside the caller: a listener's bug must not corrupt the broker's state, nor go unseen. */
const report = (error: unknown): void =>
  queueMicrotask(() => {
    throw error;
  });

/** An error as KafkaJS gives a broker's refusal: `isRebalanceError` recognises its `type`. */
const protocolError = (type: string, message: string): Error =>
  Object.assign(new Error(`${type}: ${message}`), { name: 'KafkaJSProtocolError', type });

const toBuffer = (v: Buffer | string | null | undefined): Buffer | null =>
  v === null || v === undefined ? null : Buffer.isBuffer(v) ? Buffer.from(v) : Buffer.from(v, 'utf8');

const toHeaders = (headers: ProducerMessage['headers']): KafkaHeaders => {
  const out: Record<string, Buffer> = {};
  if (headers !== undefined) {
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) out[name] = toBuffer(value)!;
    }
  }
  return Object.freeze(out);
};

/**
 * Java's (and KafkaJS's default partitioner's) murmur2 hash, in 32-bit arithmetic, so that a key lands on the
 * partition a real producer would pick.
 */
const murmur2 = (data: Buffer): number => {
  const m = 0x5bd1e995;
  const length = data.length;
  let h = (0x9747b28c ^ length) | 0;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const tail = length & ~3;
  const rest = length & 3;
  if (rest === 3) h ^= data[tail + 2]! << 16;
  if (rest >= 2) h ^= data[tail + 1]! << 8;
  if (rest >= 1) {
    h ^= data[tail]!;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h;
};

interface TopicLog {
  readonly partitions: FetchedRecord[][];
  /** the round-robin counter for messages without key or partition */
  roundRobin: number;
}

interface Group {
  readonly id: string;
  generation: number;
  /** in join order */
  readonly members: InMemoryConsumer[];
  readonly committed: Map<string, string>;
  /** a rebalance is under way: members were told, the new assignment is not made yet */
  rebalancing: boolean;
  /** another rebalance is due once this one is done */
  again: boolean;
}

/** The broker's state, shared by the client and the ports it makes. */
class Broker {
  readonly topics = new Map<string, TopicLog>();
  readonly groups = new Map<string, Group>();
  readonly commitLog: CommitLogEntry[] = [];
  readonly commitListeners = new Set<(entry: CommitLogEntry) => void>();
  readonly pauses = new Map<string, number>();
  readonly resumes = new Map<string, number>();
  commitFailure: { readonly error: unknown } | undefined;
  sendFailure: { readonly error: unknown } | undefined;
  sends = 0;
  commitsRefused = 0;
  sendDelayMs: number;
  commitDelayMs: number;
  readonly maxBatch: number;
  readonly idleFetchMs: number;
  readonly now: () => number;
  private members = 0;

  constructor(options: InMemoryKafkaOptions) {
    this.maxBatch = options.maxBatch ?? 100;
    if (!Number.isInteger(this.maxBatch) || this.maxBatch < 1) {
      throw new RangeError(
        `InMemoryKafka: maxBatch must be a whole number of at least 1, got ${this.maxBatch}`,
      );
    }
    this.sendDelayMs = options.sendDelayMs ?? 0;
    this.commitDelayMs = options.commitDelayMs ?? 0;
    this.idleFetchMs = options.idleFetchMs ?? 2;
    this.now = options.now ?? Date.now;
  }

  nextMemberId(groupId: string): string {
    return `${groupId}-member-${++this.members}`;
  }

  topic(name: string): TopicLog {
    const t = this.topics.get(name);
    if (t === undefined) throw new Error(`InMemoryKafka: topic ${name} does not exist`);
    return t;
  }

  partition(tp: TopicPartition): FetchedRecord[] {
    const log = this.topic(tp.topic).partitions[tp.partition];
    if (log === undefined)
      throw new Error(`InMemoryKafka: topic ${tp.topic} has no partition ${tp.partition}`);
    return log;
  }

  createTopic(name: string, partitions: number): boolean {
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new RangeError(
        `InMemoryKafka: a topic needs a whole number of partitions, at least 1, got ${partitions}`,
      );
    }
    if (this.topics.has(name)) return false;
    this.topics.set(name, { partitions: Array.from({ length: partitions }, () => []), roundRobin: 0 });
    return true;
  }

  /** Writes the messages, all or none; the acknowledgement per partition, in the order partitions were first hit. */
  append(topic: string, messages: readonly ProducerMessage[]): RecordAck[] {
    const t = this.topic(topic);
    const count = t.partitions.length;
    const targets = messages.map((m) => {
      if (m.partition !== undefined && m.partition !== null) {
        if (!Number.isInteger(m.partition) || m.partition < 0 || m.partition >= count) {
          throw new Error(`InMemoryKafka: topic ${topic} has no partition ${m.partition}`);
        }
        return m.partition;
      }
      if (m.key !== undefined && m.key !== null) return (murmur2(toBuffer(m.key)!) & 0x7fffffff) % count;
      return (t.roundRobin++ & 0x7fffffff) % count;
    });
    const acks = new Map<number, RecordAck>();
    messages.forEach((m, i) => {
      const partition = targets[i]!;
      const log = t.partitions[partition]!;
      const offset = String(log.length);
      log.push(
        Object.freeze({
          topic,
          partition,
          offset,
          key: toBuffer(m.key),
          value: toBuffer(m.value),
          headers: toHeaders(m.headers),
          timestamp: m.timestamp ?? String(this.now()),
        }),
      );
      if (!acks.has(partition)) acks.set(partition, { topic, partition, baseOffset: offset });
    });
    return [...acks.values()];
  }

  group(id: string): Group {
    let g = this.groups.get(id);
    if (g === undefined) {
      g = { id, generation: 0, members: [], committed: new Map(), rebalancing: false, again: false };
      this.groups.set(id, g);
    }
    return g;
  }

  join(member: InMemoryConsumer): void {
    const g = this.group(member.groupId);
    g.members.push(member);
    this.rebalance(g);
  }

  leave(member: InMemoryConsumer): void {
    const g = this.group(member.groupId);
    const i = g.members.indexOf(member);
    if (i < 0) return;
    g.members.splice(i, 1);
    this.rebalance(g);
  }

  /**
   * Starts a rebalance: the members that own partitions hear of it now (and may still commit under the current
   * generation), the new assignment comes on a later turn, once every member's current batch is done.
   */
  rebalance(g: Group): void {
    if (g.rebalancing) {
      g.again = true;
      return;
    }
    g.rebalancing = true;
    for (const m of [...g.members]) if (m.generation !== undefined) m.tellRebalancing();
    setTimeout(() => void this.completeRebalance(g), 0);
  }

  private async completeRebalance(g: Group): Promise<void> {
    await Promise.all(g.members.map((m) => m.idle()));
    g.again = false;
    g.generation++;
    const members = [...g.members];
    const plans = new Map<InMemoryConsumer, TopicPartition[]>(members.map((m) => [m, []]));
    const topics = [...new Set(members.flatMap((m) => m.topics))].sort();
    let turn = 0;
    for (const topic of topics) {
      const eligible = members.filter((m) => m.topics.includes(topic));
      const partitions = this.topics.get(topic)?.partitions.length ?? 0;
      for (let partition = 0; partition < partitions; partition++) {
        plans.get(eligible[turn++ % eligible.length]!)!.push({ topic, partition });
      }
    }
    for (const m of members) m.assign(plans.get(m)!, g.generation);
    g.rebalancing = false;
    for (const m of members) m.tellAssigned();
    if (g.again) {
      g.again = false;
      this.rebalance(g);
    }
  }

  async commit(member: InMemoryConsumer, offsets: readonly OffsetToCommit[]): Promise<void> {
    if (offsets.length === 0) return;
    // the request carries the generation the member is in when it sends it; a rebalance may overtake it on the way
    const sentUnder = member.generation;
    if (this.commitDelayMs > 0) await sleep(this.commitDelayMs);
    else await Promise.resolve();
    const g = this.group(member.groupId);
    if (!g.members.includes(member)) {
      this.commitsRefused++;
      throw new CommitRefused(
        protocolError('UNKNOWN_MEMBER_ID', `${member.memberId} is not a member of ${g.id}`),
      );
    }
    if (sentUnder === undefined || sentUnder !== g.generation) {
      this.commitsRefused++;
      throw new CommitRefused(
        protocolError(
          'ILLEGAL_GENERATION',
          `${member.memberId} committed under generation ${sentUnder}, the group is at ${g.generation}`,
        ),
      );
    }
    if (this.commitFailure !== undefined) throw this.commitFailure.error;
    for (const o of offsets) this.partition(o);
    for (const o of offsets) {
      g.committed.set(key(o), o.offset);
      const entry: CommitLogEntry = {
        groupId: g.id,
        memberId: member.memberId,
        topic: o.topic,
        partition: o.partition,
        offset: o.offset,
        owned: member.owns(o),
        generation: g.generation,
      };
      this.commitLog.push(entry);
      for (const l of this.commitListeners) {
        try {
          l(entry);
        } catch (error) {
          report(error);
        }
      }
    }
  }

  count(counts: Map<string, number>, tp: TopicPartition): void {
    counts.set(key(tp), (counts.get(key(tp)) ?? 0) + 1);
  }
}

/** A group consumer: one member of its group while it runs. */
class InMemoryConsumer implements ConsumerPort {
  readonly memberId: string;
  readonly groupId: string;
  private connected = false;
  /** subscribed topics, with their `fromBeginning` */
  private readonly subscriptions = new Map<string, boolean>();
  private running = false;
  private onBatch: ((batch: FetchedBatch) => void | Promise<void>) | undefined;
  private listener: ConsumerListener | undefined;
  private assignment: readonly TopicPartition[] | undefined;
  generation: number | undefined;
  /** bumped by every assignment: a batch of an older one can no longer take */
  private epoch = 0;
  /**
   * The fetch position of each partition in this assignment: resolved at its first fetch (from the group's
   * commit, else `startAt`), then moved by `take`, as KafkaJS keeps it.
   */
  private readonly positions = new Map<string, number>();
  /** where a partition without a commit starts, fixed at assignment */
  private readonly startAt = new Map<string, number>();
  private readonly paused = new Set<string>();
  private cursor = 0;
  /** cancels the next fetch step, when one is scheduled */
  private timer: (() => void) | undefined;
  private busy: Promise<unknown> | undefined;
  private joined: (() => void) | undefined;

  constructor(
    private readonly broker: Broker,
    settings: ConsumerSettings,
  ) {
    this.groupId = settings.groupId;
    this.memberId = broker.nextMemberId(settings.groupId);
  }

  get topics(): string[] {
    return [...this.subscriptions.keys()];
  }

  info(): GroupMember {
    return {
      memberId: this.memberId,
      topics: this.topics,
      assignment: [...(this.assignment ?? [])],
      generation: this.generation,
    };
  }

  owns(tp: TopicPartition): boolean {
    return (this.assignment ?? []).some((a) => a.topic === tp.topic && a.partition === tp.partition);
  }

  connect(): Promise<void> {
    this.connected = true;
    return Promise.resolve();
  }

  subscribe(topics: readonly string[], fromBeginning: boolean): Promise<void> {
    if (!this.connected) return Promise.reject(new Error('InMemoryKafka: subscribe before connect'));
    if (this.running) return Promise.reject(new Error('InMemoryKafka: subscribe while the consumer runs'));
    for (const t of topics) {
      if (!this.broker.topics.has(t)) {
        return Promise.reject(
          new Error(`InMemoryKafka: topic ${t} does not exist (this server does not host it)`),
        );
      }
    }
    for (const t of topics) this.subscriptions.set(t, fromBeginning);
    return Promise.resolve();
  }

  /** Joins the group and starts fetching; resolves once the first assignment is made (as KafkaJS's `run` does). */
  run(onBatch: (batch: FetchedBatch) => void | Promise<void>, listener: ConsumerListener): Promise<void> {
    if (!this.connected) return Promise.reject(new Error('InMemoryKafka: run before connect'));
    if (this.running) return Promise.reject(new Error('InMemoryKafka: the consumer runs already'));
    if (this.subscriptions.size === 0)
      return Promise.reject(new Error('InMemoryKafka: run before subscribe'));
    this.running = true;
    this.onBatch = onBatch;
    this.listener = listener;
    const joined = new Promise<void>((resolve) => {
      this.joined = resolve;
    });
    this.broker.join(this);
    return joined;
  }

  pause(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) {
      if (this.paused.has(key(tp))) continue;
      this.paused.add(key(tp));
      this.broker.count(this.broker.pauses, tp);
    }
  }

  resume(partitions: readonly TopicPartition[]): void {
    for (const tp of partitions) {
      if (!this.paused.delete(key(tp))) continue;
      this.broker.count(this.broker.resumes, tp);
      this.schedule(0);
    }
  }

  commit(offsets: readonly OffsetToCommit[]): Promise<void> {
    return this.broker.commit(this, offsets);
  }

  /** Stops fetching, waits for the batch being handed over, and leaves the group. */
  async disconnect(): Promise<void> {
    const wasRunning = this.running;
    this.running = false;
    this.connected = false;
    this.timer?.();
    this.timer = undefined;
    await this.idle();
    if (wasRunning) this.broker.leave(this);
    this.assignment = undefined;
    this.generation = undefined;
    this.epoch++;
    this.joined?.();
    this.joined = undefined;
  }

  /** Resolves once no batch is being handed over. */
  idle(): Promise<void> {
    return (this.busy ?? Promise.resolve()).then(
      () => undefined,
      () => undefined,
    );
  }

  /* ---- called by the broker ---- */

  tellRebalancing(): void {
    if (!this.running) return;
    try {
      this.listener?.rebalancing();
    } catch (error) {
      report(error);
    }
  }

  assign(assignment: readonly TopicPartition[], generation: number): void {
    this.assignment = assignment;
    this.generation = generation;
    this.epoch++;
    this.positions.clear();
    this.startAt.clear();
    this.cursor = 0;
    for (const tp of assignment) {
      this.startAt.set(
        key(tp),
        this.subscriptions.get(tp.topic) === true ? 0 : this.broker.partition(tp).length,
      );
    }
  }

  tellAssigned(): void {
    if (!this.running) return;
    try {
      this.listener?.assigned(this.assignment ?? []);
    } catch (error) {
      report(error);
    }
    this.joined?.();
    this.joined = undefined;
    this.schedule(0);
  }

  /**
   * A batch's heartbeat: rejects, as the broker's answer would, once the group is rebalancing or has moved past
   * the batch's assignment, or the member stopped; the handler should then return so that the rebalance can go on.
   */
  private heartbeat(epoch: number): Promise<void> {
    const g = this.broker.group(this.groupId);
    if (!this.running || !g.members.includes(this)) {
      return Promise.reject(
        protocolError('UNKNOWN_MEMBER_ID', `${this.memberId} is not a member of ${g.id}`),
      );
    }
    if (g.rebalancing || epoch !== this.epoch || this.generation !== g.generation) {
      return Promise.reject(protocolError('REBALANCE_IN_PROGRESS', `group ${g.id} is rebalancing`));
    }
    return Promise.resolve();
  }

  /* ---- the fetch loop ---- */

  private schedule(ms: number): void {
    if (!this.running || this.timer !== undefined || this.busy !== undefined) return;
    const run = (): void => {
      this.timer = undefined;
      void this.step();
    };
    if (ms > 0) {
      const t = setTimeout(run, ms);
      this.timer = () => clearTimeout(t);
    } else {
      const t = setImmediate(run);
      this.timer = () => clearImmediate(t);
    }
  }

  /**
   * The fetch position of a partition: after what was taken in this assignment, else the group's commit as it was
   * at the partition's first fetch in this assignment, else where it started.
   */
  private position(tp: TopicPartition): number {
    const k = key(tp);
    let at = this.positions.get(k);
    if (at === undefined) {
      const committed = this.broker.group(this.groupId).committed.get(k);
      at = committed !== undefined && Number(committed) >= 0 ? Number(committed) : (this.startAt.get(k) ?? 0);
      this.positions.set(k, at);
    }
    return at;
  }

  private async step(): Promise<void> {
    const assignment = this.assignment;
    if (!this.running || assignment === undefined) return;
    if (this.broker.group(this.groupId).rebalancing) return this.schedule(this.broker.idleFetchMs);
    let found: { tp: TopicPartition; records: FetchedRecord[] } | undefined;
    for (let i = 0; i < assignment.length && found === undefined; i++) {
      const tp = assignment[(this.cursor + i) % assignment.length]!;
      if (this.paused.has(key(tp))) continue;
      const log = this.broker.partition(tp);
      const from = this.position(tp);
      if (from < log.length) {
        found = { tp, records: log.slice(from, from + this.broker.maxBatch) };
        this.cursor = (this.cursor + i + 1) % assignment.length;
      }
    }
    if (found === undefined) return this.schedule(this.broker.idleFetchMs);

    const { tp, records } = found;
    const epoch = this.epoch;
    const first = Number(records[0]!.offset);
    const batch: FetchedBatch = {
      topic: tp.topic,
      partition: tp.partition,
      records: records.map((r) => ({ ...r })),
      take: (offset: string) => {
        const i = Number(offset) - first;
        if (!(i >= 0 && i < records.length) || records[i]!.offset !== offset) {
          throw new RangeError(`InMemoryKafka: take(${offset}) names no record of this batch of ${key(tp)}`);
        }
        if (epoch === this.epoch && this.running) this.positions.set(key(tp), Number(offset) + 1);
      },
      heartbeat: () => this.heartbeat(epoch),
    };
    try {
      const handed = this.onBatch!(batch);
      if (handed !== undefined && typeof (handed as { then?: unknown }).then === 'function') {
        this.busy = handed;
        await handed;
      }
    } catch (error) {
      this.busy = undefined;
      return this.crash(error);
    }
    this.busy = undefined;
    this.schedule(0);
  }

  /** A batch handler that throws stops the consumer for good: it leaves the group and tells its listener. */
  private crash(error: unknown): void {
    if (!this.running) return;
    const listener = this.listener;
    void this.disconnect().then(() => {
      try {
        listener?.crashed(error);
      } catch (e) {
        report(e);
      }
    });
  }
}

class InMemoryProducer implements ProducerPort {
  private connected = false;

  constructor(private readonly broker: Broker) {}

  connect(): Promise<void> {
    this.connected = true;
    return Promise.resolve();
  }

  async send(topic: string, messages: readonly ProducerMessage[]): Promise<readonly RecordAck[]> {
    this.broker.sends++;
    if (!this.connected) throw new Error('InMemoryKafka: the producer is disconnected');
    if (this.broker.sendDelayMs > 0) await sleep(this.broker.sendDelayMs);
    else await Promise.resolve();
    if (this.broker.sendFailure !== undefined) throw this.broker.sendFailure.error;
    return this.broker.append(topic, messages);
  }

  disconnect(): Promise<void> {
    this.connected = false;
    return Promise.resolve();
  }
}

class InMemoryAdmin implements AdminPort {
  private connected = false;

  constructor(private readonly broker: Broker) {}

  connect(): Promise<void> {
    this.connected = true;
    return Promise.resolve();
  }

  private check(): void {
    if (!this.connected) throw new Error('InMemoryKafka: the admin client is not connected');
  }

  async createTopics(topics: readonly TopicSpec[]): Promise<boolean> {
    this.check();
    let created = false;
    for (const t of topics) created = this.broker.createTopic(t.topic, t.partitions) || created;
    return created;
  }

  async committedOffsets(groupId: string, topic: string): Promise<ReadonlyMap<number, string>> {
    this.check();
    return committedOf(this.broker, groupId, topic);
  }

  async endOffsets(topic: string): Promise<ReadonlyMap<number, string>> {
    this.check();
    return endsOf(this.broker, topic);
  }

  disconnect(): Promise<void> {
    this.connected = false;
    return Promise.resolve();
  }
}

const committedOf = (broker: Broker, groupId: string, topic: string): Map<number, string> => {
  const committed = broker.groups.get(groupId)?.committed;
  return new Map(
    broker
      .topic(topic)
      .partitions.map((_, partition) => [partition, committed?.get(key({ topic, partition })) ?? '-1']),
  );
};

const endsOf = (broker: Broker, topic: string): Map<number, string> =>
  new Map(broker.topic(topic).partitions.map((log, partition) => [partition, String(log.length)]));

/**
 * A Kafka broker in memory: topics, consumer groups and their committed offsets, implementing the Kafka port
 * (`KafkaClient`), so that `kafkaStream` and the producer sinks run on it as they do on KafkaJS.
 *
 * - **Topics**: `createTopic(name, partitions)`; records get offsets 0, 1, 2… per partition. A message goes to its
 *   `partition`, else to the partition of its key's murmur2 hash (as KafkaJS's default partitioner), else round
 *   robin. Keys, values and header values are stored as Buffers; a record without a timestamp gets the clock's.
 * - **Groups**: a consumer joins its group when it runs and leaves when it disconnects; every join and leave is a
 *   rebalance. The members that own partitions are told (`rebalancing`) and may still commit; then, once their
 *   current batches are done, the group's generation goes up and every partition of the subscribed topics is dealt
 *   out round robin over the members in join order; each member hears `assigned` (also with an empty assignment).
 * - **Fetching**: each running member hands its assigned, unpaused partitions' records to its batch handler, one
 *   partition at a time, at most `maxBatch` records per batch, on timers. A partition is read from after the last
 *   record taken in the current assignment, else from the group's committed offset (as it was at the partition's
 *   first fetch in the assignment), else from its first record (`fromBeginning`) or from its end at assignment
 *   time. A new assignment forgets what was taken, as KafkaJS does: it reads again from the last commit. Records
 *   not taken are handed over again. A batch's `heartbeat` rejects (`REBALANCE_IN_PROGRESS`) once its group is
 *   rebalancing, so that a handler waiting inside a batch returns.
 * - **Commits**: refused with `CommitRefused` when the member's generation is no longer the group's (or it left);
 *   otherwise stored and logged in {@link commitLog}, with whether the member owned the partition. As on a real
 *   broker, a member of the current generation may commit a partition it does not own: `owned` shows it.
 *
 * Not modelled: session timeouts and member eviction, fetch sizes in bytes (`maxBatch` counts records),
 * replication, transactions, compaction, retention, producer retries. A batch handler that throws crashes its
 * consumer (it leaves the group and its listener hears `crashed`); a batch handler whose Promise never settles
 * holds up its group's rebalances for good (KafkaJS would drop the member after its rebalance timeout).
 *
 * @example
 * const kafka = new InMemoryKafka()
 * kafka.createTopic('orders', 3)
 * kafka.produce('orders', [{ key: 'a', value: '{"id":1}' }])
 * const stats = new KafkaStreamStats()
 * await runDrain(kafkaStream({ client: kafka, groupId: 'g', topics: ['orders'], fromBeginning: true, stats }).pipe(take(1)))()
 * kafka.committed('g', 'orders') // Map { 0 => '-1', 1 => '1', 2 => '-1' } (the partition of key 'a' at 1)
 *
 * @category testing
 * @since 0.2.0
 */
export class InMemoryKafka implements KafkaClient {
  private readonly broker: Broker;

  constructor(options: InMemoryKafkaOptions = {}) {
    this.broker = new Broker(options);
  }

  /* ---- the port ---- */

  /** A group consumer (a new member of `settings.groupId` once it runs). */
  consumer(settings: ConsumerSettings): ConsumerPort {
    return new InMemoryConsumer(this.broker, settings);
  }

  /** A producer; it must be connected before it sends. */
  producer(_settings?: ProducerSettings): ProducerPort {
    return new InMemoryProducer(this.broker);
  }

  /** An admin client; it must be connected before use. */
  admin(): AdminPort {
    return new InMemoryAdmin(this.broker);
  }

  /* ---- topics and records ---- */

  /** Creates a topic with `partitions` partitions; false (and nothing changes) when it exists already. */
  createTopic(name: string, partitions: number): boolean {
    return this.broker.createTopic(name, partitions);
  }

  /** Writes messages at once (no delay, no failure hook), all or none; the acknowledgement of each partition. */
  produce(topic: string, messages: readonly ProducerMessage[]): RecordAck[] {
    return this.broker.append(topic, messages);
  }

  /** Every record of `topic`, partition by partition, in offset order. */
  records(topic: string): FetchedRecord[] {
    return this.broker.topic(topic).partitions.flat();
  }

  /** The end offset (the offset the next record will get) of each partition of `topic`. */
  endOffsets(topic: string): Map<number, string> {
    return endsOf(this.broker, topic);
  }

  /* ---- groups and commits ---- */

  /** The committed offset of each partition of `topic` for `groupId` (`'-1'` where nothing is committed). */
  committed(groupId: string, topic: string): Map<number, string> {
    return committedOf(this.broker, groupId, topic);
  }

  /** Every offset a group accepted, in the order they arrived. */
  get commitLog(): readonly CommitLogEntry[] {
    return this.broker.commitLog;
  }

  /**
   * Calls `listener` with each offset a group accepts, as it is stored: to check, at that moment, what the
   * pipeline had finished. A listener that throws does not undo the commit (the error is rethrown on its own, so
   * collect failures and assert after the run instead). Returns a function that stops it.
   */
  onCommit(listener: (entry: CommitLogEntry) => void): () => void {
    this.broker.commitListeners.add(listener);
    return () => {
      this.broker.commitListeners.delete(listener);
    };
  }

  /** The members of `groupId` now, in join order. */
  members(groupId: string): GroupMember[] {
    return (this.broker.groups.get(groupId)?.members ?? []).map((m) => m.info());
  }

  /** The generation of `groupId`: how many rebalances completed (0 before the first). */
  generation(groupId: string): number {
    return this.broker.groups.get(groupId)?.generation ?? 0;
  }

  /**
   * Rebalances `groupId` now, as a member joining or leaving elsewhere would: the members keep their partitions,
   * but in a new generation, and read again from the last commit.
   */
  rebalance(groupId: string): void {
    const g = this.broker.groups.get(groupId);
    if (g !== undefined && g.members.length > 0) this.broker.rebalance(g);
  }

  /**
   * Makes every commit fail with `error` from now on (not a rebalance: the consumer sees `error` itself); without
   * an argument, commits succeed again.
   */
  failCommits(error?: unknown): void {
    this.broker.commitFailure = error === undefined ? undefined : { error };
  }

  /** Commits refused because the member's generation was stale or it had left. */
  get commitsRefused(): number {
    return this.broker.commitsRefused;
  }

  /* ---- producers ---- */

  /** Makes every producer send fail with `error` (after its delay) from now on; without an argument, sends succeed. */
  failSends(error?: unknown): void {
    this.broker.sendFailure = error === undefined ? undefined : { error };
  }

  /** How long a send takes before it is written and acknowledged (milliseconds). */
  get sendDelayMs(): number {
    return this.broker.sendDelayMs;
  }

  set sendDelayMs(ms: number) {
    this.broker.sendDelayMs = ms;
  }

  /** How long a commit takes to reach its group (milliseconds). */
  get commitDelayMs(): number {
    return this.broker.commitDelayMs;
  }

  set commitDelayMs(ms: number) {
    this.broker.commitDelayMs = ms;
  }

  /** Producer sends asked for (failed ones included). */
  get sends(): number {
    return this.broker.sends;
  }

  /* ---- pause and resume ---- */

  /** Times each partition went from fetching to paused, as `topic/partition` → count (over all consumers). */
  get pauses(): ReadonlyMap<string, number> {
    return this.broker.pauses;
  }

  /** Times each paused partition was resumed, as `topic/partition` → count (over all consumers). */
  get resumes(): ReadonlyMap<string, number> {
    return this.broker.resumes;
  }
}
