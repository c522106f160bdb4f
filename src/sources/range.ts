import { Stream } from '../stream/Stream.js';
import { SourceOptions, syncSource } from './internal.js';

/**
 * The integers from `start` up to `end`, `end` excluded (Strom's `rangeStrom`). `end` may be `Infinity`.
 *
 * ```
 * range(1, 4)    (123|)
 * ```
 *
 * @param start the first integer
 * @param end the first integer not emitted
 * @param options credit and counters
 * @category sources
 * @since 0.1.0
 */
export function range(start: number, end: number, options: SourceOptions = {}): Stream<number> {
  return syncSource('range', options, () => {
    let i = start;
    return {
      next: (): IteratorResult<number> =>
        i < end ? { done: false, value: i++ } : { done: true, value: undefined },
    };
  });
}
