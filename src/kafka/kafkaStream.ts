/**
 * `kafkaStream`: a consumer group as a tracked stream, with credit per partition and commits of finished records
 * only.
 *
 * See `docs/design/kafka-consumer.md` for the design: how credit maps onto pause/resume, how offsets become
 * committable, and what happens on a rebalance (KafkaJS has no "partitions revoked" callback).
 *
 * @since 0.2.0
 */
import { Subscriber } from 'rxjs';
import { CreditLimits, CreditPool, CreditStats } from '../backpressure/CreditPool.js';
import { OffsetLedger, TopicPartition } from '../backpressure/OffsetLedger.js';
import { Ticket } from '../backpressure/Ticket.js';
import { StreamContext } from '../stream/context.js';
import { watchOverdue } from '../sources/internal.js';
import { make } from '../stream/operate.js';
import { Stream, Tracked } from '../stream/Stream.js';
import { CommitRefused, KafkaCommitError, KafkaConsumerError } from './errors.js';
import type {
  ConsumerPort,
  ConsumerSettings,
  FetchedBatch,
  FetchedRecord,
  KafkaClient,
  KafkaRecord,
  OffsetToCommit,
} from './port.js';

/**
 * The credit of a Kafka source: how much it may have in flight (read and not yet finished).
 *
 * @category model
 * @since 0.2.0
 */
export interface KafkaCredit {
  /** records in flight over all partitions (default 1024) */
  readonly records?: number;
  /** bytes of keys and values in flight over all partitions (default 64 MiB) */
  readonly bytes?: number;
  /** limits for each partition (default: the totals) */
  readonly perPartition?: { readonly records?: number; readonly bytes?: number };
}

/**
 * When offsets are committed.
 *
 * @category model
 * @since 0.2.0
 */
export interface KafkaCommitPolicy {
  /** commit once this many records were finished since the last commit (default 1000) */
  readonly everyRecords?: number;
  /** and at least this often while something is finished and not committed (milliseconds, default 1000) */
  readonly everyMs?: number;
}

/**
 * Options of {@link kafkaStream}.
 *
 * @category model
 * @since 0.2.0
 */
export interface KafkaStreamOptions {
  readonly client: KafkaClient;
  readonly groupId: string;
  readonly topics: readonly string[];
  /**
   * Where a partition without a committed offset starts: from its first record (`true`) or from its end
   * (`false`, the default, as Kafka's own clients do). With `false`, a rebalance before a partition's start was
   * committed starts it from its end again, skipping what was produced meanwhile (docs/design/kafka-consumer.md,
   * limits): start a group whose every record counts with `true`.
   */
  readonly fromBeginning?: boolean;
  readonly credit?: KafkaCredit;
  readonly commit?: KafkaCommitPolicy;
  /**
   * Graceful shutdown: when this signal aborts, the source stops fetching and completes; the records in flight
   * finish their way through the pipeline, what finished within `drainTimeoutMs` (default 10 s) is committed, and
   * the consumer leaves its group (a record finished later is read again by the next owner). Unsubscribing
   * instead stops at once: the pipeline is torn down, what finished so far is committed, and the records still in
   * flight are read again by the next owner of their partition.
   */
  readonly shutdown?: {
    readonly signal?: AbortSignal;
    readonly drainTimeoutMs?: number;
    /**
     * Stop as on the signal once the consumer has caught up: no record was read for this long (milliseconds) while
     * nothing was held back by credit and the group was not rebalancing. For jobs that read what a topic holds
     * and end (the guide's "poll until empty"); counted from the first assignment, so joining the group is not
     * idleness. A producer that pauses longer than this ends the stream too: leave it unset for a service.
     */
    readonly afterIdleMs?: number;
  };
  /**
   * The consumer's group settings (session timeout, heartbeat interval, fetch sizes). `maxWaitTimeMs` defaults to
   * 100 ms here: it is also how long the client sleeps while every partition is paused, so it bounds how soon a
   * resumed partition is fetched again.
   */
  readonly consumer?: Omit<ConsumerSettings, 'groupId'>;
  /** counters to watch */
  readonly stats?: KafkaStreamStats;
  /**
   * Reports records unresolved for longer than `afterMs` milliseconds, with their topic, partition and offset (a
   * record lost outside strom-rx's operators holds its partition's commits back: this says which).
   */
  readonly overdue?: { readonly afterMs: number; readonly report: (tickets: readonly Ticket[]) => void };
}

