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

  error(error: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    try {
      this.onError(error);
    } finally {
      this.unsubscribe();
    }
  }

  complete(): void {
    if (this.stopped) return;
    this.stopped = true;
    try {
      this.onComplete();
    } finally {
      this.unsubscribe();
    }
  }

  override unsubscribe(): void {
    this.stopped = true;
    super.unsubscribe();
  }
}
