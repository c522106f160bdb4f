import fc from 'fast-check';
import { pipe } from 'fp-ts/function';
import * as E from 'fp-ts/Either';
import {
  CreditStats,
  filter,
  fromArray,
  grouped,
  mapParallel,
  mapParallelUnordered,
  runCollect,
  traverse_,
} from '../../src/index';

const turn = <A>(a: A, delay: number): Promise<A> =>
  new Promise((resolve) =>
    delay === 0 ? setImmediate(() => resolve(a)) : setTimeout(() => resolve(a), delay),
  );

describe('credit (property)', () => {
  it('should never have more in flight than max(credit, what the stages need), and lose nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        async (items, credit, parallel, groupSize, ordered) => {
          const stats = new CreditStats();
          let inFlightSeenBySink = 0;
          const seen: number[] = [];
          const result = await pipe(
            fromArray(items, { credit, stats }),
            filter((n: number) => n % 7 !== 0),
            (ordered ? mapParallel : mapParallelUnordered)(parallel, (n: number) => turn(n, n % 3)),
            grouped(groupSize),
            traverse_((group: number[]) => {
              inFlightSeenBySink = Math.max(inFlightSeenBySink, stats.inFlight);
              seen.push(...group);
              return turn(undefined, 0);
            }),
          )();
          // the stages' demand (docs/design/credit.md): the runner starts at 0, grouped(g) makes it (0 + 1) × g,
          // mapParallel(p) adds p
          const limit = Math.max(credit, (0 + 1) * groupSize + parallel);
          expect(E.isRight(result)).toBe(true);
          expect(stats.maxInFlight).toBeLessThanOrEqual(limit);
          expect(inFlightSeenBySink).toBeLessThanOrEqual(limit);
          expect(stats.pulled).toBe(items.length);
          expect(stats.finished).toBe(items.length);
          const expected = items.filter((n) => n % 7 !== 0);
          if (ordered) expect(seen).toEqual(expected);
          else expect([...seen].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);

  it('should give a plain collect exactly the input, whatever the credit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.anything(), { maxLength: 500 }),
        fc.integer({ min: 1, max: 300 }),
        async (items, credit) => {
          const stats = new CreditStats();
          expect(await runCollect(fromArray(items, { credit, stats }))()).toEqual(E.right(items));
          expect(stats.maxInFlight).toBeLessThanOrEqual(credit);
        },
      ),
      { numRuns: 100 },
    );
  });
});