/**
 * A Kafka source's counters.
 *
 * @category model
 * @since 0.2.0
 */
export class KafkaStreamStats {
  /** the credit of all partitions together: records and bytes in flight, and their peaks */
  readonly credit = new CreditStats();
  /** partitions assigned now */
  assigned = 0;
  /** partitions paused now because their credit (or the total) is spent */
  paused = 0;
  /** the most partitions paused at once */
  maxPaused = 0;
  /** times a partition was paused */
  pauses = 0;
  /** times a paused partition was resumed */
  resumes = 0;
  /** records fetched and kept for later because their partition's credit was spent (the partition is paused) */
  held = 0;
  /** times a batch waited for the total credit (every partition was held back; none was paused for it) */
  waits = 0;
  /** successful commits */
  commits = 0;
  /** commits the broker refused because the group was rebalancing */
  commitsRefused = 0;
  /** assignments received (the first one included) */
  assignments = 0;
  /** records resolved after their partition's assignment ended (never committed) */
  staleResolutions = 0;
  /** the last committed offset of each partition, as `topic/partition` → offset */
  readonly committed = new Map<string, string>();
}

/** @internal */
export const DEFAULT_KAFKA_CREDIT = { records: 1024, bytes: 64 * 1024 * 1024 } as const;

const DEFAULT_COMMIT_EVERY_RECORDS = 1000;
const DEFAULT_COMMIT_EVERY_MS = 1000;
const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
/**
 * How long a fetch waits for data, and how long KafkaJS sleeps when every partition is paused: a resumed
 * partition waits up to this before its next fetch, so it is kept short (KafkaJS's own default is 5 s).
 */
const DEFAULT_MAX_WAIT_MS = 100;
/** how often a batch waiting for credit heartbeats and looks again */
const WAIT_HEARTBEAT_MS = 500;

const key = (tp: TopicPartition): string => `${tp.topic}/${tp.partition}`;

const recordBytes = (r: FetchedRecord): number => (r.value?.length ?? 0) + (r.key?.length ?? 0);

const positive = (value: number | undefined, fallback: number, what: string): number => {
  const v = value ?? fallback;
  if (!(v > 0) || !Number.isFinite(v))
    throw new RangeError(`kafkaStream: ${what} must be positive, got ${v}`);
  return v;
};

const wholePositive = (value: number | undefined, fallback: number, what: string): number => {
  const v = positive(value, fallback, what);
  if (!Number.isInteger(v)) throw new RangeError(`kafkaStream: ${what} must be a whole number, got ${v}`);
  return v;
};

/** One assigned partition, for one generation. */
interface PartitionState {
  readonly tp: TopicPartition;
  readonly generation: number;
  readonly pool: CreditPool;
  /** the offset after the last record taken; records below it in a later batch were emitted already */
  next: bigint | undefined;
  paused: boolean;
  /** records fetched and not yet emitted (the rest of a batch, kept while the partition's credit is spent) */
  held: readonly FetchedRecord[];
  heldAt: number;
}

const NOTHING_HELD: readonly FetchedRecord[] = [];

