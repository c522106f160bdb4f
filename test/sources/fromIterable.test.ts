import * as E from 'fp-ts/Either';
import { take as rxTake, toArray } from 'rxjs';
import { CreditStats, Defect, fromIterable, runCollect } from '../../src/index';
import { hold, testScheduler } from '../helpers';

/** A generator that logs each step it takes and whether it was closed. */
const logged = (n: number) => {
  const log: string[] = [];
  function* gen(): Generator<number> {
    try {
      for (let i = 0; i < n; i++) {
        log.push(`yield ${i}`);
        yield i;
      }
      log.push('end');
    } finally {
      log.push('finally');
    }
  }
  return { log, gen };
};

describe('fromIterable', () => {
  it('should emit the elements of an iterable and complete (marble)', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(fromIterable(new Set([1, 2, 3]))).toBe('(123|)', { 1: 1, 2: 2, 3: 3 });
    });
  });

  it('should complete at once for an empty iterable', () => {
    testScheduler().run(({ expectObservable }) => {
      expectObservable(fromIterable(new Map())).toBe('|');
    });
  });

  it('should iterate an iterable anew for each subscription', async () => {
    const set = fromIterable(new Set(['x', 'y']));
    expect(await runCollect(set)()).toEqual(E.right(['x', 'y']));
    expect(await runCollect(set)()).toEqual(E.right(['x', 'y']));
    // a generator object is its own iterator: a second subscription finds it finished
    function* once(): Generator<number> {
      yield 1;
    }
    const gen = fromIterable(once());
    expect(await runCollect(gen)()).toEqual(E.right([1]));
    expect(await runCollect(gen)()).toEqual(E.right([]));
  });

  it('should advance a generator no further than the credit allows', () => {
    const { log, gen } = logged(10);
    const stats = new CreditStats();
    const { held, values } = hold(fromIterable(gen(), { credit: 2, stats }));
    expect(values()).toEqual([0, 1]);
    expect(log).toEqual(['yield 0', 'yield 1']);
    held[0]!.ticket.resolve();
    expect(values()).toEqual([0, 1, 2]);
    expect(log).toEqual(['yield 0', 'yield 1', 'yield 2']);
    expect(stats).toMatchObject({ pulled: 3, finished: 1, inFlight: 2, maxInFlight: 2 });
  });

  it('should complete when the generator ends, without calling return()', async () => {
    const { log, gen } = logged(3);
    expect(await runCollect(fromIterable(gen()))()).toEqual(E.right([0, 1, 2]));
    expect(log).toEqual(['yield 0', 'yield 1', 'yield 2', 'end', 'finally']);
  });

  it('should close the iterator (return()) on an early unsubscription', () => {
    const { log, gen } = logged(100);
    let got: number[] = [];
    fromIterable(gen())
      .pipe(rxTake(3), toArray())
      .subscribe((xs) => (got = xs));
    expect(got).toEqual([0, 1, 2]);
    expect(log).toEqual(['yield 0', 'yield 1', 'yield 2', 'finally']);
  });

  it('should close the iterator when a holder of tickets unsubscribes', () => {
    const returned = jest.fn(() => ({ done: true as const, value: undefined }));
    let i = 0;
    const iterable: Iterable<number> = {
      [Symbol.iterator]: () => ({ next: () => ({ done: false, value: i++ }), return: returned }),
    };
    const { subscription, values } = hold(fromIterable(iterable, { credit: 2 }));
    expect(values()).toEqual([0, 1]);
    expect(returned).not.toHaveBeenCalled();
    subscription.unsubscribe();
    expect(returned).toHaveBeenCalledTimes(1);
    subscription.unsubscribe();
    expect(returned).toHaveBeenCalledTimes(1);
  });

  it('should stop an infinite generator', () => {
    function* naturals(): Generator<number> {
      let n = 0;
      while (true) yield n++;
    }
    let got: number[] = [];
    fromIterable(naturals())
      .pipe(rxTake(4), toArray())
      .subscribe((xs) => (got = xs));
    expect(got).toEqual([0, 1, 2, 3]);
  });

  it('should fail with a Defect when the iterator throws', () => {
    const boom = new Error('boom');
    function* failing(): Generator<string> {
      yield 'a';
      throw boom;
    }
    testScheduler().run(({ expectObservable }) => {
      expectObservable(fromIterable(failing())).toBe('(a#)', undefined, new Defect(boom, 'fromIterable'));
    });
  });

  it('should give Left(Defect) to a runner when the iterator throws, and not call return()', async () => {
    const boom = new Error('boom');
    const returned = jest.fn();
    const iterable: Iterable<number> = {
      [Symbol.iterator]: () => ({
        next: () => {
          throw boom;
        },
        return: returned,
      }),
    };
    const result = await runCollect(fromIterable(iterable))();
    expect(result).toEqual(E.left(new Defect(boom, 'fromIterable')));
    expect(E.isLeft(result) && result.left instanceof Defect && result.left.cause).toBe(boom);
    expect(returned).not.toHaveBeenCalled();
  });

  it('should fail with a Defect when getting the iterator throws', async () => {
    const iterable = {
      [Symbol.iterator]: (): Iterator<number> => {
        throw 'no iterator';
      },
    };
    expect(await runCollect(fromIterable(iterable))()).toEqual(
      E.left(new Defect('no iterator', 'fromIterable')),
    );
  });

  it('should reject a bad credit when made', () => {
    expect(() => fromIterable([1], { credit: -1 })).toThrow(RangeError);
  });
});
