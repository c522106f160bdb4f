import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { defer, of, throwError } from 'rxjs';
import { CreditStats, Defect, fail, fromArray, map, runDrain, tap, unfold } from '../../src/index';
import { recordTickets } from '../../src/testing/index';
import * as O from 'fp-ts/Option';
import { testScheduler } from '../helpers';

describe('runDrain', () => {
  it('should run the stream for its effects and give Right(undefined)', async () => {
    const seen: number[] = [];
    const result = await pipe(
      fromArray([1, 2, 3]),
      tap((n) => void seen.push(n)),
      runDrain,
    )();
    expect(result).toEqual(E.right(undefined));
    expect(seen).toEqual([1, 2, 3]);
  });

  it('should drain a marble source over virtual time', async () => {
    let task: Promise<E.Either<unknown, void>> | undefined;
    const seen: string[] = [];
    testScheduler().run(({ cold, expectSubscriptions }) => {
      const source = cold('-a-b-c|');
      task = runDrain(source.pipe(tap((x: string) => void seen.push(x))))();
      expectSubscriptions(source.subscriptions).toBe('^-----!');
    });
    expect(await task).toEqual(E.right(undefined));
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('should give Left(E) for a typed failure and Left(Defect) for a throw', async () => {
    expect(await runDrain(fail('typed'))()).toEqual(E.left('typed'));
    expect(await runDrain(throwError(() => 'plain'))()).toEqual(E.left('plain'));
    const boom = new Error('boom');
    const result = await pipe(
      of(1),
      map(() => {
        throw boom;
      }),
      runDrain,
    )();
    expect(result).toEqual(E.left(new Defect(boom, 'map')));
  });

  it('should never reject', async () => {
    const step = (): O.Option<readonly [number, number]> => {
      throw 'step';
    };
    await expect(runDrain(unfold(step, 0))()).resolves.toEqual(E.left(new Defect('step', 'unfold')));
  });

  it('should run the stream again each time the task is run', async () => {
    let runs = 0;
    const task = runDrain(defer(() => of(++runs)));
    await task();
    await task();
    expect(runs).toBe(2);
  });

  it('should resolve each ticket as the element arrives', async () => {
    const stats = new CreditStats();
    const { stream, log } = recordTickets(fromArray([1, 2, 3, 4], { credit: 2, stats }));
    expect(await runDrain(stream)()).toEqual(E.right(undefined));
    expect(log.open()).toBe(0);
    expect(stats).toMatchObject({ pulled: 4, finished: 4, maxInFlight: 1 });
  });
});