/**
 * Subscribes to `topics` in the consumer group `groupId` and emits each record with a ticket. Every subscription
 * makes its own consumer (a member of the group) and disconnects it when it ends.
 *
 * - **Commits**: manual only. A record's offset becomes committable when its ticket is resolved (the record
 *   reached the sink and the sink succeeded, or an operator dropped it on purpose); a partition's commit is the
 *   end of its contiguous run of resolved offsets, so a record finished early never lets the commit skip one still
 *   in flight. Commits go out every `commit.everyRecords` finished records or `commit.everyMs` milliseconds,
 *   whichever comes first, and once more when the stream ends.
 * - **Credit**: at most `credit.records` records and `credit.bytes` bytes in flight in total, and
 *   `credit.perPartition` for each partition. A partition whose credit is spent is paused (alone) and the rest of
 *   the batch it was fetched in is held, to be handed out as its credit returns; it resumes once that is done.
 *   When the total is spent, the batch being handed out waits for credit (heartbeating, so the consumer keeps its
 *   place in the group) rather than pausing every partition. Memory is bounded by the credit plus at most one
 *   fetched batch per partition (`consumer.maxBytesPerPartition`).
 * - **Rebalances**: every assignment starts a new generation for each partition; records resolved under an old
 *   generation are never committed. When the group starts to rebalance, what is finished is committed at once.
 * - **Shutdown**: aborting `shutdown.signal` stops reading and lets what is in flight finish before the last commit;
 *   `shutdown.afterIdleMs` does the same once the consumer has caught up (for jobs that read a topic and end).
 * - **Errors**: `KafkaConsumerError` when the consumer cannot connect, subscribe or run; `KafkaCommitError` when a
 *   commit fails for another reason than a rebalance. A pipeline that fails stops without committing past the
 *   record that failed: that record's ticket is never resolved.
 *
 * @category sources
 * @since 0.2.0
 */
