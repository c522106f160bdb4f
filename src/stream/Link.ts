/**
 * The subscriber our stages hand to the stage above them.
 *
 * RxJS's own operators link each stage's subscriber to the one below, so that an unsubscription from below
 * reaches a synchronous source *while it is still emitting* (that is how `range(0, Infinity).pipe(take(3))`
 * stops). The helper that does it is internal to RxJS; `Observable.subscribe` uses any observer that is also a
 * `Subscription` as the subscriber itself, so a `Subscription` with observer methods, added to the stage below,
 * gives the same link on public API.
 *
 * @internal
 */
import { Observer, Subscription } from 'rxjs';

export class Link<T> extends Subscription implements Observer<T> {
  private stopped = false;

  constructor(
    private readonly onNext: (value: T) => void,
    private readonly onError: (error: unknown) => void,
    private readonly onComplete: () => void,
  ) {
    super();
  }

  next(value: T): void {
    if (!this.stopped) this.onNext(value);
  }

  /**
   * The stage above has failed: tear it down first, then tell the handler. (RxJS's subscribers do it the other
   * way round; tearing down first means a source can never be pulled again by credit that the handler's work
   * returns.)
   */
  error(error: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe();
    this.onError(error);
  }

  /** The stage above has completed: tear it down first, then tell the handler. */
  complete(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe();
    this.onComplete();
  }

  override unsubscribe(): void {
    this.stopped = true;
    super.unsubscribe();
  }
}
