/**
 * The offset ledger: which offsets of each partition are finished, and what may be committed.
 *
 * A source records every offset it emits ({@link OffsetLedger.track}) in the order it emits them; a resolved
 * ticket marks its offset done ({@link OffsetLedger.resolve}). The committable position of a partition is the
 * end of the *contiguous* run of done offsets from the start, so a record finished early (by an unordered
 * stage) never lets the commit skip a record still in flight. Offsets need not be consecutive (compaction and
 * transaction markers leave gaps): contiguity is over the offsets actually emitted.
 *
 * Every partition has a generation, bumped on each assignment. Offsets are tracked and resolved with the
 * generation they were emitted under; a resolution that names an old generation is ignored, so a record from
 * before a rebalance can never commit into a later assignment.
 *
 * Pure bookkeeping: no I/O, no timers.
 *
 * @since 0.1.0
 */

/**
 * @category model
 * @since 0.1.0
 */
export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/**
 * An offset ready to commit: Kafka's convention, the offset of the *next* record to read.
 *
 * @category model
 * @since 0.1.0
 */
export interface CommittableOffset extends TopicPartition {
  readonly offset: string;
  readonly generation: number;
}

/**
 * Thrown when a source tracks offsets out of order or resolves one it never tracked: a bug in the caller.
 *
 * @category errors
 * @since 0.1.0
 */
export class LedgerError extends Error {
  readonly _tag = 'LedgerError';
  constructor(
    message: string,
    readonly topic: string,
    readonly partition: number,
    readonly offset: string,
  ) {
    super(`${message} (topic ${topic}, partition ${partition}, offset ${offset})`);
    this.name = 'LedgerError';
  }
}

/** An offset tracked and not yet resolved. */
interface Open {
  /** the offset tracked just before this one (resolved, once this is the first open one), if any */
  readonly previous: bigint | undefined;
  /** how many offsets were tracked before this one */
  readonly seq: number;
}

class PartitionLedger {
  /**
   * The open offsets only, in tracking order (so the first is the smallest): memory follows what is in flight,
   * not how far the resolved offsets have run ahead of a slow one.
   */
  private readonly openOffsets = new Map<bigint, Open>();
  private tracked = 0;
  private lastTracked: bigint | undefined;
  /** where this generation started reading, when the source said so before tracking anything */
  private startAt: bigint | undefined;
  private committed: bigint | undefined;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly generation: number,
  ) {}

  track(offset: bigint): void {
    if (this.lastTracked !== undefined && offset <= this.lastTracked) {
      throw new LedgerError(
        `offset tracked out of order: ${offset} after ${this.lastTracked}`,
        this.topic,
        this.partition,
        offset.toString(),
      );
    }
    // the start names where reading began: never a position past the first offset actually tracked
    if (this.tracked === 0 && this.startAt !== undefined && offset < this.startAt) this.startAt = offset;
    this.openOffsets.set(offset, { previous: this.lastTracked, seq: this.tracked });
    this.lastTracked = offset;
    this.tracked++;
  }

  resolve(offset: bigint): void {
    if (!this.openOffsets.delete(offset)) {
      throw new LedgerError(
        'offset is not open: resolved already, or never tracked',
        this.topic,
        this.partition,
        offset.toString(),
      );
    }
  }

  start(offset: bigint): void {
    if (this.tracked === 0 && this.startAt === undefined) this.startAt = offset;
  }

  /** the first open offset and what is known of it, or undefined when nothing is open */
  private firstOpen(): [bigint, Open] | undefined {
    const first = this.openOffsets.entries().next();
    return first.done === true ? undefined : first.value;
  }

  /**
   * The end of the contiguous run of resolved offsets: the offset after the last resolved one before the first
   * open one (every tracked offset, when none is open); the start, when nothing was resolved yet.
   */
  private position(): bigint | undefined {
    const first = this.firstOpen();
    if (first === undefined) return this.lastTracked === undefined ? this.startAt : this.lastTracked + 1n;
    const previous = first[1].previous;
    return previous === undefined ? this.startAt : previous + 1n;
  }

  /** the offset to commit, if it moved past what was last committed */
  pendingCommit(): bigint | undefined {
    const position = this.position();
    if (position === undefined) return undefined;
    if (this.committed !== undefined && position <= this.committed) return undefined;
    return position;
  }

  markCommitted(offset: bigint): void {
    if (this.committed === undefined || offset > this.committed) this.committed = offset;
  }

  /** offsets tracked from the first open one on (open or resolved ahead of it) */
  get open(): number {
    const first = this.firstOpen();
    return first === undefined ? 0 : this.tracked - first[1].seq;
  }
}

