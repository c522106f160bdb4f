/**
 * The error types every layer shares.
 *
 * A *typed failure* is a value of the error type `E` that an effect returned on purpose (a `Left`). A *defect*
 * is anything that was thrown or rejected instead: a bug, or a failure nobody declared. Defects are kept apart
 * from typed failures so that handlers for `E` never swallow them by accident.
 *
 * @since 0.1.0
 */

/**
 * Something was thrown (or a Promise rejected) where a typed result was expected.
 *
 * @category errors
 * @since 0.1.0
 */
export class Defect extends Error {
  readonly _tag = 'Defect' as const;
  /** what was thrown */
  override readonly cause: unknown;

  constructor(cause: unknown, where?: string) {
    const what = cause instanceof Error ? cause.message : String(cause);
    super(where === undefined ? what : `${where}: ${what}`);
    this.name = 'Defect';
    this.cause = cause;
  }

  /** `cause` as a Defect, unless it is one already. */
  static of(cause: unknown, where?: string): Defect {
    return cause instanceof Defect ? cause : new Defect(cause, where);
  }
}

/**
 * An effect or a stream took longer than its limit.
 *
 * @category errors
 * @since 0.1.0
 */
export class TimeoutError extends Error {
  readonly _tag = 'TimeoutError' as const;
  constructor(
    /** the limit that was exceeded, in milliseconds */
    readonly ms: number,
    what = 'effect',
  ) {
    super(`${what} timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * True for a {@link Defect}.
 *
 * @category refinements
 * @since 0.1.0
 */
export const isDefect = (u: unknown): u is Defect => u instanceof Defect;
