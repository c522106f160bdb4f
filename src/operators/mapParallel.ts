import { EffectLike } from '../stream/effect.js';
import { Operator } from '../stream/operate.js';
import { mapEffect } from './mapParallelInternals.js';

/**
 * Runs `f` on up to `n` elements at once and emits the results **in input order**. The window slides: a new
 * effect starts as soon as any finishes, so one slow element does not hold back the starts of the others (only
 * their emission, to keep the order). Each result carries its element's ticket.
 *
 * ```
 * -1-2-3-4-|            mapParallel(2, (n) => timer(n === 1 ? 10 : 1).pipe(map(() => n * 10)))
 * -----------(abcd|)    a = 10, b = 20, c = 30, d = 40
 * ```
 *
 * 2, 3 and 4 each started as soon as a place was free and finished while 1 was still running; their results
 * waited for 10 to keep the order. (Lock-step groups of two would have started 3 only after 1 finished.)
 *
 * A typed failure (`Left`) fails the stream with it, a throw or rejection with a `Defect`; either way no new
 * effect starts and running ones are told to stop (their `AbortSignal`; an Observable effect is unsubscribed).
 * Unsubscribing does the same.
 *
 * @example
 * kafkaRecords.pipe(mapParallel(10, (r) => enrich(r)))
 *
 * @param n effects running at most; at least 1 (`Infinity`: the source's credit is the only bound)
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
