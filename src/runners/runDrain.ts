import type { TaskEither } from 'fp-ts/TaskEither';
import { Observable } from 'rxjs';
import { Defect } from '../om/errors.js';
import { Typed } from '../stream/Stream.js';
import { run } from './internal.js';

/**
 * Runs a stream for its effects and discards its elements, resolving each ticket as the element arrives.
 *
 * ```
 * -a-b-c|   →  Right(undefined)
 * ```
 *
 * @category runners
 * @since 0.1.0
 */
export function runDrain<A, E = unknown>(
  stream: Observable<A> & Typed<E, unknown>,
): TaskEither<E | Defect, void> {
  return run(stream, () => ({
    element: () => undefined,
    done: () => undefined,
  })) as TaskEither<E | Defect, void>;
}