const key = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/**
 * @category model
 * @since 0.1.0
 */
export class OffsetLedger {
  private readonly partitions = new Map<string, PartitionLedger>();
  private readonly generations = new Map<string, number>();

  /**
   * Starts a new generation for a partition (on assignment) and forgets what the previous one tracked.
   * Returns the new generation.
   */
  assign(tp: TopicPartition): number {
    const k = key(tp.topic, tp.partition);
    const generation = (this.generations.get(k) ?? 0) + 1;
    this.generations.set(k, generation);
    this.partitions.set(k, new PartitionLedger(tp.topic, tp.partition, generation));
    return generation;
  }

  /**
   * Forgets a partition (on revocation). Returns what was still to commit for it, so the caller can commit it
   * before the partition is given up. Resolutions that arrive later for that generation are ignored.
   */
  revoke(tp: TopicPartition): CommittableOffset | undefined {
    const k = key(tp.topic, tp.partition);
    const ledger = this.partitions.get(k);
    if (ledger === undefined) return undefined;
    this.partitions.delete(k);
    const offset = ledger.pendingCommit();
    return offset === undefined
      ? undefined
      : {
          topic: tp.topic,
          partition: tp.partition,
          offset: offset.toString(),
          generation: ledger.generation,
        };
  }

  /** The current generation of a partition, or undefined when it is not assigned. */
  generation(tp: TopicPartition): number | undefined {
    return this.partitions.get(key(tp.topic, tp.partition))?.generation;
  }

  /**
   * Records that `offset` was emitted under `generation`. Returns false (and records nothing) when that
   * generation is no longer current.
   */
  track(tp: TopicPartition, offset: bigint | string, generation: number): boolean {
    const ledger = this.partitions.get(key(tp.topic, tp.partition));
    if (ledger === undefined || ledger.generation !== generation) return false;
    ledger.track(BigInt(offset));
    return true;
  }

  /**
   * Records where a generation's first fetch of a partition starts (nothing before it will be read under it), so
   * that the position is committed even before a record is finished. False when the generation is stale.
   */
  start(tp: TopicPartition, offset: bigint | string, generation: number): boolean {
    const ledger = this.partitions.get(key(tp.topic, tp.partition));
    if (ledger === undefined || ledger.generation !== generation) return false;
    ledger.start(BigInt(offset));
    return true;
  }

  /**
   * Marks `offset` finished. Returns false when the generation is stale (the partition was revoked or
   * reassigned since): the resolution is ignored and can never move a commit.
   */
  resolve(tp: TopicPartition, offset: bigint | string, generation: number): boolean {
    const ledger = this.partitions.get(key(tp.topic, tp.partition));
    if (ledger === undefined || ledger.generation !== generation) return false;
    ledger.resolve(BigInt(offset));
    return true;
  }

  /** The offsets that moved since they were last marked committed, one per partition. */
  committable(): CommittableOffset[] {
    const out: CommittableOffset[] = [];
    for (const ledger of this.partitions.values()) {
      const offset = ledger.pendingCommit();
      if (offset !== undefined) {
        out.push({
          topic: ledger.topic,
          partition: ledger.partition,
          offset: offset.toString(),
          generation: ledger.generation,
        });
      }
    }
    return out;
  }

  /**
   * Records a successful commit. Ignored (returns false) when the generation is stale, so a late commit
   * acknowledgement of a revoked assignment cannot confuse the new one.
   */
  markCommitted(offset: CommittableOffset): boolean {
    const ledger = this.partitions.get(key(offset.topic, offset.partition));
    if (ledger === undefined || ledger.generation !== offset.generation) return false;
    ledger.markCommitted(BigInt(offset.offset));
    return true;
  }

  /** Offsets tracked and not yet passed by the committable position, for a partition. */
  open(tp: TopicPartition): number {
    return this.partitions.get(key(tp.topic, tp.partition))?.open ?? 0;
  }
}
