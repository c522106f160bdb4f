import { EffectLike } from '../stream/effect.js';
import { Operator } from '../stream/operate.js';
import { mapEffect } from './mapParallelInternals.js';

/**
 * Runs `f` on up to `n` elements at once and emits the results **in input order**. The window slides: a new
 * effect starts as soon as any finishes, so one slow element does not hold back the starts of the others (only
 * their emission, to keep the order). Each result carries its element's ticket.
 *
 * ```
 * --1--2--3--|           mapParallel(2, (n) => timer(n === 1 ? 50 : 10).pipe(map(() => n * 10)))
 * ------(10,20)--30--|   (20 finished first and waited for 10)
 * ```
 *
 * A typed failure (`Left`) fails the stream with it, a throw or rejection with a `Defect`; either way no new
 * effect starts and running ones are told to stop (their `AbortSignal`). Unsubscribing does the same.
 *
 * @example
 * kafkaRecords.pipe(mapParallel(10, (r) => enrich(r)))
 *
 * @param n effects running at most; at least 1
 * @param f the effect: an `Om`, a `TaskEither`, a Promise, an Observable (first value) or a plain value
 * @see mapParallelUnordered
 * @category operators
 * @since 0.1.0
 */
export function mapParallel<A, B, E2 = never, R2 = unknown>(
  n: number,
  f: (a: A, index: number) => EffectLike<R2, E2, B>,
): Operator<A, B, E2, R2> {
  return mapEffect<A, B, B, E2, R2>('mapParallel', n, true, f, (_a, b) => b);
}
