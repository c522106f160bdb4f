/**
 * Retry policies: how many times to try again, and how long to wait before each try.
 *
 * @since 0.1.0
 */

/**
 * @category model
 * @since 0.1.0
 */
export interface RetryPolicy<E = unknown> {
  /** tries after the first one; 0 means no retry */
  readonly retries: number;
  /** wait before the first retry, in milliseconds (default 0) */
  readonly delayMs?: number;
  /** each wait is the previous one times this (default 2: exponential backoff; 1 gives a constant delay) */
  readonly factor?: number;
  /** no wait is longer than this (default: no cap) */
  readonly maxDelayMs?: number;
  /** spread each wait at random over [wait × (1 − jitter), wait] (0 to 1, default 0) */
  readonly jitter?: number;
  /** retry only failures this accepts (default: every typed failure) */
  readonly while?: (error: E, attempt: number) => boolean;
}

/**
 * Checks a policy and fills in the defaults.
 *
 * @category constructors
 * @since 0.1.0
 */
export const retryPolicy = <E>(
  policy: RetryPolicy<E> | number,
): Required<Omit<RetryPolicy<E>, 'while'>> & Pick<RetryPolicy<E>, 'while'> => {
  const p: RetryPolicy<E> = typeof policy === 'number' ? { retries: policy } : policy;
  const check = (name: string, value: number, ok: boolean): void => {
    if (!ok) throw new RangeError(`retry policy: ${name} is ${value}, which is out of range`);
  };
  check('retries', p.retries, Number.isInteger(p.retries) && p.retries >= 0);
  const delayMs = p.delayMs ?? 0;
  check('delayMs', delayMs, delayMs >= 0);
  const factor = p.factor ?? 2;
  check('factor', factor, factor >= 1);
  const maxDelayMs = p.maxDelayMs ?? Infinity;
  check('maxDelayMs', maxDelayMs, maxDelayMs >= 0);
  const jitter = p.jitter ?? 0;
  check('jitter', jitter, jitter >= 0 && jitter <= 1);
  return { retries: p.retries, delayMs, factor, maxDelayMs, jitter, while: p.while };
};

/**
 * The wait before retry number `attempt` (1 for the first retry), in milliseconds.
 *
 * @category utils
 * @since 0.1.0
 */
export const retryDelay = (
  policy: Required<Omit<RetryPolicy<never>, 'while'>>,
  attempt: number,
  random: () => number = Math.random,
): number => {
  const base = Math.min(policy.delayMs * Math.pow(policy.factor, attempt - 1), policy.maxDelayMs);
  return policy.jitter === 0 ? base : base * (1 - policy.jitter * random());
};
