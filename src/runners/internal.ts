/**
 * The one loop every runner shares.
 *
 * @internal
 */
import * as E from '../om/either.js';
import type { Either } from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import { Observable } from 'rxjs';
import { Defect } from '../om/errors.js';
import { rootContext } from '../stream/context.js';
import { Link } from '../stream/Link.js';
import { Queue } from '../stream/operate.js';
import { toStream, Tracked } from '../stream/Stream.js';

/** What a runner does with each element; `done` gives its result at the end. */
export interface Sink<A, B> {
  /**
   * Takes one element. Return nothing when it is finished (the runner resolves its ticket), or a Promise that
   * settles when it is: fulfilled to resolve the ticket, rejected with a failure to stop the run.
   */
  element(t: Tracked<A>): void | Promise<void>;
  done(): B;
}

/**
 * Runs a stream into a sink. Elements are handed to the sink one at a time, in order; while the sink is busy
 * with one, later ones wait (at most what the source's credit lets through). The returned task never rejects.
 *
 * @internal
 */
export const run =
  <A, B>(source: Observable<A>, makeSink: () => Sink<A, B>): TaskEither<unknown, B> =>
  () =>
    new Promise<Either<unknown, B>>((resolve) => {
      const ctx = rootContext();
      const sink = makeSink();
      const waiting = new Queue<Tracked<A>>();
      /** the sink's effect still running, if any */
      let busy: Promise<void> | undefined;
      let upstreamDone = false;
      let finished = false;

      const finish = (outcome: Either<unknown, B> | undefined): void => {
        if (finished) return;
        finished = true;
        link.unsubscribe();
        // the chain is torn down now (after a failure above, it already was); then wait for the sink's running
        // effect (a failure elsewhere does not cut a send short), and for every release the teardown started
        const running = busy ?? Promise.resolve();
        void running
          .then(
            () => undefined,
            () => undefined,
          )
          .then(() => ctx.finalizers.settled())
          .then((releaseFailure) => {
            if (outcome === undefined) {
              let result: B;
              try {
                result = sink.done();
              } catch (reason) {
                return resolve(E.left(Defect.of(reason, 'runner')));
              }
              outcome = E.right(result);
            }
            resolve(E.isRight(outcome) && releaseFailure !== undefined ? E.left(releaseFailure) : outcome);
          });
      };

      const drain = (): void => {
        while (busy === undefined && !finished && waiting.length > 0) {
          const t = waiting.shift()!;
          let pending: void | Promise<void>;
          try {
            pending = sink.element(t);
          } catch (reason) {
            return finish(E.left(Defect.of(reason, 'runner')));
          }
          if (pending === undefined) {
            t.ticket.resolve();
            continue;
          }
          const current: Promise<void> = pending.then(
            () => {
              busy = undefined;
              t.ticket.resolve();
              drain();
            },
            (failure: unknown) => {
              busy = undefined;
              finish(E.left(failure));
            },
          );
          busy = current;
        }
        if (busy === undefined && upstreamDone && waiting.length === 0) finish(undefined);
      };

      const link = new Link<Tracked<A>>(
        (t) => {
          waiting.push(t);
          drain();
        },
        (e) => finish(E.left(e)),
        () => {
          upstreamDone = true;
          drain();
        },
      );
      toStream(source).openTracked(ctx).subscribe(link);
    });
