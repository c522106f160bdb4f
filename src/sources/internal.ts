/**
 * Credit-bounded sources: the pull loop every source shares.
 *
 * @internal
 */
import { Subscriber } from 'rxjs';
import { CreditPool, CreditStats } from '../backpressure/CreditPool.js';
import { Ticket } from '../backpressure/Ticket.js';
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
   * A value that is not a whole number of at least 1 throws a `RangeError` when the source is made.
   */
  readonly credit?: number;
  /** Counters to watch: pulled, finished, in flight, the most in flight. */
  readonly stats?: CreditStats;
  /**
   * Reports elements unresolved for longer than `afterMs` milliseconds (each once, oldest first, with their
   * tickets' coordinates when the source has any): an element lost outside strom-rx's operators shows up here
   * instead of holding its credit (or, from Kafka, its offset) back in silence. Checked every `afterMs / 2` ms
   * (at least every 10 ms) on a timer that does not keep Node running. Off when absent.
   */
  readonly overdue?: { readonly afterMs: number; readonly report: (tickets: readonly Ticket[]) => void };
}

/** Checks the options when the source is made, so that a bad credit throws at the call site. */
const checkCredit = (options: SourceOptions, where: string): number => {
  const credit = options.credit ?? DEFAULT_CREDIT;
  if (!Number.isInteger(credit) || credit < 1) {
    throw new RangeError(`${where}: credit must be a whole number of at least 1, got ${credit}`);
  }
  return credit;
};

const poolFor = (credit: number, options: SourceOptions, ctx: StreamContext): CreditPool =>
  new CreditPool(
    { records: Math.max(credit, ctx.demand) },
    { stats: options.stats, overdueAfterMs: options.overdue?.afterMs },
  );

/**
 * Starts the overdue check of {@link SourceOptions.overdue}. `stop(completed)`: after an unsubscription the check
 * stops at once (what is in flight is abandoned); after the source completed it goes on until every element it
 * emitted is finished.
 */
export const watchOverdue = (
  pool: CreditPool,
  options: Pick<SourceOptions, 'overdue'>,
): ((completed: boolean) => void) => {
  const overdue = options.overdue;
  if (overdue === undefined) return () => undefined;
  const reported = new WeakSet<Ticket>();
  let draining = false;
  const timer = setInterval(
    () => {
      if (draining && pool.inFlight === 0) return clearInterval(timer);
      const due = pool.overdue();
      const late = due.filter((t) => !reported.has(t));
      // after completion, once every element still open has been reported there is nothing more to say
      if (draining && due.length === pool.inFlight && late.length === 0) return clearInterval(timer);
      if (late.length === 0) return;
      for (const t of late) reported.add(t);
      try {
        overdue.report(late);
      } catch {
        // a failing report must not stop the source; it is the reporter's to log
      }
    },
    Math.max(10, overdue.afterMs / 2),
  );
  (timer as { unref?: () => void }).unref?.();
  return (completed) => {
    if (completed && pool.inFlight > 0) draining = true;
    else clearInterval(timer);
  };
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
): Stream<A, E, R> => {
  const credit = checkCredit(options, where);
  return make<A, E, R>((out: Subscriber<Tracked<A>>, ctx) => {
    const pool = poolFor(credit, options, ctx);
    let it: Iterator<A>;
    try {
      it = open(ctx);
    } catch (reason) {
      out.error(Defect.of(reason, where));
      return;
    }
    let pumping = false;
    let done = false;
    let completed = false;
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
            completed = true;
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
    const stopWatch = watchOverdue(pool, options);
    pump();
    return () => {
      stop();
      stopWatch(completed);
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
};

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
 * source holds credit. A pull may also complete synchronously (an effect that is a plain value): the next pull
 * then starts in a loop, not recursively, so a long run of synchronous pulls cannot overflow the stack.
 *
 * @internal
 */
export const asyncSource = <A, E = never, R = unknown>(
  where: string,
  options: SourceOptions,
  open: (
    ctx: StreamContext,
    signal: AbortSignal,
  ) => { pull(step: Step<A>): void; close?(): void | PromiseLike<unknown> },
): Stream<A, E, R> => {
  const credit = checkCredit(options, where);
  return make<A, E, R>((out: Subscriber<Tracked<A>>, ctx) => {
    const pool = poolFor(credit, options, ctx);
    const controller = new AbortController();
    let puller: { pull(step: Step<A>): void; close?(): void | PromiseLike<unknown> };
    try {
      puller = open(ctx, controller.signal);
    } catch (reason) {
      out.error(Defect.of(reason, where));
      return;
    }
    let pulling = false;
    let done = false;
    let completed = false;
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
        completed = true;
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
    // a pump requested while one runs (a pull that completed synchronously) is done by the running one's loop
    let pumping = false;
    let again = false;
    const pump = (): void => {
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
      try {
        do {
          again = false;
          if (pulling || done || out.closed || !pool.canIssue()) break;
          pulling = true;
          try {
            puller.pull(step);
          } catch (reason) {
            step.defect(Defect.of(reason, where));
          }
        } while (again);
      } finally {
        pumping = false;
      }
    };
    const stop = pool.onRelease(pump);
    const stopWatch = watchOverdue(pool, options);
    pump();
    return () => {
      stop();
      stopWatch(completed);
      controller.abort();
      if (!done) {
        done = true;
        try {
          // a runner waits for an asynchronous cleanup (an async generator's `finally`) before it resolves
          const closing = puller.close?.();
          if (closing !== undefined) ctx.finalizers.add(Promise.resolve(closing));
        } catch {
          // cleanup after unsubscription has nowhere to report to
        }
      }
    };
  });
};

/**
 * Runs an effect as one pull. The effect is cancelled when the source is torn down (`signal` aborts) before it
 * settles, and an Observable effect is unsubscribed as soon as it has given its value.
 *
 * @internal
 */
export const pullEffect = <A>(
  effect: unknown,
  ctx: StreamContext,
  signal: AbortSignal,
  where: string,
  step: { value(a: A): void; fail(e: unknown): void; defect(d: Defect): void },
): void => {
  // set once startEffect returns; the effect may settle before that (synchronously)
  const running: { cancel?: (() => void) | undefined } = {};
  let settled = false;
  const onAbort = (): void => running.cancel?.();
  const settle =
    <T>(k: (t: T) => void) =>
    (t: T): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      running.cancel?.();
      k(t);
    };
  const cancel = startEffect<A>(
    effect,
    ctx.env,
    signal,
    { value: settle(step.value), failure: settle(step.fail), defect: settle(step.defect) },
    where,
  );
  running.cancel = cancel;
  if (cancel !== undefined && !settled) {
    if (signal.aborted) cancel();
    else signal.addEventListener('abort', onAbort, { once: true });
  }
};