export const kafkaStream = (
  options: KafkaStreamOptions,
): Stream<KafkaRecord, KafkaConsumerError | KafkaCommitError> => {
  const totalRecords = wholePositive(options.credit?.records, DEFAULT_KAFKA_CREDIT.records, 'credit.records');
  const totalBytes = positive(options.credit?.bytes, DEFAULT_KAFKA_CREDIT.bytes, 'credit.bytes');
  const partRecords = wholePositive(
    options.credit?.perPartition?.records,
    totalRecords,
    'credit.perPartition.records',
  );
  const partBytes = positive(options.credit?.perPartition?.bytes, totalBytes, 'credit.perPartition.bytes');
  const everyRecords = wholePositive(
    options.commit?.everyRecords,
    DEFAULT_COMMIT_EVERY_RECORDS,
    'commit.everyRecords',
  );
  const everyMs = positive(options.commit?.everyMs, DEFAULT_COMMIT_EVERY_MS, 'commit.everyMs');
  const drainTimeoutMs = positive(
    options.shutdown?.drainTimeoutMs,
    DEFAULT_DRAIN_TIMEOUT_MS,
    'drainTimeoutMs',
  );
  const afterIdleMs =
    options.shutdown?.afterIdleMs === undefined
      ? undefined
      : positive(options.shutdown.afterIdleMs, 0, 'shutdown.afterIdleMs');
  if (options.topics.length === 0) throw new RangeError('kafkaStream: topics must name at least one topic');
  const { groupId } = options;

  return make<KafkaRecord, KafkaConsumerError | KafkaCommitError, unknown>(
    (out: Subscriber<Tracked<KafkaRecord>>, ctx: StreamContext) => {
      const stats = options.stats ?? new KafkaStreamStats();
      // raised to what the stages below must hold at once, and that many let through whatever their bytes
      const limits = (records: number, bytes: number): CreditLimits => ({
        records: Math.max(records, ctx.demand),
        bytes,
        minRecords: Math.max(1, ctx.demand),
      });
      const total = new CreditPool(limits(totalRecords, totalBytes), {
        stats: stats.credit,
        overdueAfterMs: options.overdue?.afterMs,
      });
      const ledger = new OffsetLedger();
      const partitions = new Map<string, PartitionState>();
      const pools = new Map<string, CreditPool>();
      const consumer: ConsumerPort = options.client.consumer({
        maxWaitTimeMs: DEFAULT_MAX_WAIT_MS,
        ...options.consumer,
        groupId,
      });
      /** set when the stream stops taking records: shutdown asked, or torn down */
      let stopping = false;
      let closed = false;
      /** set on a graceful stop until the records in flight are finished or the drain time is over */
      let draining = false;
      let finishedSinceCommit = 0;
      /** when a record was last read (or the group last settled), for `shutdown.afterIdleMs` */
      let lastRead = Date.now();
      let rebalancing = false;
      /** a commit that failed after the stream was torn down: the last release reports it */
      let lateCommitError: KafkaCommitError | undefined;

      const fail = (error: KafkaConsumerError | KafkaCommitError): void => {
        if (!closed && !out.closed) out.error(error);
      };

      const setPaused = (st: PartitionState, paused: boolean): void => {
        if (st.paused === paused) return;
        st.paused = paused;
        if (paused) {
          consumer.pause([st.tp]);
          stats.pauses++;
          stats.paused++;
          if (stats.paused > stats.maxPaused) stats.maxPaused = stats.paused;
        } else {
          consumer.resume([st.tp]);
          stats.resumes++;
          stats.paused--;
        }
      };

      /** partitions paused or holding records, that credit coming back may let go on */
      const waiting = new Set<PartitionState>();
      /** checks of batches waiting for the total's credit, woken when the stream stops */
      const wakers = new Set<() => void>();

      /* ---- commits ---- */
      let committing: Promise<void> | undefined;
      let commitAgain = false;
      const commitNow = (): Promise<void> => {
        if (committing !== undefined) {
          commitAgain = true;
          return committing;
        }
        const due = ledger.committable();
        if (due.length === 0) return Promise.resolve();
        finishedSinceCommit = 0;
        const offsets: OffsetToCommit[] = due.map(({ topic, partition, offset }) => ({
          topic,
          partition,
          offset,
        }));
        const attempt = consumer.commit(offsets).then(
          () => {
            stats.commits++;
            for (const o of due) {
              if (ledger.markCommitted(o)) stats.committed.set(key(o), o.offset);
            }
          },
          (error: unknown) => {
            if (error instanceof CommitRefused) {
              stats.commitsRefused++;
              return;
            }
            const failure = new KafkaCommitError(groupId, offsets, error);
            if (closed) lateCommitError ??= failure;
            else fail(failure);
          },
        );
        committing = attempt.then(() => {
          committing = undefined;
          if (commitAgain) {
            commitAgain = false;
            return commitNow();
          }
        });
        return committing;
      };
      const timer = setInterval(() => {
        if (finishedSinceCommit > 0) void commitNow();
      }, everyMs);

      /* ---- tickets ---- */
      const issue = (st: PartitionState, r: FetchedRecord, bytes: number): Ticket => {
        const coordinates = {
          topic: r.topic,
          partition: r.partition,
          offset: r.offset,
          generation: st.generation,
        };
        const credit = st.pool.issue(bytes, coordinates);
        return new Ticket(
          () => {
            credit.resolve();
            if (ledger.resolve(st.tp, r.offset, st.generation)) {
              finishedSinceCommit++;
              if (finishedSinceCommit >= everyRecords && (!closed || draining)) void commitNow();
            } else {
              stats.staleResolutions++;
            }
          },
          bytes,
          coordinates,
          credit.issuedAt,
        );
      };

      /** Emits one record the caller holds credit for. */
      const emit = (st: PartitionState, r: FetchedRecord, bytes: number): void => {
        const ticket = issue(st, r, bytes);
        ledger.track(st.tp, r.offset, st.generation);
        st.next = BigInt(r.offset) + 1n;
        lastRead = Date.now();
        busy = true;
        try {
          out.next({ value: { ...r, generation: st.generation }, ticket });
        } finally {
          busy = false;
        }
      };

      /**
       * Whether records of this partition state may go out now: not once the stream stops, nor while the group
       * rebalances (every partition gets a new generation at the next assignment, so anything handed out
       * meanwhile could never commit and would only be read again).
       */
      const current = (st: PartitionState): boolean =>
        !stopping && !rebalancing && !out.closed && partitions.get(key(st.tp)) === st;

      /**
       * Hands out held records and resumes paused partitions as credit allows. Runs whenever credit returns; a
       * call made while a record is being emitted is done by the running loop, so emissions never nest.
       */
      let busy = false;
      let pumpAgain = false;
      const pump = (): void => {
        if (busy) {
          pumpAgain = true;
          return;
        }
        busy = true;
        try {
          do {
            pumpAgain = false;
            for (const st of waiting) {
              if (!current(st)) {
                waiting.delete(st);
                continue;
              }
              while (st.heldAt < st.held.length) {
                const r = st.held[st.heldAt]!;
                const bytes = recordBytes(r);
                if (!st.pool.canIssue(bytes) || !current(st)) break;
                st.heldAt++;
                busy = false;
                emit(st, r, bytes);
                busy = true;
              }
              if (st.heldAt < st.held.length) continue;
              st.held = NOTHING_HELD;
              st.heldAt = 0;
              if (st.pool.canIssue() && current(st)) {
                setPaused(st, false);
                waiting.delete(st);
              }
            }
          } while (pumpAgain);
        } finally {
          busy = false;
        }
      };

      /** Waits inside a batch until the total has room for `bytes`, heartbeating; false when it should give up. */
      const waitForTotal = (st: PartitionState, bytes: number, batch: FetchedBatch): Promise<boolean> =>
        new Promise<boolean>((resolve) => {
          let settled = false;
          const finish = (ok: boolean): void => {
            if (settled) return;
            settled = true;
            stop();
            clearInterval(beat);
            wakers.delete(check);
            resolve(ok);
          };
          const check = (): void => {
            if (!current(st)) finish(false);
            else if (total.canIssue(bytes)) finish(true);
          };
          const stop = total.onRelease(check);
          wakers.add(check);
          const beat = setInterval(() => {
            check();
            // a rejected heartbeat means the group is rebalancing: return, so that the client can rejoin
            batch.heartbeat?.().catch(() => finish(false));
          }, WAIT_HEARTBEAT_MS);
          check();
        });

      const onBatch = async (batch: FetchedBatch): Promise<void> => {
        const st = partitions.get(key(batch));
        if (st === undefined) return;
        // the partition still holds records of an earlier batch (a client that hands over a batch it fetched before
        // the pause): take nothing, so that the client fetches these again after what is held has gone out
        if (st.heldAt < st.held.length) return;
        const records = batch.records;
        // the first batch of this generation: commit where it starts, so that a partition without a committed
        // offset (fromBeginning false) does not start again from its end after a rebalance
        if (!(options.fromBeginning ?? false) && st.next === undefined && records.length > 0 && current(st)) {
          ledger.start(st.tp, records[0]!.offset, st.generation);
          void commitNow();
        }
        let i = 0;
        while (i < records.length) {
          if (!current(st)) return;
          const r = records[i]!;
          if (st.next !== undefined && BigInt(r.offset) < st.next) {
            i++;
            continue;
          }
          const bytes = recordBytes(r);
          if (st.pool.canIssue(bytes)) {
            emit(st, r, bytes);
            batch.take(r.offset);
            i++;
            if (pumpAgain) pump();
            continue;
          }
          if (!st.pool.hasOwnRoom(bytes)) {
            // this partition's own credit is spent: keep the rest of the batch (it is in memory already), pause
            // the partition, and hand the rest out as its credit returns; other partitions go on
            st.held = records.slice(i);
            st.heldAt = 0;
            stats.held += st.held.length;
            batch.take(records[records.length - 1]!.offset);
            setPaused(st, true);
            waiting.add(st);
            return;
          }
          // the total is spent: no partition could take a record now, so wait here rather than pause them all
          stats.waits++;
          if (!(await waitForTotal(st, bytes, batch))) return;
        }
      };

      /* ---- assignments ---- */
      const assigned = (assignment: readonly TopicPartition[]): void => {
        // a new assignment ends every old generation: what the old one resolved and did not commit is dropped (the
        // consumer reads those records again from the last commit), so nothing resolved before can commit now --
        // also while draining or after teardown, when the last commit is still to come
        for (const st of partitions.values()) ledger.revoke(st.tp);
        partitions.clear();
        waiting.clear();
        stats.paused = 0;
        if (closed) {
          // nothing more is read: without a pause the client would fetch the same records again and again
          consumer.pause(assignment);
          for (const wake of wakers) wake();
          return;
        }
        stats.assignments++;
        for (const tp of assignment) {
          const generation = ledger.assign(tp);
          // one pool per partition for the life of the stream: records of an older generation still in flight keep
          // counting against the partition's credit
          let pool = pools.get(key(tp));
          if (pool === undefined) {
            pool = new CreditPool(limits(partRecords, partBytes), { parent: total });
            pools.set(key(tp), pool);
          }
          const st: PartitionState = {
            tp: { topic: tp.topic, partition: tp.partition },
            generation,
            pool,
            next: undefined,
            paused: false,
            held: NOTHING_HELD,
            heldAt: 0,
          };
          partitions.set(key(tp), st);
        }
        stats.assigned = partitions.size;
        rebalancing = false;
        lastRead = Date.now();
        // the client may remember pauses from the last assignment: start from a clean state
        consumer.resume(assignment);
        if (stopping) for (const st of partitions.values()) setPaused(st, true);
        for (const wake of wakers) wake();
      };
      const stopPump = total.onRelease(pump);

      /* ---- the overdue check ---- */
      const stopOverdue = watchOverdue(total, options);

      /* ---- start ---- */
      const started = (async () => {
        let stage = 'connect';
        try {
          await consumer.connect();
          stage = 'subscribe';
          await consumer.subscribe(options.topics, options.fromBeginning ?? false);
          if (closed) return;
          stage = 'run';
          await consumer.run(onBatch, {
            assigned,
            rebalancing: () => {
              rebalancing = true;
              for (const wake of wakers) wake();
              // also while draining or after teardown: the last commit is still to come
              void commitNow();
            },
            crashed: (error) => fail(new KafkaConsumerError(groupId, 'run', error)),
          });
        } catch (error) {
          fail(new KafkaConsumerError(groupId, stage, error));
        }
      })();

      /* ---- shutdown ---- */
      const signal = options.shutdown?.signal;
      const onAbort = (): void => {
        if (stopping || closed) return;
        stopping = true;
        draining = true;
        for (const st of partitions.values()) setPaused(st, true);
        for (const wake of wakers) wake();
        // complete after the record being emitted (if any) has gone on: the signal may be aborted by a step that
        // handles that very record, and completing under it would cut the record off from the rest of the pipeline
        queueMicrotask(() => {
          if (!out.closed) out.complete();
        });
      };
      if (signal !== undefined) {
        if (signal.aborted) queueMicrotask(onAbort);
        else signal.addEventListener('abort', onAbort, { once: true });
      }
      // caught up: nothing read for afterIdleMs since the first assignment, nothing held back, no rebalance
      let idleTimer: ReturnType<typeof setInterval> | undefined;
      if (afterIdleMs !== undefined) {
        idleTimer = setInterval(
          () => {
            if (stopping || stats.assignments === 0 || rebalancing) return;
            if (waiting.size > 0 || wakers.size > 0) return;
            if (Date.now() - lastRead >= afterIdleMs) onAbort();
          },
          Math.max(5, Math.min(afterIdleMs / 4, 250)),
        );
      }

      /** Resolves once nothing is in flight, or after `ms`. */
      const drained = (ms: number): Promise<void> =>
        new Promise<void>((resolve) => {
          if (total.inFlight === 0) return resolve();
          const done = (): void => {
            clearTimeout(limit);
            stop();
            resolve();
          };
          const stop = total.onRelease(() => {
            if (total.inFlight === 0) done();
          });
          const limit = setTimeout(done, ms);
        });

      return () => {
        stopping = true;
        closed = true;
        // commits go on while the records in flight drain; the last one comes after
        if (!draining) clearInterval(timer);
        if (idleTimer !== undefined) clearInterval(idleTimer);
        // nothing more is read: without a pause the client would fetch the records it was not given again and again.
        // Best effort: a client that has crashed may refuse (KafkaJS throws without a group), and the teardown must
        // go on to register the last commit and the disconnect whatever it says
        try {
          for (const st of partitions.values()) setPaused(st, true);
        } catch {
          // the client fetches nothing more anyway
        }
        for (const wake of wakers) wake();
        if (!draining) stopPump();
        // after a graceful stop the check goes on until every record in flight is finished or reported
        stopOverdue(draining);
        signal?.removeEventListener('abort', onAbort);
        const finish = (async () => {
          await started.catch(() => undefined);
          if (draining) await drained(drainTimeoutMs);
          clearInterval(timer);
          draining = false;
          // the last commit: everything finished by now (under the current assignment)
          await commitNow();
          await commitNow();
          await consumer.disconnect();
          if (lateCommitError !== undefined) throw lateCommitError;
        })();
        ctx.finalizers.add(finish);
      };
    },
  );
};
