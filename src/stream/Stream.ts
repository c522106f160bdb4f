/**
 * `Stream<A, E, R>`: an Observable of `A` that keeps track of when each element is finished.
 *
 * See `docs/design/plain-and-tracked.md` for why it is built this way. In short:
 *
 * - A `Stream` *is* an RxJS `Observable<A>`. Subscribe to it, hand it to `firstValueFrom`, Angular's `async`
 *   pipe or any RxJS operator, and it behaves like one.
 * - Underneath, every element travels with a {@link Ticket}. strom-rx's operators pass tickets along (a batch
 *   holds its elements' tickets, a filtered-out element's ticket is resolved on the spot), and strom-rx's
 *   runners resolve each ticket when the element is done. Resolving returns credit to the source, which only
 *   emits while it holds credit: that is the backpressure.
 * - Leaving the tracked world (subscribing directly, or piping into an RxJS operator) is a hand-off: each
 *   ticket is resolved as soon as the observer's `next` returns. The type says so: what comes out is an
 *   `Observable`, no longer a `Stream`.
 * - `E` is the typed failure a stream may end with and `R` the context its effects need; both are phantom
 *   (they exist in the types only). A runner accepts only a stream whose `R` is `unknown`: `provide` it first.
 *
 * @since 0.1.0
 */
import { Observable, Subscriber, UnaryFunction } from 'rxjs';
import { Ticket } from '../backpressure/Ticket.js';
import { Link } from './Link.js';
import { rootContext, StreamContext } from './context.js';

/**
 * An element with its ticket.
 *
 * @category model
 * @since 0.1.0
 */
export interface Tracked<A> {
  readonly value: A;
  readonly ticket: Ticket;
}

/**
 * The phantom part of a stream's type: the typed failure `E` and the context `R`.
 *
 * @category model
 * @since 0.1.0
 */
export interface Typed<E, R> {
  readonly _E?: () => E;
  readonly _R?: (r: R) => void;
}

/** @internal */
export type OpenTracked<A> = (ctx: StreamContext) => Observable<Tracked<A>>;

const handOff = <A>(open: OpenTracked<A>, subscriber: Subscriber<A>) => {
  const link = new Link<Tracked<A>>(
    (t) => {
      subscriber.next(t.value);
      t.ticket.resolve();
    },
    (e) => subscriber.error(e),
    () => subscriber.complete(),
  );
  subscriber.add(link);
  open(rootContext()).subscribe(link);
};

/**
 * @category model
 * @since 0.1.0
 */
export class Stream<A, E = never, R = unknown> extends Observable<A> implements Typed<E, R> {
  declare readonly _E?: () => E;
  declare readonly _R?: (r: R) => void;
  /** Brand: a plain Observable is not a Stream. */
  declare readonly _tag: 'Stream';

  /**
   * Opens the tracked channel: elements with their tickets.
   *
   * @internal
   */
  readonly openTracked: OpenTracked<A>;

  /** @internal */
  constructor(open: OpenTracked<A>) {
    super((subscriber) => handOff(open, subscriber));
    this.openTracked = open;
  }

  override pipe(): this;
  override pipe<B>(op1: UnaryFunction<this, B>): B;
  override pipe<B, C>(op1: UnaryFunction<this, B>, op2: UnaryFunction<B, C>): C;
  override pipe<B, C, D>(op1: UnaryFunction<this, B>, op2: UnaryFunction<B, C>, op3: UnaryFunction<C, D>): D;
  override pipe<B, C, D, F>(
    op1: UnaryFunction<this, B>,
    op2: UnaryFunction<B, C>,
    op3: UnaryFunction<C, D>,
    op4: UnaryFunction<D, F>,
  ): F;
  override pipe<B, C, D, F, G>(
    op1: UnaryFunction<this, B>,
    op2: UnaryFunction<B, C>,
    op3: UnaryFunction<C, D>,
    op4: UnaryFunction<D, F>,
    op5: UnaryFunction<F, G>,
  ): G;
  override pipe<B, C, D, F, G, H>(
    op1: UnaryFunction<this, B>,
    op2: UnaryFunction<B, C>,
    op3: UnaryFunction<C, D>,
    op4: UnaryFunction<D, F>,
    op5: UnaryFunction<F, G>,
    op6: UnaryFunction<G, H>,
  ): H;
  override pipe<B, C, D, F, G, H, I>(
    op1: UnaryFunction<this, B>,
    op2: UnaryFunction<B, C>,
    op3: UnaryFunction<C, D>,
    op4: UnaryFunction<D, F>,
    op5: UnaryFunction<F, G>,
    op6: UnaryFunction<G, H>,
    op7: UnaryFunction<H, I>,
  ): I;
  override pipe<B, C, D, F, G, H, I, J>(
    op1: UnaryFunction<this, B>,
    op2: UnaryFunction<B, C>,
    op3: UnaryFunction<C, D>,
    op4: UnaryFunction<D, F>,
    op5: UnaryFunction<F, G>,
    op6: UnaryFunction<G, H>,
    op7: UnaryFunction<H, I>,
    op8: UnaryFunction<I, J>,
  ): J;
  override pipe<B, C, D, F, G, H, I, J, K>(
    op1: UnaryFunction<this, B>,
    op2: UnaryFunction<B, C>,
    op3: UnaryFunction<C, D>,
    op4: UnaryFunction<D, F>,
    op5: UnaryFunction<F, G>,
    op6: UnaryFunction<G, H>,
    op7: UnaryFunction<H, I>,
    op8: UnaryFunction<I, J>,
    op9: UnaryFunction<J, K>,
  ): K;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the overloads above carry the types
  override pipe(...ops: Array<UnaryFunction<any, any>>): any {
    return ops.reduce((acc: unknown, op) => op(acc), this);
  }
}

/**
 * True for a {@link Stream} (as opposed to a plain Observable).
 *
 * @category refinements
 * @since 0.1.0
 */
export const isStream = (u: unknown): u is Stream<unknown, unknown, unknown> => u instanceof Stream;

/** A plain Observable's elements get free tickets: nothing waits for them. @internal */
const openPlain =
  <A>(input: Observable<A>): OpenTracked<A> =>
  () =>
    new Observable<Tracked<A>>((out) => {
      const link = new Link<A>(
        (value) => out.next({ value, ticket: Ticket.free }),
        (e) => out.error(e),
        () => out.complete(),
      );
      out.add(link);
      input.subscribe(link);
    });

/**
 * A Stream from any Observable: a Stream is returned as it is, a plain Observable is wrapped (its elements
 * get free tickets, and its errors are typed failures of type `E`).
 *
 * @category conversions
 * @since 0.1.0
 */
export const toStream = <A, E = unknown, R = unknown>(input: Observable<A> & Typed<E, R>): Stream<A, E, R> =>
  input instanceof Stream ? (input as Stream<A, E, R>) : new Stream<A, E, R>(openPlain(input));

/**
 * The tracked channel of a stream, for tests and for sinks written outside strom-rx: each element comes with
 * its ticket, and the subscriber must resolve every ticket when the element is done (or the source runs out of
 * credit).
 *
 * @category conversions
 * @since 0.1.0
 */
export const tracked = <A>(input: Observable<A>, env?: unknown): Observable<Tracked<A>> =>
  toStream(input).openTracked(rootContext(env));
