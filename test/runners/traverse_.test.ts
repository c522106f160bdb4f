import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { defer, of, throwError } from 'rxjs';
import { CreditStats, Defect, fail, fromArray, Om, traverse_ } from '../../src/index';
import { recordTickets } from '../../src/testing/index';
import { flushPromises, testScheduler } from '../helpers';

/** A save whose calls are settled by hand. */
const manualSave = <A>() => {
  const calls: Array<{ value: A; resolve: () => void; reject: (e: unknown) => void }> = [];
  const save = (value: A): Promise<void> =>
    new Promise<void>((resolve, reject) => calls.push({ value, resolve, reject }));
  return { calls, save };
};

describe('traverse_', () => {
  it('should run the effect for each element, in order, then give Right(undefined) (marble source)', async () => {
    const saved: string[] = [];
    let task: Promise<E.Either<unknown, void>> | undefined;
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const source = cold('-a-b-c|');
      task = pipe(
        source,
        traverse_((x: string) => Promise.resolve().then(() => void saved.push(x))),
      )();
      expectSubscriptions(source.subscriptions).toBe('^-----!');
    });
    expect(await task).toEqual(E.right(undefined));
    expect(saved).toEqual(['a', 'b', 'c']);
  });

  it('should accept an Om, a TaskEither, a Promise and a plain value as the effect', async () => {
    const seen: string[] = [];
    const effects = [
      (n: number) => Om.fromPromise(() => Promise.resolve(void seen.push(`om ${n}`))),
      (n: number) => TE.fromIO(() => void seen.push(`te ${n}`)),
      (n: number) => Promise.resolve(void seen.push(`promise ${n}`)),
      (n: number) => void seen.push(`value ${n}`),
    ];
    for (const f of effects) expect(await pipe(fromArray([1]), traverse_(f))()).toEqual(E.right(undefined));
    expect(seen).toEqual(['om 1', 'te 1', 'promise 1', 'value 1']);
  });

  it('should run the effects one at a time, in order, even when elements arrive at once', async () => {
    const { calls, save } = manualSave<number>();
    const task = pipe(of(1, 2, 3), traverse_(save))();
    await flushPromises();
    expect(calls.map((c) => c.value)).toEqual([1]);
    calls[0]!.resolve();
    await flushPromises();
    expect(calls.map((c) => c.value)).toEqual([1, 2]);
    calls[1]!.resolve();
    await flushPromises();
    expect(calls.map((c) => c.value)).toEqual([1, 2, 3]);
    calls[2]!.resolve();
    expect(await task).toEqual(E.right(undefined));
  });

  it('should resolve a ticket only after its effect succeeded', async () => {
    let clock = 0;
    const { stream, log } = recordTickets(fromArray(['a', 'b']), () => clock);
    const { calls, save } = manualSave<string>();
    const task = pipe(stream, traverse_(save))();
    await flushPromises();
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([undefined, undefined]);
    clock = 10;
    calls[0]!.resolve();
    await flushPromises();
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([10, undefined]);
    clock = 20;
    calls[1]!.resolve();
    expect(await task).toEqual(E.right(undefined));
    expect(log.entries.map((e) => e.resolvedAt)).toEqual([10, 20]);
  });

  it('should keep a credit-bounded source waiting while the effect runs', async () => {
    const stats = new CreditStats();
    const { calls, save } = manualSave<number>();
    const task = pipe(fromArray([1, 2, 3, 4, 5], { credit: 2, stats }), traverse_(save))();
    await flushPromises();
    expect(stats).toMatchObject({ pulled: 2, inFlight: 2 });
    calls[0]!.resolve();
    await flushPromises();
    expect(stats).toMatchObject({ pulled: 3, finished: 1, inFlight: 2 });
    for (let i = 1; i < 5; i++) {
      calls[i]!.resolve();
      await flushPromises();
    }
    expect(await task).toEqual(E.right(undefined));
    expect(stats.maxInFlight).toBe(2);
  });

  it('should stop at the first typed failure with Left(E), without touching later elements', async () => {
    const touched: number[] = [];
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4]));
    const result = await pipe(
      stream,
      traverse_((n: number) => {
        touched.push(n);
        return n === 2 ? TE.left({ _tag: 'SaveFailed' as const, n }) : TE.right(undefined);
      }),
    )();
    expect(result).toEqual(E.left({ _tag: 'SaveFailed', n: 2 }));
    expect(touched).toEqual([1, 2]);
    // the failed element's ticket is not resolved: it is not finished
    expect(log.entries[0]!.resolvedAt).toBeDefined();
    expect(log.entries[1]!.resolvedAt).toBeUndefined();
    expect(log.entries.slice(2).every((e) => e.resolvedAt === undefined)).toBe(true);
  });

  it('should give Left(Defect) for a rejection, and stop there', async () => {
    const boom = new Error('db down');
    const touched: number[] = [];
    const result = await pipe(
      fromArray([1, 2, 3]),
      traverse_((n: number) => {
        touched.push(n);
        return n === 1 ? Promise.reject(boom) : Promise.resolve();
      }),
    )();
    expect(result).toEqual(E.left(new Defect(boom, 'traverse_')));
    expect(E.isLeft(result) && (result.left as Defect).cause).toBe(boom);
    expect(touched).toEqual([1]);
  });

  it('should give Left(Defect) when f itself throws, and stop there', async () => {
    const boom = new Error('f threw');
    const touched: number[] = [];
    const result = await pipe(
      fromArray([1, 2, 3]),
      traverse_((n: number) => {
        touched.push(n);
        if (n === 2) throw boom;
        return Promise.resolve();
      }),
    )();
    expect(result).toEqual(E.left(new Defect(boom, 'traverse_')));
    expect(E.isLeft(result) && result.left).toBeInstanceOf(Defect);
    expect(touched).toEqual([1, 2]);
  });

  it('should give Left(E) for a failure of the stream itself', async () => {
    const f = jest.fn(() => Promise.resolve());
    expect(await pipe(fail('source failed'), traverse_(f))()).toEqual(E.left('source failed'));
    expect(
      await pipe(
        throwError(() => 'plain'),
        traverse_(f),
      )(),
    ).toEqual(E.left('plain'));
    expect(f).not.toHaveBeenCalled();
  });

  it('should never reject', async () => {
    await expect(
      pipe(
        of(1),
        traverse_(() => {
          throw 'thrown string';
        }),
      )(),
    ).resolves.toEqual(E.left(new Defect('thrown string', 'traverse_')));
  });

  it('should run the stream again each time the task is run', async () => {
    let subscriptions = 0;
    const saved: number[] = [];
    const task = pipe(
      defer(() => of(++subscriptions)),
      traverse_((n: number) => Promise.resolve(void saved.push(n))),
    );
    await task();
    await task();
    expect(saved).toEqual([1, 2]);
  });
});
