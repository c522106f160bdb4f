import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import { grouped, repeatOm, runCollect, take, takeUntil, takeWhile } from '../../src/index';

/** A source that counts its pulls: an ended stream must not pull it again. */
const counting = () => {
  let runs = 0;
  const source = repeatOm(() => {
    runs++;
    return Promise.resolve(runs);
  });
  return { source, runs: () => runs };
};

describe('take, takeWhile and takeUntil stop their source before they end', () => {
  it('should pull the source exactly n times for take(n)', async () => {
    const c = counting();
    expect(await pipe(c.source, take(2), runCollect)()).toEqual(E.right([1, 2]));
    await new Promise((r) => setTimeout(r, 5));
    expect(c.runs()).toBe(2);
  });

  it('should pull nothing past the failing element for takeWhile, even with a group emitted at the end', async () => {
    const c = counting();
    expect(
      await pipe(
        c.source,
        takeWhile((n: number) => n < 3),
        grouped(5),
        runCollect,
      )(),
    ).toEqual(E.right([[1, 2]]));
    await new Promise((r) => setTimeout(r, 5));
    expect(c.runs()).toBe(3);
  });

  it('should pull nothing past the matching element for takeUntil', async () => {
    const c = counting();
    expect(
      await pipe(
        c.source,
        takeUntil((n: number) => n === 2),
        runCollect,
      )(),
    ).toEqual(E.right([1, 2]));
    await new Promise((r) => setTimeout(r, 5));
    expect(c.runs()).toBe(2);
  });
});
