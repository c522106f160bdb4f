/**
 * The small machinery every operator is built from.
 *
 * @internal
 */
import { Observable, Subscriber, Subscription, TeardownLogic } from 'rxjs';
import { Defect } from '../om/errors.js';
import { StreamContext, withDemand } from './context.js';
import { Link } from './Link.js';
import { Stream, toStream, Tracked, Typed } from './Stream.js';

/**
 * A strom-rx operator. On a {@link Stream} it gives a Stream (tickets kept, errors and context tracked in the
 * type); on a plain Observable it gives a Stream too, typed as what it is for RxJS code: an Observable.
 *
 * `E2` is the typed failure the operator may add, `R2` the context its effects need.
 *
 * @category model
 * @since 0.1.0
 */
export interface Operator<A, B, E2 = never, R2 = unknown> {
  <E = unknown, R = unknown>(source: Observable<A> & Typed<E, R>): Stream<B, E | E2, R & R2>;
}

/** @internal */
export type Body<A, B> = (
  up: Observable<Tracked<A>>,
  out: Subscriber<Tracked<B>>,
  ctx: StreamContext,
) => TeardownLogic;

/**
 * Builds an operator from what it does to the tracked channel. `upstreamDemand` says how many elements the
 * operator needs from above to hold `d` of its own outputs at once (grouped(n): (d + 1) × n).
 *
 * @internal
 */
export const operate = <A, B, E2 = never, R2 = unknown>(
  body: Body<A, B>,
  upstreamDemand?: (demand: number) => number,
): Operator<A, B, E2, R2> =>
  ((source: Observable<A>) => {
    const s = toStream(source);
    return new Stream<B>(
      (ctx) =>
        new Observable<Tracked<B>>((out) =>
          body(
            s.openTracked(upstreamDemand === undefined ? ctx : withDemand(ctx, upstreamDemand(ctx.demand))),
            out,
            ctx,
          ),
        ),
    );
  }) as Operator<A, B, E2, R2>;

/**
 * Subscribes to `up` with a subscriber linked to `out`, so that unsubscribing `out` stops `up` at once, even
 * in the middle of a synchronous emission. Errors and completion go to `out` unless handlers are given.
 *
 * @internal
 */
export const subscribeLinked = <T>(
  up: Observable<T>,
  out: Subscription & { error(e: unknown): void; complete(): void },
  next: (value: T) => void,
  error?: (e: unknown) => void,
  complete?: () => void,
): Link<T> => {
  const link = linkTo(out, next, error, complete);
  up.subscribe(link);
  return link;
};

/**
 * The subscriber {@link subscribeLinked} uses, made but not yet subscribed: for an operator that must stop its
 * source from inside its own callbacks (`take` unsubscribes before it passes on its last element, so that the
 * credit that element returns cannot pull the source once more).
 *
 * @internal
 */
export const linkTo = <T>(
  out: Subscription & { error(e: unknown): void; complete(): void },
  next: (value: T) => void,
  error: (e: unknown) => void = (e) => out.error(e),
  complete: () => void = () => out.complete(),
): Link<T> => {
  const link = new Link<T>(next, error, complete);
  out.add(link);
  return link;
};

/**
 * A stream built from the tracked channel directly (sources and combinators of several streams).
 *
 * @internal
 */
export const make = <A, E = never, R = unknown>(
  subscribe: (out: Subscriber<Tracked<A>>, ctx: StreamContext) => TeardownLogic,
): Stream<A, E, R> => new Stream<A, E, R>((ctx) => new Observable<Tracked<A>>((out) => subscribe(out, ctx)));

/**
 * Calls a user function; a throw fails `out` with a {@link Defect} naming the operator. Returns `failed` when it
 * threw.
 *
 * @internal
 */
export const failed: unique symbol = Symbol('failed');
export const attempt = <T>(
  out: { error(e: unknown): void },
  where: string,
  f: () => T,
): T | typeof failed => {
  try {
    return f();
  } catch (reason) {
    out.error(Defect.of(reason, where));
    return failed;
  }
};

/**
 * Checks an operator's numeric argument.
 *
 * @internal
 */
export const requireCount = (where: string, name: string, value: number, min: number): void => {
  if (!(Number.isInteger(value) || value === Infinity) || value < min) {
    throw new RangeError(`${where}: ${name} must be a whole number of at least ${min}, got ${value}`);
  }
};

/**
 * Wraps a loop so that a call made while it runs (re-entrantly: emitting an element may resolve its ticket and
 * make a source emit again, synchronously) does not nest: the running loop is run once more instead. Stack depth
 * stays constant however many elements arrive that way.
 *
 * @internal
 */
export const nonReentrant = (loop: () => void): (() => void) => {
  let running = false;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        loop();
      } while (again);
    } finally {
      running = false;
    }
  };
};

/**
 * A first-in first-out queue with O(1) push and shift (arrays shift in O(n)).
 *
 * @internal
 */
export class Queue<T> {
  private items: Array<T | undefined> = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): T[] {
    const rest = this.items.slice(this.head) as T[];
    this.items = [];
    this.head = 0;
    return rest;
  }
}
