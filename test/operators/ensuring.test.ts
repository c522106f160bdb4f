import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { of, Subscription, tap, throwError } from 'rxjs';
import {
  concatMap,
  Defect,
  ensuring,
  fromArray,
  fromAsyncIterable,
  map,
  mapM,
  Om,
  provide,
  runCollect,
  runDrain,
  take,
} from '../../src/index';
import { recordTickets } from '../../src/testing/index';
import { flushPromises, sleep, testScheduler } from '../helpers';

/** A finalizer that takes `ms` and counts its starts and ends. */
const finalizer = (ms = 20) => {
  const f = {
    started: 0,
    finished: 0,
    run: async () => {
      f.started++;
      await sleep(ms);
      f.finished++;
    },
  };
  return f;
};

async function* ticks(n: number, ms = 2) {
  for (let i = 1; i <= n; i++) {
    await sleep(ms);
    yield i;
  }
}

describe('ensuring', () => {
  it('should run the finalizer at completion, then complete (the doc diagram)', async () => {
    const scheduler = testScheduler();
    const events: string[] = [];
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--|');
      const expected = '   --a--b---';
      const result = source.pipe(
        ensuring(() => {
          events.push(`finalizer @${scheduler.now()}`);
        }),
        tap({ complete: () => events.push('complete') }),
      );
      expectObservable(result).toBe(expected);
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
    expect(events).toEqual(['finalizer @8']);
    await flushPromises();
    expect(events).toEqual(['finalizer @8', 'complete']);
  });

  it('should run the finalizer at an early unsubscription and at a failure', () => {
    const scheduler = testScheduler();
    const events: string[] = [];
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('--a--b--|');
      expectObservable(
        source.pipe(ensuring(() => void events.push(`unsubscribed @${scheduler.now()}`))),
        '----!',
      ).toBe('--a-');
      expectSubscriptions(source.subscriptions).toBe('^---!');
      const failing = cold('-a-#', undefined, 'bad');
      expectObservable(failing.pipe(ensuring(() => void events.push(`failed @${scheduler.now()}`)))).toBe(
        '-a--',
      );
    });
    expect(events).toEqual(['failed @3', 'unsubscribed @4']);
  });

  it('should run for never-ending and empty streams only when they end', () => {
    const scheduler = testScheduler();
    const events: string[] = [];
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-').pipe(ensuring(() => void events.push('never')))).toBe('-a-');
      expectObservable(cold('|').pipe(ensuring(() => void events.push(`empty @${scheduler.now()}`)))).toBe(
        '-',
      );
    });
    // the never-ending stream is still subscribed after virtual time: its finalizer has not run
    expect(events).toEqual(['empty @0']);
  });

  it('should run once, after the last element, and complete only once it has finished', async () => {
    const f = finalizer(15);
    const events: string[] = [];
    await new Promise<void>((resolve) => {
      fromAsyncIterable(ticks(3))
        .pipe(ensuring(f.run))
        .subscribe({
          next: (n) => events.push(`next ${n} (started: ${f.started})`),
          complete: () => {
            events.push(`complete (finished: ${f.finished})`);
            resolve();
          },
        });
    });
    expect(events).toEqual([
      'next 1 (started: 0)',
      'next 2 (started: 0)',
      'next 3 (started: 0)',
      'complete (finished: 1)',
    ]);
  });

  it('should have finished by the time the runner resolves, however the stream ends', async () => {
    const completed = finalizer();
    expect(await pipe(fromArray([1, 2, 3]), ensuring(completed.run), runCollect)()).toEqual(
      E.right([1, 2, 3]),
    );
    expect([completed.started, completed.finished]).toEqual([1, 1]);

    const failed = finalizer();
    expect(
      await pipe(
        fromArray([1, 2, 3]),
        mapM((n) => (n === 2 ? Om.fail('bad' as const) : Om.succeed(n))),
        ensuring(failed.run),
        runCollect,
      )(),
    ).toEqual(E.left('bad'));
    expect([failed.started, failed.finished]).toEqual([1, 1]);

    const taken = finalizer();
    expect(await pipe(fromArray([1, 2, 3]), ensuring(taken.run), take(1), runCollect)()).toEqual(
      E.right([1]),
    );
    expect([taken.started, taken.finished]).toEqual([1, 1]);

    const takenAsync = finalizer();
    expect(await pipe(fromAsyncIterable(ticks(10)), ensuring(takenAsync.run), take(3), runDrain)()).toEqual(
      E.right(undefined),
    );
    expect([takenAsync.started, takenAsync.finished]).toEqual([1, 1]);

    const below = finalizer();
    const boom = new Error('boom');
    expect(
      await pipe(
        fromAsyncIterable(ticks(5)),
        ensuring(below.run),
        map((n) => {
          if (n === 3) throw boom;
          return n;
        }),
        runCollect,
      )(),
    ).toEqual(E.left(new Defect(boom, 'map')));
    expect([below.started, below.finished]).toEqual([1, 1]);
    await sleep(30);
    expect([completed, failed, taken, takenAsync, below].map((f) => f.started)).toEqual([1, 1, 1, 1, 1]);
  });

  it('should run once on an unsubscription', async () => {
    const f = finalizer(5);
    let sub: Subscription | undefined;
    await new Promise<void>((resolve) => {
      sub = fromAsyncIterable(ticks(100))
        .pipe(ensuring(f.run))
        .subscribe((n) => n === 2 && resolve());
    });
    sub!.unsubscribe();
    sub!.unsubscribe();
    await sleep(15);
    expect([f.started, f.finished]).toEqual([1, 1]);
  });

  it('should run for every subscription and every inner stream', async () => {
    const f = finalizer(2);
    const stream = fromArray([1, 2]).pipe(ensuring(f.run));
    await runDrain(stream)();
    await runDrain(stream)();
    expect(f.finished).toBe(2);

    const inner = finalizer(2);
    expect(
      await pipe(
        fromArray([1, 2, 3]),
        concatMap((n) => fromArray([n, n]).pipe(ensuring(inner.run))),
        take(5),
        runCollect,
      )(),
    ).toEqual(E.right([1, 1, 2, 2, 3]));
    expect([inner.started, inner.finished]).toEqual([3, 3]);
  });

  it('should accept a function, a Promise thunk, a TaskEither and an Om', async () => {
    const ran: string[] = [];
    await runDrain(fromArray([1]).pipe(ensuring(() => void ran.push('function'))))();
    await runDrain(fromArray([1]).pipe(ensuring(() => sleep(1).then(() => void ran.push('thunk')))))();
    await runDrain(fromArray([1]).pipe(ensuring(TE.fromIO(() => void ran.push('task')))))();
    const withContext = fromArray([1]).pipe(
      ensuring(Om.asks((r: { name: string }) => void ran.push(r.name))),
    );
    await pipe(withContext, provide({ name: 'om' }), runDrain)();
    expect(ran).toEqual(['function', 'thunk', 'task', 'om']);
  });

  it('should fail the run with a Defect when the finalizer fails', async () => {
    const boom = new Error('cleanup failed');
    const onComplete = await pipe(
      fromArray([1, 2]),
      ensuring(() => Promise.reject(boom)),
      runCollect,
    )();
    expect(onComplete).toEqual(E.left(new Defect(boom, 'ensuring')));

    const onTake = await pipe(
      fromArray([1, 2]),
      ensuring(() => {
        throw boom;
      }),
      take(1),
      runCollect,
    )();
    expect(E.isLeft(onTake) && onTake.left).toBeInstanceOf(Defect);
    expect(E.isLeft(onTake) && (onTake.left as Defect).cause).toBe(boom);

    const typed = await pipe(fromArray([1]), ensuring(TE.left('nope')), runCollect)();
    expect(E.isLeft(typed) && typed.left).toBeInstanceOf(Defect);
  });

  it('should run on plain Observables, and pass their elements and errors on', async () => {
    const f = finalizer(1);
    expect(await pipe(of(1, 2), ensuring(f.run), runCollect)()).toEqual(E.right([1, 2]));
    expect(
      await pipe(
        throwError(() => 'err'),
        ensuring(f.run),
        runCollect,
      )(),
    ).toEqual(E.left('err'));
    expect(f.finished).toBe(2);
  });

  it('should keep the tickets and resolve them at the sink', async () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3]));
    expect(
      await pipe(
        stream,
        ensuring(() => undefined),
        runCollect,
      )(),
    ).toEqual(E.right([1, 2, 3]));
    expect(log.open()).toBe(0);
  });
});
