import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { defer, of, throwError } from 'rxjs';
import { Defect, fail, fromArray, range, runFold } from '../../src/index';
import { recordTickets } from '../../src/testing/index';
import { testScheduler } from '../helpers';

describe('runFold', () => {
  it('should fold the elements from the left, initial value first', async () => {
    expect(
      await pipe(
        fromArray([1, 2, 3]),
        runFold(0, (s, n: number) => s + n),
      )(),
    ).toEqual(E.right(6));
    expect(
      await pipe(
        fromArray(['a', 'b', 'c']),
        runFold('>', (s, x: string) => s + x),
      )(),
    ).toEqual(E.right('>abc'));
  });

  it('should give the initial value for an empty stream', async () => {
    expect(
      await pipe(
        of<number>(),
        runFold(42, (s, n: number) => s + n),
      )(),
    ).toEqual(E.right(42));
  });

  it('should fold a marble source over virtual time', async () => {
    let task: Promise<E.Either<unknown, string[]>> | undefined;
    testScheduler().run(({ cold }) => {
      task = pipe(
        cold('-a--b-(cd)|'),
        runFold<string[], string>([], (s, x) => [...s, x.toUpperCase()]),
      )();
    });
    expect(await task).toEqual(E.right(['A', 'B', 'C', 'D']));
  });

  it('should give Left(E) for a typed failure', async () => {
    expect(
      await pipe(
        fail('typed'),
        runFold(0, (s, n: number) => s + n),
      )(),
    ).toEqual(E.left('typed'));
    expect(
      await pipe(
        throwError(() => 'plain'),
        runFold(0, (s, n: number) => s + n),
      )(),
    ).toEqual(E.left('plain'));
  });

  it('should give Left(Defect) for a throw inside f, and stop folding', async () => {
    const boom = new Error('f failed');
    const seen: number[] = [];
    const result = await pipe(
      fromArray([1, 2, 3, 4]),
      runFold(0, (s, n: number) => {
        seen.push(n);
        if (n === 2) throw boom;
        return s + n;
      }),
    )();
    expect(result).toEqual(E.left(new Defect(boom, 'runner')));
    expect(E.isLeft(result) && (result.left as Defect).cause).toBe(boom);
    expect(seen).toEqual([1, 2]);
  });

  it('should not resolve the ticket of the element f threw on, nor of later ones', async () => {
    const { stream, log } = recordTickets(of(1, 2, 3));
    await pipe(
      stream,
      runFold(0, (s, n: number) => {
        if (n === 2) throw new Error('no');
        return s + n;
      }),
    )();
    expect(log.entries.map((e) => e.resolvedAt !== undefined)).toEqual([true, false]);
  });

  it('should never reject', async () => {
    await expect(
      pipe(
        of(1),
        runFold(0, () => {
          throw 'string thrown';
        }),
      )(),
    ).resolves.toEqual(E.left(new Defect('string thrown', 'runner')));
  });

  it('should start from the initial value each time the task is run', async () => {
    let subscriptions = 0;
    const task = pipe(
      defer(() => {
        subscriptions++;
        return of(1, 2);
      }),
      runFold(10, (s, n: number) => s + n),
    );
    expect(await task()).toEqual(E.right(13));
    expect(await task()).toEqual(E.right(13));
    expect(subscriptions).toBe(2);
  });

  it('should fold a long stream', async () => {
    expect(
      await pipe(
        range(0, 100_000),
        runFold(0, (s, n: number) => s + n),
      )(),
    ).toEqual(E.right(4_999_950_000));
  });
});
