/**
 * What a subscription carries up the chain, from the sink to the source.
 *
 * @internal
 */
import { Defect } from '../om/errors.js';

/**
 * Releases that are still running. A runner waits for them before it resolves, so that a pipeline cut short by
 * `take` still finishes releasing its resources before its result is seen.
 *
 * @internal
 */
export class Finalizers {
  private readonly pending = new Set<Promise<void>>();
  private readonly failures: unknown[] = [];

  /** Registers a release that is running now. */
  add(release: Promise<unknown>): void {
    const p: Promise<void> = release.then(
      () => undefined,
      (reason: unknown) => {
        this.failures.push(reason);
      },
    );
    this.pending.add(p);
    void p.then(() => this.pending.delete(p));
  }

  /** Resolves once no release is running, with the first release failure if any. */
  async settled(): Promise<Defect | undefined> {
    // a release may register another one while it runs, so wait until the set stays empty
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    return this.failures.length > 0 ? Defect.of(this.failures[0], 'release failed') : undefined;
  }
}

/**
 * @internal
 */
export interface StreamContext {
  /** the context `R`, as supplied by `provide` */
  readonly env: unknown;
  /**
   * How many elements the stages below must hold at once to make progress, counted in elements of the stage
   * that receives this context. A source raises its credit to at least this, so that `grouped(500)` under a
   * source with 256 credits can still fill a group.
   */
  readonly demand: number;
  /** releases to wait for before a runner resolves */
  readonly finalizers: Finalizers;
}

/** @internal */
export const rootContext = (env: unknown = undefined): StreamContext => ({
  env,
  demand: 0,
  finalizers: new Finalizers(),
});

/** @internal */
export const withDemand = (ctx: StreamContext, demand: number): StreamContext =>
  demand === ctx.demand ? ctx : { env: ctx.env, demand, finalizers: ctx.finalizers };
