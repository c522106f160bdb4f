import type { TaskEither } from 'fp-ts/TaskEither';
import { Observable } from 'rxjs';
import { Defect } from '../om/errors.js';
import { Typed } from '../stream/Stream.js';
import { run } from './internal.js';

/**
 * Runs a stream and collects its elements in order. The task never rejects: a typed failure comes back as
 * `Left(E)`, a throw as `Left(Defect)`. It resolves only after every release (`acquireRelease`, `ensuring`) has
 * finished. Each element's ticket is resolved as it is collected.
 *
 * ```
 * fromArray([1, 2, 3])    (123|)   →  Right([1, 2, 3])
 * ```
 *
 * @example
 * const result = await pipe(fromArray([1, 2, 3]), map((n) => n * 2), runCollect)()
 * // Right([2, 4, 6])
 *
 * @category runners
 * @since 0.1.0
 */
export function runCollect<A, E = unknown>(
  stream: Observable<A> & Typed<E, unknown>,
): TaskEither<E | Defect, A[]> {
  return run(stream, () => {
    const out: A[] = [];
    return {
      element: (t) => {
        out.push(t.value);
      },
      done: () => out,
    };
  }) as TaskEither<E | Defect, A[]>;
}
