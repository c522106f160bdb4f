/**
 * `Om<R, E, A>` and its helpers.
 *
 * @since 0.1.0
 */
export type { Om } from './Om.js';
export {
  succeed,
  fail,
  fromPromise,
  tryPromise,
  ask,
  asks,
  delay,
  map,
  flatMap,
  tap,
  catchAll,
  catchTag,
  handleErrors,
  timeout,
  race,
  inParallel,
  retry,
  run,
  unsafeRun,
  InterruptedError,
} from './Om.js';
export { Defect, TimeoutError, isDefect } from './errors.js';
export type { RetryPolicy } from './Schedule.js';
export { retryPolicy, retryDelay } from './Schedule.js';
