/**
 * The engine of every effectful operator: `mapParallel`, `mapParallelUnordered`, `mapM`, `tapM`, `filterM`,
 * `collectM`.
 *
 * A sliding window of at most `concurrency` effects: a new one starts as soon as one finishes (not in lock-step
 * groups). Waiting inputs sit in a queue that the source's credit bounds. Ordered output holds finished results
 * until those before them are out. After a failure or an unsubscription nothing new starts, the signal given to
 * running effects is aborted and running Observable effects are unsubscribed.
 *
 * @internal
 */
import { Ticket } from '../backpressure/Ticket.js';
import { Defect } from '../om/errors.js';
import { startEffect } from '../stream/effect.js';
import { nonReentrant, operate, Operator, Queue, requireCount, subscribeLinked } from '../stream/operate.js';
import { Tracked } from '../stream/Stream.js';

/** Returned by `finish` to drop the element (its ticket is resolved). @internal */
export const DROP: unique symbol = Symbol('drop');

interface Slot<B> {
  readonly ticket: Ticket;
  done: boolean;
  value: B | typeof DROP;
}

/**
 * @param where the operator's name, for defects
 * @param concurrency effects running at most
 * @param ordered emit in input order (true) or as finished (false)
 * @param effect the effect for an element
 * @param finish what to emit once the effect gave `r` for input `a`, or {@link DROP}
 * @internal
 */
export const mapEffect = <A, R, B, E2, R2>(
  where: string,
  concurrency: number,
  ordered: boolean,
  effect: (a: A, index: number) => unknown,
  finish: (a: A, r: R) => B | typeof DROP,
): Operator<A, B, E2, R2> => {
  requireCount(where, 'concurrency', concurrency, 1);
  return operate<A, B, E2, R2>(
    (up, out, ctx) => {
      const controller = new AbortController();
      // how to unsubscribe the Observable effects still running (other effects get the signal instead)
      const cancels = new Set<() => void>();
      const pending = new Queue<Tracked<A>>();
      const slots = new Queue<Slot<B>>();
      let active = 0;
      let index = 0;
      let upstreamDone = false;
      let stopped = false;

      const cancelAll = (): void => {
        controller.abort();
        for (const cancel of [...cancels]) cancel();
        cancels.clear();
      };

      const stop = (error: unknown): void => {
        if (stopped) return;
        stopped = true;
        cancelAll();
        out.error(error);
      };

      const emit = (slot: Slot<B>): void => {
        if (slot.value === DROP) slot.ticket.resolve();
        else out.next({ value: slot.value, ticket: slot.ticket });
      };

      const flush = nonReentrant(() => {
        let head = slots.peek();
        while (head !== undefined && head.done && !stopped) {
          slots.shift();
          emit(head);
          head = slots.peek();
        }
      });

      const checkComplete = (): void => {
        if (!stopped && upstreamDone && active === 0 && pending.length === 0 && slots.length === 0) {
          stopped = true;
          out.complete();
        }
      };

      const startOne = (t: Tracked<A>): void => {
        active++;
        const slot: Slot<B> = { ticket: t.ticket, done: false, value: DROP };
        if (ordered) slots.push(slot);
        let eff: unknown;
        try {
          eff = effect(t.value, index++);
        } catch (reason) {
          return stop(Defect.of(reason, where));
        }
        // filled in once startEffect returns; the outcome may come before that (a synchronous effect)
        const running: { settled: boolean; cancel: (() => void) | undefined } = {
          settled: false,
          cancel: undefined,
        };
        const forget = (): void => {
          running.settled = true;
          if (running.cancel !== undefined) cancels.delete(running.cancel);
        };
        running.cancel = startEffect<R>(
          eff,
          ctx.env,
          controller.signal,
          {
            value: (r) => {
              forget();
              // an Observable effect gives its first value only: unsubscribe it now, as `first()` would
              running.cancel?.();
              if (stopped) return;
              active--;
              try {
                slot.value = finish(t.value, r);
              } catch (reason) {
                return stop(Defect.of(reason, where));
              }
              slot.done = true;
              if (ordered) flush();
              else emit(slot);
              startMore();
              checkComplete();
            },
            failure: (e) => {
              forget();
              stop(e);
            },
            defect: (d) => {
              forget();
              stop(d);
            },
          },
          where,
        );
        if (running.cancel !== undefined && !running.settled) cancels.add(running.cancel);
      };

      const startMore = nonReentrant(() => {
        while (!stopped && active < concurrency && pending.length > 0) startOne(pending.shift()!);
      });

      subscribeLinked(
        up,
        out,
        (t) => {
          if (stopped) return;
          pending.push(t);
          startMore();
        },
        (e) => stop(e),
        () => {
          upstreamDone = true;
          checkComplete();
        },
      );
      return () => {
        stopped = true;
        cancelAll();
      };
    },
    // the source must let `concurrency` elements in besides what the stages below hold; an unbounded
    // concurrency asks for nothing more (the source's credit is then the bound)
    (demand) => (Number.isFinite(concurrency) ? demand + concurrency : demand),
  );
};
