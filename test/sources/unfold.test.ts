import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import { take as rxTake, toArray } from 'rxjs';
import { CreditStats, Defect, runCollect, unfold } from '../../src/index';
import { hold, testScheduler } from '../helpers';

describe('unfold', () => {
  it('should emit from a seed until the step gives none (marble)', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(unfold((n: number) => (n < 3 ? O.some([n, n + 1] as const) : O.none), 0)).toBe(
        '(012|)',
        {
          0: 0,
          1: 1,
          2: 2,
        },
      );
    });
  });

  it('should complete at once when the first step gives none', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(unfold(() => O.none, 0)).toBe('|');
    });
  });

  it('should carry the state from step to step', async () => {
    // Fibonacci numbers below 50
    const fib = unfold(
      ([a, b]: readonly [number, number]) => (a < 50 ? O.some([a, [b, a + b]] as const) : O.none),
      [0, 1] as const,
    );
    expect(await runCollect(fib)()).toEqual(E.right([0, 1, 1, 2, 3, 5, 8, 13, 21, 34]));
  });

  it('should start from the seed again for each subscription', async () => {
    const s = unfold((n: number) => (n < 2 ? O.some([n, n + 1] as const) : O.none), 0);
    expect(await runCollect(s)()).toEqual(E.right([0, 1]));
    expect(await runCollect(s)()).toEqual(E.right([0, 1]));
  });

  it('should call the step no more often than the credit allows', () => {
    const steps: number[] = [];
    const stats = new CreditStats();
    const { held, values } = hold(
      unfold(
        (n: number) => {
          steps.push(n);
          return O.some([n, n + 1] as const);
        },
        0,
        { credit: 3, stats },
      ),
    );
    expect(values()).toEqual([0, 1, 2]);
    expect(steps).toEqual([0, 1, 2]);
    held[0]!.ticket.resolve();
    expect(steps).toEqual([0, 1, 2, 3]);
    expect(stats).toMatchObject({ pulled: 4, inFlight: 3 });
  });

  it('should stop calling the step on an early unsubscription', () => {
    const steps: number[] = [];
    let got: number[] = [];
    unfold((n: number) => {
      steps.push(n);
      return O.some([n, n + 1] as const);
    }, 0)
      .pipe(rxTake(3), toArray())
      .subscribe((xs) => (got = xs));
    expect(got).toEqual([0, 1, 2]);
    expect(steps).toEqual([0, 1, 2]);
  });

  it('should fail with a Defect when the step throws', () => {
    const boom = new Error('boom');
    testScheduler().run(({ expectObservable }) => {
      const s = unfold((n: number) => {
        if (n === 2) throw boom;
        return O.some([n, n + 1] as const);
      }, 0);
      expectObservable(s).toBe('(01#)', { 0: 0, 1: 1 }, new Defect(boom, 'unfold'));
    });
  });

  it('should give Left(Defect) to a runner when the step throws', async () => {
    const result = await runCollect(
      unfold(() => {
        throw 'bad step';
      }, 0),
    )();
    expect(result).toEqual(E.left(new Defect('bad step', 'unfold')));
    expect(E.isLeft(result) && (result.left as Defect).cause).toBe('bad step');
  });

  it('should reject a bad credit when made', () => {
    expect(() => unfold(() => O.none, 0, { credit: 2.5 })).toThrow(RangeError);
  });
});
