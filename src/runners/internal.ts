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
      const waiting: Array<Tracked<A>> = [];
      let head = 0;
      let busy = false;
      let upstreamDone = false;
      let finished = false;

      const finish = (outcome: Either<unknown, B> | undefined): void => {
        if (finished) return;
        finished = true;
        link.unsubscribe();
        // let the teardown of the whole chain run (and register its releases) before waiting for them
        void Promise.resolve()
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
        while (!busy && !finished && head < waiting.length) {
          const t = waiting[head]!;
          waiting[head++] = undefined as unknown as Tracked<A>;
          if (head > 1024 && head * 2 > waiting.length) {
            waiting.splice(0, head);
            head = 0;
          }
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
          busy = true;
          pending.then(
            () => {
              busy = false;
              t.ticket.resolve();
              drain();
            },
            (failure: unknown) => finish(E.left(failure)),
          );
        }
        if (!busy && upstreamDone && head >= waiting.length) finish(undefined);
      };

      const link = new Link<Tracked<A>>(
        (t) => {
          if (!busy && head >= waiting.length) {
            // the common case: nothing waiting, hand the element over at once
            let pending: void | Promise<void>;
            try {
              pending = sink.element(t);
            } catch (reason) {
              return finish(E.left(Defect.of(reason, 'runner')));
            }
            if (pending === undefined) return t.ticket.resolve();
            busy = true;
            pending.then(
              () => {
                busy = false;
                t.ticket.resolve();
                drain();
              },
              (failure: unknown) => finish(E.left(failure)),
            );
            return;
          }
          waiting.push(t);
        },
        (e) => finish(E.left(e)),
        () => {
          upstreamDone = true;
          drain();
        },
      );
      toStream(source).openTracked(ctx).subscribe(link);
    });
