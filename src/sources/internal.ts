/**
 * Credit-bounded sources: the pull loop every source shares.
 *
 * @internal
 */
import { Subscriber } from 'rxjs';
import { CreditPool, CreditStats } from '../backpressure/CreditPool.js';
import { Defect } from '../om/errors.js';
import { StreamContext } from '../stream/context.js';
import { startEffect } from '../stream/effect.js';
import { make } from '../stream/operate.js';
import { Stream, Tracked } from '../stream/Stream.js';

/**
 * The credit a source has when its options do not say: at most this many elements in flight, raised to what
 * the stages below must hold at once.
 *
 * @category constants
 * @since 0.1.0
 */
export const DEFAULT_CREDIT = 256;

/**
 * Options every pulling source takes.
 *
 * @category model
 * @since 0.1.0
 */
export interface SourceOptions {
  /**
   * Elements in flight at most: pulled from the source and not yet finished (default {@link DEFAULT_CREDIT}).
   * Raised, never lowered, to what the stages below must hold at once to make progress (`grouped(n)` needs n).
   */
  readonly credit?: number;
  /** Counters to watch: pulled, finished, in flight, the most in flight. */
  readonly stats?: CreditStats;
}

const poolFor = (options: SourceOptions, ctx: StreamContext, where: string): CreditPool => {
  const credit = options.credit ?? DEFAULT_CREDIT;
  if (!Number.isInteger(credit) || credit < 1) {
    throw new RangeError(`${where}: credit must be a whole number of at least 1, got ${credit}`);
  }
  return new CreditPool({ records: Math.max(credit, ctx.demand) }, { stats: options.stats });
};

/**
 * A source that pulls synchronously (an iterator, a counter): it emits while it holds credit, and emits again,
 * in a loop rather than recursively, whenever credit returns.
 *
 * @internal
 */
export const syncSource = <A, E = never, R = unknown>(
  where: string,
  options: SourceOptions,
  open: (ctx: StreamContext) => Iterator<A>,
): Stream<A, E, R> =>
  make<A, E, R>((out: Subscriber<Tracked<A>>, ctx) => {
    const pool = poolFor(options, ctx, where);
    let it: Iterator<A>;
    try {
      it = open(ctx);
    } catch (reason) {
      out.error(Defect.of(reason, where));
      return;
    }
    let pumping = false;
    let done = false;
    const pump = (): void => {
      if (pumping || done) return;
      pumping = true;
      try {
        while (!out.closed && pool.canIssue()) {
          let r: IteratorResult<A>;
          try {
            r = it.next();
          } catch (reason) {
            done = true;
            out.error(Defect.of(reason, where));
            return;
          }
          if (r.done === true) {
            done = true;
            out.complete();
            return;
          }
          out.next({ value: r.value, ticket: pool.issue() });
        }
      } finally {
        pumping = false;
      }
    };
    const stop = pool.onRelease(pump);
    pump();
    return () => {
      stop();
      if (!done) {
        done = true;
        try {
          it.return?.();
        } catch {
          // a generator's cleanup failing after unsubscription has nowhere to go
        }
      }
    };
  });

/**
 * One step of an asynchronous source: `next` to emit, `end` to complete, `fail` for a typed failure and
 * `defect` for a throw.
 *
 * @internal
 */
export interface Step<A> {
  next(a: A): void;
  end(): void;
  fail(e: unknown): void;
  defect(d: Defect): void;
}

/**
 * A source whose pulls take time (an async iterator, an effect): one pull at a time, started only while the
 * source holds credit.
 *
 * @internal
 */
export const asyncSource = <A, E = never, R = unknown>(
  where: string,
  options: SourceOptions,
  open: (ctx: StreamContext, signal: AbortSignal) => { pull(step: Step<A>): void; close?(): void },
): Stream<A, E, R> =>
  make<A, E, R>((out: Subscriber<Tracked<A>>, ctx) => {
    const pool = poolFor(options, ctx, where);
    const controller = new AbortController();
    let puller: { pull(step: Step<A>): void; close?(): void };
    try {
      puller = open(ctx, controller.signal);
    } catch (reason) {
      out.error(Defect.of(reason, where));
      return;
    }
    let pulling = false;
    let done = false;
    const step: Step<A> = {
      next: (a) => {
        if (done || out.closed) return;
        pulling = false;
        out.next({ value: a, ticket: pool.issue() });
        pump();
      },
      end: () => {
        if (done) return;
        done = true;
        out.complete();
      },
      fail: (e) => {
        if (done) return;
        done = true;
        out.error(e);
      },
      defect: (d) => {
        if (done) return;
        done = true;
        out.error(d);
      },
    };
    const pump = (): void => {
      if (pulling || done || out.closed || !pool.canIssue()) return;
      pulling = true;
      try {
        puller.pull(step);
      } catch (reason) {
        step.defect(Defect.of(reason, where));
      }
    };
    const stop = pool.onRelease(pump);
    pump();
    return () => {
      stop();
      controller.abort();
      if (!done) {
        done = true;
        try {
          puller.close?.();
        } catch {
          // cleanup after unsubscription has nowhere to report to
        }
      }
    };
  });

/** Runs an effect as one pull. @internal */
export const pullEffect = <A>(
  effect: unknown,
  ctx: StreamContext,
  signal: AbortSignal,
  where: string,
  step: { value(a: A): void; fail(e: unknown): void; defect(d: Defect): void },
): void => {
  startEffect<A>(
    effect,
    ctx.env,
    signal,
    { value: step.value, failure: step.fail, defect: step.defect },
    where,
  );
};
