/**
 * strom-rx: Strom's stream operators for RxJS, with credit-based backpressure and typed errors.
 *
 * @since 0.1.0
 */

/* Streams */
export { Stream, isStream, toStream, tracked } from './stream/Stream.js';
export type { Tracked, Typed } from './stream/Stream.js';
export type { Operator } from './stream/operate.js';
export type { EffectLike } from './stream/effect.js';

/* Sources */
export { fromArray } from './sources/fromArray.js';
export { fromIterable } from './sources/fromIterable.js';
export { fromAsyncIterable } from './sources/fromAsyncIterable.js';
export { fromObservable } from './sources/fromObservable.js';
export { fromOm } from './sources/fromOm.js';
export { range } from './sources/range.js';
export { unfold } from './sources/unfold.js';
export { unfoldOm } from './sources/unfoldOm.js';
export { repeatOm } from './sources/repeatOm.js';
export { succeed } from './sources/succeed.js';
export { empty } from './sources/empty.js';
export { fail } from './sources/fail.js';
export { DEFAULT_CREDIT } from './sources/internal.js';
export type { SourceOptions } from './sources/internal.js';
export { acquireRelease } from './operators/acquireRelease.js';
export { mergeAll } from './operators/mergeAll.js';

/* Transforming */
export { map } from './operators/map.js';
export { mapM } from './operators/mapM.js';
export { mapParallel } from './operators/mapParallel.js';
export { mapParallelUnordered } from './operators/mapParallelUnordered.js';
export { tap } from './operators/tap.js';
export { tapM } from './operators/tapM.js';
export { scan } from './operators/scan.js';
export { mapAccum } from './operators/mapAccum.js';
export { concatMap } from './operators/concatMap.js';

/* Selecting */
export { filter } from './operators/filter.js';
export { filterM } from './operators/filterM.js';
export { collect } from './operators/collect.js';
export { collectM } from './operators/collectM.js';
export { take } from './operators/take.js';
export { takeWhile } from './operators/takeWhile.js';
export { takeUntil } from './operators/takeUntil.js';
export { drop } from './operators/drop.js';
export { dropWhile } from './operators/dropWhile.js';
export { changes } from './operators/changes.js';

/* Grouping */
export { grouped } from './operators/grouped.js';
export { groupedWithin } from './operators/groupedWithin.js';
export { groupBy } from './operators/groupBy.js';
export type { GroupByOptions } from './operators/groupBy.js';
export { partition } from './operators/partition.js';
export { buffer } from './operators/buffer.js';

/* Combining */
export { zip } from './operators/zip.js';
export { zipWith } from './operators/zipWith.js';
export { merge } from './operators/merge.js';
export { interleave } from './operators/interleave.js';
export { intersperse } from './operators/intersperse.js';

/* Time */
export { delay } from './operators/delay.js';
export { debounce } from './operators/debounce.js';
export { throttle } from './operators/throttle.js';
export { rateLimit } from './operators/rateLimit.js';
export { timeout } from './operators/timeout.js';

/* Errors, resources and context */
export { catchAll } from './operators/catchAll.js';
export { retry } from './operators/retry.js';
export { ensuring } from './operators/ensuring.js';
export { provide } from './operators/provide.js';

/* Do notation */
export { guard } from './operators/guard.js';
export { when } from './operators/when.js';
export { unless } from './operators/unless.js';

/* Runners */
export { runCollect } from './runners/runCollect.js';
export { runDrain } from './runners/runDrain.js';
export { runFold } from './runners/runFold.js';
export { traverse_ } from './runners/traverse_.js';

/* Errors */
export { Defect, TimeoutError, isDefect } from './om/errors.js';

/* Credit */
export {
  CreditStats,
  CreditPool,
  Ticket,
  TicketJoin,
  OffsetLedger,
  LedgerError,
} from './backpressure/index.js';
export type {
  CreditLimits,
  CreditPoolOptions,
  TicketCoordinates,
  TopicPartition,
  CommittableOffset,
} from './backpressure/index.js';

/* Om */
export * as Om from './om/index.js';
export type { RetryPolicy } from './om/Schedule.js';
