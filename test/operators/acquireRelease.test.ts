import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { Observable, Subscription, tap } from 'rxjs';
import {
  acquireRelease,
  concatMap,
  Defect,
  fromArray,
  fromAsyncIterable,
  map,
  mapM,
  Om,
  provide,
  runCollect,
  runDrain,
  Stream,
  take,
} from '../../src/index';
import { recordTickets } from '../../src/testing/index';
import { flushPromises, sleep, testScheduler } from '../helpers';

/** A resource whose release takes `ms` and records when it started and finished. */
const resource = (ms = 20) => {
  const events: string[] = [];
  let next = 0;
  const r = {
    events,
    acquired: 0,
    released: 0,
    releasing: 0,
    acquire: async () => {
      r.acquired++;
      const id = ++next;
      events.push(`acquire ${id}`);
      return id;
    },
    release: async (id: number) => {
      r.releasing++;
      events.push(`release ${id} start`);
      await sleep(ms);
      r.released++;
      events.push(`release ${id} done`);
    },
  };
  return r;
};

async function* ticks(n: number, ms = 2) {
  for (let i = 1; i <= n; i++) {
    await sleep(ms);
    yield i;
  }
}

describe('acquireRelease', () => {
  it('should release when the use stream completes, then complete (the doc diagram)', async () => {
    const scheduler = testScheduler();
    const events: string[] = [];
    let completedAt: number | undefined;
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const rows = cold('--a--b--c--|');
      const stream = acquireRelease(
        () => {
          events.push(`open @${scheduler.now()}`);
          return 'conn';
        },
        (conn) => {
          events.push(`close ${conn} @${scheduler.now()}`);
        },
        () => rows,
      );
      // the completion comes once the release has finished, a Promise turn later: after virtual time
      expectObservable(stream.pipe(tap({ complete: () => (completedAt = scheduler.now()) }))).toBe(
        '--a--b--c---',
      );
      expectSubscriptions(rows.subscriptions).toBe('^----------!');
    });
    expect(events).toEqual(['open @0', 'close conn @11']);
    expect(completedAt).toBeUndefined();
    await flushPromises();
    expect(completedAt).toBeDefined();
  });

  it('should release at the frame of an early unsubscription and of a failure', () => {
    const scheduler = testScheduler();
    const events: string[] = [];
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const rows = cold('--a--b--c--|');
      const stream = acquireRelease(
        () => 'u',
        (r) => {
          events.push(`${r} @${scheduler.now()}`);
        },
        () => rows,
      );
      expectObservable(stream, '------!').toBe('--a--b');
      expectSubscriptions(rows.subscriptions).toBe('^-----!');

      const failing = cold('--a--#', undefined, 'bad');
      const stream2 = acquireRelease(
        () => 'f',
        (r) => {
          events.push(`${r} @${scheduler.now()}`);
        },
        () => failing,
      );
      // the failure is passed on once the release has finished (after virtual time)
      expectObservable(stream2).toBe('--a---');
    });
    expect(events).toEqual(['f @5', 'u @6']);
  });

  it('should release exactly once, after the last element, when the stream completes', async () => {
    const r = resource();
    const result = await pipe(
      acquireRelease(r.acquire, r.release, (id) => fromArray([id, id + 10, id + 20])),
      runCollect,
    )();
    expect(result).toEqual(E.right([1, 11, 21]));
    expect([r.acquired, r.releasing, r.released]).toEqual([1, 1, 1]);
    await sleep(30);
    expect(r.releasing).toBe(1);
  });

  it('should pass the completion on only after an asynchronous release has finished', async () => {
    const r = resource(15);
    const events: string[] = [];
    await new Promise<void>((resolve) => {
      acquireRelease(r.acquire, r.release, () => fromAsyncIterable(ticks(3))).subscribe({
        next: (n) => events.push(`next ${n}`),
        complete: () => {
          events.push(`complete (released: ${r.released})`);
          resolve();
        },
      });
    });
    expect(events).toEqual(['next 1', 'next 2', 'next 3', 'complete (released: 1)']);
  });

  it('should release once when the stream fails, before the runner resolves', async () => {
    const r = resource();
    const result = await pipe(
      acquireRelease(r.acquire, r.release, () =>
        pipe(
          fromArray([1, 2, 3]),
          mapM((n) => (n === 2 ? Om.fail('bad' as const) : Om.succeed(n))),
        ),
      ),
      runCollect,
    )();
    expect(result).toEqual(E.left('bad'));
    expect([r.releasing, r.released]).toEqual([1, 1]);
  });

  it('should release when take(1) cuts a synchronous stream short, and the runner waits for it', async () => {
    const r = resource(20);
    const result = await pipe(
      acquireRelease(r.acquire, r.release, () => fromArray([1, 2, 3])),
      take(1),
      runCollect,
    )();
    // the release started at the unsubscription and has finished by the time the runner resolves
    expect(result).toEqual(E.right([1]));
    expect([r.releasing, r.released]).toEqual([1, 1]);
    await sleep(30);
    expect(r.releasing).toBe(1);
  });

  it('should release when take cuts an asynchronous stream short, after several elements', async () => {
    const r = resource(20);
    const result = await pipe(
      acquireRelease(r.acquire, r.release, () => fromAsyncIterable(ticks(10))),
      take(3),
      runCollect,
    )();
    expect(result).toEqual(E.right([1, 2, 3]));
    expect([r.releasing, r.released]).toEqual([1, 1]);
  });

  it('should release when a stage below fails, and runDrain waits for it', async () => {
    const r = resource(20);
    const boom = new Error('boom');
    const result = await pipe(
      acquireRelease(r.acquire, r.release, () => fromAsyncIterable(ticks(5))),
      map((n) => {
        if (n === 2) throw boom;
        return n;
      }),
      runDrain,
    )();
    expect(result).toEqual(E.left(new Defect(boom, 'map')));
    expect([r.releasing, r.released]).toEqual([1, 1]);
  });

  it('should release once on an unsubscription', async () => {
    const r = resource(5);
    const seen: number[] = [];
    let sub: Subscription | undefined;
    await new Promise<void>((resolve) => {
      sub = acquireRelease(r.acquire, r.release, () => fromAsyncIterable(ticks(100))).subscribe((n) => {
        seen.push(n);
        if (n === 2) resolve();
      });
    });
    sub!.unsubscribe();
    sub!.unsubscribe();
    expect(r.releasing).toBe(1);
    await sleep(20);
    expect([r.releasing, r.released]).toEqual([1, 1]);
    expect(seen).toEqual([1, 2]);
  });

  it('should release a resource acquired after an early unsubscription', async () => {
    const r = resource(1);
    let acquired: (id: number) => void = () => undefined;
    const slowAcquire = () =>
      new Promise<number>((resolve) => {
        acquired = resolve;
      });
    const sub = acquireRelease(slowAcquire, r.release, (id) => fromArray([id])).subscribe();
    sub.unsubscribe();
    acquired(7);
    await sleep(10);
    expect(r.events).toEqual(['release 7 start', 'release 7 done']);
  });

  it('should acquire and release for each subscription and each inner stream of concatMap', async () => {
    const r = resource(5);
    const stream = acquireRelease(r.acquire, r.release, (id) => fromArray([id, id]));
    expect(await runCollect(stream)()).toEqual(E.right([1, 1]));
    expect(await runCollect(stream)()).toEqual(E.right([2, 2]));
    expect([r.acquired, r.released]).toEqual([2, 2]);

    const per = resource(5);
    const result = await pipe(
      fromArray(['a', 'b', 'c']),
      concatMap((x) => acquireRelease(per.acquire, per.release, (id) => fromArray([`${x}${id}`]))),
      runCollect,
    )();
    expect(result).toEqual(E.right(['a1', 'b2', 'c3']));
    // each inner stream completes only after its release: they never overlap
    expect(per.events).toEqual([
      'acquire 1',
      'release 1 start',
      'release 1 done',
      'acquire 2',
      'release 2 start',
      'release 2 done',
      'acquire 3',
      'release 3 start',
      'release 3 done',
    ]);
  });

  it('should release every resource when take stops inside the second of several inner streams', async () => {
    const r = resource(10);
    const result = await pipe(
      fromArray([1, 2, 3]),
      concatMap(() =>
        acquireRelease(r.acquire, r.release, (id) =>
          fromAsyncIterable(ticks(3)).pipe(map((n) => id * 10 + n)),
        ),
      ),
      take(4),
      runCollect,
    )();
    expect(result).toEqual(E.right([11, 12, 13, 21]));
    expect([r.acquired, r.releasing, r.released]).toEqual([2, 2, 2]);
  });

  it('should fail the run with a Defect when the release fails', async () => {
    const boom = new Error('cannot close');
    const rejecting = await pipe(
      acquireRelease(
        () => Promise.resolve(1),
        () => Promise.reject(boom),
        (n) => fromArray([n]),
      ),
      runCollect,
    )();
    expect(E.isLeft(rejecting) && rejecting.left).toBeInstanceOf(Defect);
    expect(E.isLeft(rejecting) && (rejecting.left as Defect).cause).toBe(boom);

    const throwing = await pipe(
      acquireRelease(
        () => 1,
        () => {
          throw boom;
        },
        (n) => fromArray([n, n]),
      ),
      take(1),
      runCollect,
    )();
    expect(E.isLeft(throwing) && throwing.left).toBeInstanceOf(Defect);
    expect(E.isLeft(throwing) && (throwing.left as Defect).cause).toBe(boom);

    const typed = await pipe(
      acquireRelease(
        () => 1,
        () => TE.left('typed release failure'),
        (n) => fromAsyncIterable(ticks(3)).pipe(map((x) => x + n)),
      ),
      take(2),
      runCollect,
    )();
    expect(E.isLeft(typed) && typed.left).toBeInstanceOf(Defect);
  });

  it('should release nothing when acquiring fails', async () => {
    const r = resource();
    expect(
      await pipe(
        acquireRelease(TE.left('no connection'), r.release, (n: number) => fromArray([n])),
        runCollect,
      )(),
    ).toEqual(E.left('no connection'));
    const boom = new Error('boom');
    const thrown = await pipe(
      acquireRelease(
        () => Promise.reject(boom),
        r.release,
        (n: number) => fromArray([n]),
      ),
      runCollect,
    )();
    expect(E.isLeft(thrown) && thrown.left).toBeInstanceOf(Defect);
    expect(r.releasing).toBe(0);
  });

  it('should release, then fail with a Defect, when `use` throws', async () => {
    const r = resource(5);
    const boom = new Error('bad use');
    const result = await pipe(
      acquireRelease(r.acquire, r.release, (): Stream<number> => {
        throw boom;
      }),
      runCollect,
    )();
    expect(result).toEqual(E.left(new Defect(boom, 'acquireRelease: use')));
    expect(r.released).toBe(1);
  });

  it('should read the context given by provide in its effects', async () => {
    interface Pool {
      readonly pool: { open: () => string; close: (c: string) => void };
    }
    const closed: string[] = [];
    const ctx: Pool = { pool: { open: () => 'c1', close: (c) => void closed.push(c) } };
    const stream = acquireRelease(
      Om.asks((r: Pool) => r.pool.open()),
      (c) => Om.asks((r: Pool) => r.pool.close(c)),
      (c) => fromArray([c]),
    );
    expect(await pipe(stream, provide(ctx), runCollect)()).toEqual(E.right(['c1']));
    expect(closed).toEqual(['c1']);
  });

  it('should keep the tickets of the use stream and resolve them at the sink', async () => {
    const { stream, log } = recordTickets(fromArray([1, 2, 3]));
    expect(
      await pipe(
        acquireRelease(
          () => 0,
          () => undefined,
          () => stream,
        ),
        runCollect,
      )(),
    ).toEqual(E.right([1, 2, 3]));
    expect(log.open()).toBe(0);
  });

  it('should accept a plain Observable as the use stream', async () => {
    const r = resource(1);
    const plain = new Observable<number>((o) => {
      o.next(1);
      o.next(2);
      o.complete();
    });
    expect(
      await pipe(
        acquireRelease(r.acquire, r.release, () => plain),
        runCollect,
      )(),
    ).toEqual(E.right([1, 2]));
    expect(r.released).toBe(1);
  });
});
